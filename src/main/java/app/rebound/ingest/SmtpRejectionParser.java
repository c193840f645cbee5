package app.rebound.ingest;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceAnalyzer;
import app.rebound.engine.StatusCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SMTP-time rejections reported by Rebound's own sending side ({@link InboundSource#SMTP_REJECTION}): the receiver
 * refused a recipient during the SMTP dialogue, so there is no bounce mail. Body: one JSON object, or
 * {@code {"rejections": [ ... ]}} with up to 1,000 of them:
 * <pre>{@code
 * {"recipient": "ann@example.com",      required
 *  "replyCode": 550,                    required, 200..599
 *  "enhancedCode": "5.1.1",             optional (RFC 3463)
 *  "text": "The email account ...",     required: the receiver's reply text, verbatim
 *  "command": "RCPT",                   optional: the SMTP command answered (MAIL, RCPT, DATA, ...)
 *  "remoteMta": "mx.example.com",       optional
 *  "sendingIp": "192.0.2.10",           optional
 *  "messageId": "abc@rebound.example",  optional: Message-ID of the refused message
 *  "campaign": "12", "subscriber": "34",  the send, as ids
 *  "occurredAt": "2026-11-30T15:00:00Z"}  optional, ISO-8601
 * }</pre>
 * Each rejection is classified by the engine exactly like a bounce mail saying the same (it is rendered as a
 * minimal RFC 3464 report), so both sources share one vocabulary.
 */
@ApplicationScoped
public class SmtpRejectionParser implements InboundParser {
    static final int MAX_REJECTIONS = 1000;
    private static final BounceAnalyzer ENGINE = BounceAnalyzer.standard();
    private final ObjectMapper json;

    public SmtpRejectionParser(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handles(InboundSource source) {
        return source == InboundSource.SMTP_REJECTION;
    }

    @Override
    public List<ParsedEvent> parse(InboundSource source, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InboundParseException("Not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InboundParseException("Not valid JSON: " + e.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isObject() && root.has("rejections")) {
            JsonNode arr = root.get("rejections");
            if (!arr.isArray() || arr.isEmpty()) {
                throw new InboundParseException("\"rejections\" must be a non-empty array");
            }
            if (arr.size() > MAX_REJECTIONS) {
                throw new InboundParseException("more than " + MAX_REJECTIONS + " rejections in one input");
            }
            arr.forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        } else {
            throw new InboundParseException("Expected a JSON object or {\"rejections\": [...]}");
        }
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(event(items.get(i), items.size() == 1 ? "" : "rejection " + (i + 1) + ": "));
        }
        return out;
    }

    private ParsedEvent event(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new InboundParseException(where + "not a JSON object");
        }
        String recipient = required(n, "recipient", where).toLowerCase(Locale.ROOT);
        if (!recipient.matches("[^@\\s<>]{1,64}@[^@\\s<>]{1,255}")) {
            throw new InboundParseException(where + "\"recipient\" is not an email address");
        }
        JsonNode rc = n.get("replyCode");
        if (rc == null || !rc.canConvertToInt() || rc.asInt() < 200 || rc.asInt() > 599) {
            throw new InboundParseException(where + "\"replyCode\" must be a number from 200 to 599");
        }
        int replyCode = rc.asInt();
        String enhanced = text(n, "enhancedCode");
        if (!enhanced.isEmpty() && StatusCode.tryParse(enhanced) == null) {
            throw new InboundParseException(where + "\"enhancedCode\" is not an enhanced status code: " + enhanced);
        }
        String reply = required(n, "text", where);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        String when = text(n, "occurredAt");
        if (!when.isEmpty()) {
            try {
                at = OffsetDateTime.parse(when);
            } catch (DateTimeParseException e) {
                throw new InboundParseException(where + "\"occurredAt\" is not an ISO-8601 date-time: " + when);
            }
        }
        String messageId = text(n, "messageId").replaceAll("^<|>$", "");
        String campaign = text(n, "campaign");
        String subscriber = text(n, "subscriber");
        String dsn = dsn(recipient, replyCode, enhanced, reply, text(n, "command"), text(n, "remoteMta"), messageId,
                campaign, subscriber, at);
        AnalysisReport report = ENGINE.analyze(dsn.getBytes(StandardCharsets.UTF_8));
        List<ParsedEvent> events = MailParser.events(report, dsn.getBytes(StandardCharsets.UTF_8));
        String send = !messageId.isEmpty() ? "mid:" + messageId : "send:" + campaign + "." + subscriber;
        String key = "smtp:" + send + "|" + recipient + "|" + replyCode + "|" + enhanced;
        return new ParsedEvent(key, "", events.get(0).report(), text(n, "sendingIp"));
    }

    static String dsn(String recipient, int replyCode, String enhanced, String reply, String command, String remoteMta,
                      String messageId, String campaign, String subscriber, OffsetDateTime at) {
        String status = enhanced.isEmpty() ? (replyCode / 100) + ".0.0" : enhanced;
        String diagnostic = replyCode + (enhanced.isEmpty() ? "" : " " + enhanced) + " " + reply;
        StringBuilder b = new StringBuilder(1024);
        b.append("From: Mail Delivery System <MAILER-DAEMON@rebound.invalid>\r\n")
                .append("To: rebound@rebound.invalid\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"rebound-rejection\"\r\n\r\n")
                .append("--rebound-rejection\r\nContent-Type: text/plain\r\n\r\n")
                .append("The receiving server refused the message during the SMTP dialogue.\r\n\r\n")
                .append("--rebound-rejection\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; rebound.invalid\r\n\r\n")
                .append("Final-Recipient: rfc822; ").append(clean(recipient)).append("\r\n")
                .append("Action: failed\r\n")
                .append("Status: ").append(status).append("\r\n");
        if (!remoteMta.isEmpty()) {
            b.append("Remote-MTA: dns; ").append(clean(remoteMta)).append("\r\n");
        }
        b.append("Diagnostic-Code: smtp; ").append(clean(diagnostic)).append("\r\n");
        if (!command.isEmpty()) {
            b.append("X-Rebound-Smtp-Command: ").append(clean(command)).append("\r\n");
        }
        b.append("Last-Attempt-Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(at)).append("\r\n\r\n")
                .append("--rebound-rejection\r\nContent-Type: text/rfc822-headers\r\n\r\n");
        if (!messageId.isEmpty()) {
            b.append("Message-ID: <").append(clean(messageId)).append(">\r\n");
        }
        if (!campaign.isEmpty()) {
            b.append("X-Rebound-Campaign: ").append(clean(campaign)).append("\r\n");
        }
        if (!subscriber.isEmpty()) {
            b.append("X-Rebound-Subscriber: ").append(clean(subscriber)).append("\r\n");
        }
        b.append("To: <").append(clean(recipient)).append(">\r\n\r\n--rebound-rejection--\r\n");
        return b.toString();
    }

    /** No line breaks or control characters may reach the rendered report (header injection). */
    private static String clean(String s) {
        String t = s.replaceAll("[\\x00-\\x1f\\x7f]+", " ").strip();
        return t.length() <= 2000 ? t : t.substring(0, 2000);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText().strip();
    }

    private static String required(JsonNode n, String field, String where) {
        String v = text(n, field);
        if (v.isEmpty()) {
            throw new InboundParseException(where + "\"" + field + "\" is required");
        }
        return v;
    }
}
