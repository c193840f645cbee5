package app.rebound.engine;

import app.rebound.engine.internal.Engine;
import app.rebound.engine.internal.MailReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point: raw bytes of a bounce, complaint, auto-reply or any other mail in, an {@link AnalysisReport} out.
 * Thread-safe and stateless apart from its configuration; never throws for any input.
 *
 * <pre>{@code
 * BounceAnalyzer analyzer = BounceAnalyzer.standard();
 * AnalysisReport r = analyzer.analyze(rawBytes);
 * }</pre>
 */
public final class BounceAnalyzer {
    private final Limits limits;
    private final Engine engine;

    private BounceAnalyzer(Limits limits, Verp verp) {
        this.limits = limits;
        this.engine = new Engine(limits, verp);
    }

    /** Default limits, no VERP key (VERP tokens are then ignored; Message-ID and X-Rebound-* still link). */
    public static BounceAnalyzer standard() {
        return new BounceAnalyzer(Limits.defaults(), null);
    }

    public static BounceAnalyzer withVerp(Verp verp) {
        return new BounceAnalyzer(Limits.defaults(), verp);
    }

    public static BounceAnalyzer of(Limits limits, Verp verp) {
        return new BounceAnalyzer(limits, verp);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Classifies one recipient's failure from an SMTP reply given as parts (no mail), e.g. from an ESP webhook.
     * The result is what the engine decides for that recipient in a delivery status notification carrying these
     * fields: the same reply rules and classifier, with {@code rule} and {@code why} filled. Never throws: a null
     * is read as absent, a status text that is not an enhanced status code is treated as absent, a reply code
     * outside 200..599 as 0.
     *
     * @param recipient  the failed address (angle brackets and an {@code rfc822;} prefix are accepted), or ""
     * @param action     DSN action: failed, delayed, delivered, ... or "" (read as failed)
     * @param status     enhanced status code such as "5.1.1", or null
     * @param replyCode  SMTP reply code such as 550, or 0
     * @param diagnostic the receiver's reply verbatim (an {@code smtp;} prefix is accepted), or ""
     * @param remoteMta  the MTA that answered, or ""
     */
    public RecipientResult classifyReply(String recipient, String action, String status, int replyCode,
                                         String diagnostic, String remoteMta) {
        return engine.classifyReply(recipient, action, status, replyCode, diagnostic, remoteMta);
    }

    /**
     * Analyses one message. If the bytes are an mbox holding several messages, the first one is analysed; use
     * {@link #analyzeAll(byte[])} to get all of them.
     */
    public AnalysisReport analyze(byte[] raw) {
        List<AnalysisReport> all = analyzeAll(raw, 1);
        return all.get(0);
    }

    /** Analyses every message of an mbox (or the single message), in order. Never empty. */
    public List<AnalysisReport> analyzeAll(byte[] raw) {
        return analyzeAll(raw, limits.maxMessagesPerMbox());
    }

    private List<AnalysisReport> analyzeAll(byte[] raw, int max) {
        List<AnalysisReport> out = new ArrayList<>();
        if (raw == null || raw.length == 0) {
            out.add(AnalysisReport.unparseable("empty input"));
            return out;
        }
        if (raw.length > limits.maxMessageBytes()) {
            out.add(AnalysisReport.unparseable(
                    "input of " + raw.length + " bytes exceeds the limit of " + limits.maxMessageBytes() + " bytes"));
            return out;
        }
        List<byte[]> messages;
        try {
            messages = MailReader.splitMbox(raw, max);
        } catch (RuntimeException e) {
            out.add(AnalysisReport.unparseable("cannot split input: " + e));
            return out;
        }
        for (byte[] m : messages) {
            try {
                out.add(engine.analyzeOne(m));
            } catch (RuntimeException | StackOverflowError e) {
                out.add(AnalysisReport.unparseable(MailReader.INTERNAL_ERROR + " while parsing: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
            if (out.size() >= max) {
                break;
            }
        }
        return out;
    }
}
