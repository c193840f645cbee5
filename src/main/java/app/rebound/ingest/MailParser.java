package app.rebound.ingest;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceAnalyzer;
import app.rebound.engine.Outcome;
import app.rebound.engine.RecipientResult;
import app.rebound.engine.Verp;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw mail (inbound SMTP, IMAP mailboxes, API uploads) through the bounce engine: one event per recipient. VERP
 * return paths are verified with the tenant's keys, the active one first; a token no key verifies is ignored.
 */
@ApplicationScoped
public class MailParser implements InboundParser {
    private static final BounceAnalyzer UNKEYED = BounceAnalyzer.standard();
    /** The first Received line of the returned original names the sending host's address in brackets. */
    private static final Pattern RECEIVED_IP = Pattern.compile(
            "(?im)^Received:[^\\r\\n]{0,300}?\\[((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f:]{2,39})\\]");
    private static final Pattern ORIGINAL_PART = Pattern.compile(
            "(?i)content-type:\\s*(?:message/rfc822|text/rfc822-headers|message/global)");

    /** An analyzer per key: building one costs about as much as analysing a mail. Bounded, keys rotate rarely. */
    private final java.util.Map<Verp, BounceAnalyzer> analyzers = new java.util.concurrent.ConcurrentHashMap<>();

    private BounceAnalyzer analyzer(Verp key) {
        if (analyzers.size() > 1000) {
            analyzers.clear();
        }
        return analyzers.computeIfAbsent(key, BounceAnalyzer::withVerp);
    }

    @Override
    public boolean handles(InboundSource source) {
        return source.isMail();
    }

    @Override
    public List<ParsedEvent> parse(InboundSource source, byte[] body) {
        return events(UNKEYED.analyze(body), body);
    }

    @Override
    public List<ParsedEvent> parse(InboundSource source, byte[] body, ParseContext context) {
        AnalysisReport report = null;
        for (Verp key : context.verpKeys()) {
            report = analyzer(key).analyze(body);
            if (report.links().verpVerified() || report.outcome() == Outcome.UNPARSEABLE) {
                break;
            }
        }
        return events(report == null ? UNKEYED.analyze(body) : report, body);
    }

    static List<ParsedEvent> events(AnalysisReport report, byte[] body) {
        switch (report.outcome()) {
            case UNPARSEABLE -> throw new InboundParseException("Could not be read: " + String.join("; ", report.errors()));
            case NOT_A_BOUNCE -> throw new InboundParseException(
                    "Not a bounce, complaint or auto-reply (subject: \"" + clip(report.subject()) + "\", from: "
                            + clip(report.from()) + ")");
            default -> {
            }
        }
        if (report.recipients().isEmpty()) {
            throw new InboundParseException("A " + report.outcome().name().toLowerCase(Locale.ROOT)
                    + " that names no recipient");
        }
        String original = report.links().messageId().isEmpty() ? "sha256:" + Inbox.sha256(body)
                : "mid:" + report.links().messageId();
        String ip = sendingIp(body);
        List<ParsedEvent> out = new ArrayList<>();
        for (RecipientResult r : report.recipients()) {
            AnalysisReport one = new AnalysisReport(report.outcome(), List.of(r), report.links(), report.subject(),
                    report.from(), report.errors());
            String key = "mail:" + original + "|" + r.recipient().toLowerCase(Locale.ROOT) + "|" + r.statusText() + "|"
                    + r.type().name().toLowerCase(Locale.ROOT);
            out.add(new ParsedEvent(key, "", one, ip));
        }
        return out;
    }

    /** The sending IP as the receiver saw it: the first bracketed address on a Received line of the original. */
    static String sendingIp(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        Matcher part = ORIGINAL_PART.matcher(text);
        if (!part.find()) {
            return "";
        }
        Matcher m = RECEIVED_IP.matcher(text);
        return m.find(part.end()) ? m.group(1) : "";
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
