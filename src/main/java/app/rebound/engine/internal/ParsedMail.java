package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;

/** The MIME structure of one message, reduced to what the decoders need. */
public final class ParsedMail {
    public final Headers head = new Headers();
    public final List<Part> parts = new ArrayList<>();
    /** Header of the returned original (message/rfc822 or text/rfc822-headers), or null. */
    public Headers original;
    /**
     * The returned original, raw, when it is itself a delivery report: a gateway (Trend Micro, a forwarding
     * filter) wrapped the bounce it received. Read only then, and at most the message size limit; else null.
     */
    public byte[] enclosedReport;
    public String topMimeType = "text/plain";
    public String topReportType = "";
    public final List<String> errors = new ArrayList<>();
    /** Memo: index where the returned original starts in the human-readable text, -1 = not computed. */
    int cut = -1;
    String cutOf;
    /** Memo: phrase hits of the subject and the human-readable head ({@link Signals#headHits}). */
    long[] headHits;
    String headHitsOf;
}
