package app.rebound.ingest.provider;

import app.rebound.engine.RecipientResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Mailgun's JSON webhooks (v3): {@code {"signature": {...}, "event-data": {...}}}, one event per request.
 * {@code failed} is judged by the engine from {@code delivery-status} (code, enhanced code, the receiver's
 * message); {@code severity: temporary} is a deferral; reasons {@code suppress-bounce}, {@code
 * suppress-unsubscribe} and {@code suppress-complaint} mean Mailgun did not send (its own suppression lists).
 * {@code complained} is a complaint, {@code unsubscribed} unsubscribes; accepted, rejected, delivered, opened,
 * clicked and stored are ignored. Legacy form-encoded webhooks are not read.
 */
public final class MailgunPayloads {
    private static final Provider P = Provider.MAILGUN;

    private MailgunPayloads() {
    }

    /** The JSON body; legacy form-encoded webhooks get a message saying what to configure instead. */
    public static JsonNode read(byte[] body) {
        if (body != null && body.length > 0 && body[0] != '{' && body[0] != '[' && !Character.isWhitespace(body[0])
                && new String(body, 0, Math.min(body.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .matches("(?s)[A-Za-z0-9_.%-]+=.*")) {
            throw new PayloadException("a form-encoded (legacy) Mailgun webhook: configure Mailgun's JSON webhooks "
                    + "(v3, with \"signature\" and \"event-data\") for this URL");
        }
        return PayloadJson.read(body);
    }

    static List<ProviderEvent> parse(byte[] body, Verdicts v) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw new PayloadException("a Mailgun webhook payload must be a JSON object with \"event-data\"");
        }
        JsonNode e = PayloadJson.object(root, "event-data", "Mailgun payload");
        if (!e.isObject()) {
            throw new PayloadException("Mailgun payload carries no \"event-data\" object");
        }
        String w = "event-data";
        String event = PayloadJson.required(e, "event", w).toLowerCase(Locale.ROOT);
        String rcpt = PayloadJson.text(e, "recipient", w);
        Instant at = Times.epoch(e.get("timestamp"));
        RecipientResult verdict;
        String classification;
        switch (event) {
            case "failed" -> {
                String severity = PayloadJson.text(e, "severity", w).toLowerCase(Locale.ROOT);
                String reason = PayloadJson.text(e, "reason", w).toLowerCase(Locale.ROOT);
                classification = "failed/" + (severity.isEmpty() ? "?" : severity) + (reason.isEmpty() ? "" : "/" + reason);
                JsonNode ds = PayloadJson.object(e, "delivery-status", w);
                String message = ds.isObject() ? PayloadJson.text(ds, "message", "delivery-status") : "";
                String description = ds.isObject() ? PayloadJson.text(ds, "description", "delivery-status") : "";
                String text = message.isBlank() ? description : message;
                if (reason.startsWith("suppress-")) {
                    verdict = v.providerRefused(P, rcpt, text, classification, at);
                } else {
                    int code = ds.isObject() ? ds.path("code").asInt(0) : 0;
                    verdict = v.reply(P, rcpt, severity.equals("temporary"),
                            ds.isObject() ? PayloadJson.text(ds, "enhanced-code", "delivery-status") : "", code, text,
                            ds.isObject() ? PayloadJson.text(ds, "mx-host", "delivery-status") : "",
                            fallback(severity, reason), classification, at);
                }
            }
            case "complained" -> {
                classification = "complained";
                verdict = v.complaint(P, rcpt, "abuse", classification, at);
            }
            case "unsubscribed" -> {
                classification = "unsubscribed";
                verdict = v.unsubscribe(P, rcpt, classification, at);
            }
            default -> {
                return List.of();
            }
        }
        Links l = new Links().fromObject(e.get("user-variables"));
        JsonNode message = e.path("message");
        if (message.isObject() && message.path("headers").isObject()) {
            l.messageId(PayloadJson.text(message.get("headers"), "message-id", "message.headers"));
        }
        String id = PayloadJson.text(e, "id", w);
        if (id.isBlank()) {
            throw new PayloadException("Mailgun event-data carries no id");
        }
        JsonNode ts = e.path("timestamp");
        String key = "mailgun:" + clip(id) + ":"
                + clip(ts.isNumber() ? java.math.BigDecimal.valueOf(ts.asDouble()).toPlainString() : ts.asText(""));
        return List.of(new ProviderEvent(P, key, event, classification, verdict, l.build()));
    }

    private static String fallback(String severity, String reason) {
        if (severity.equals("temporary")) {
            return reason.equals("greylisted") ? "4.7.0" : "4.0.0";
        }
        return switch (reason) {
            case "old" -> "4.4.7";
            case "espblock" -> "5.7.1";
            default -> null;
        };
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
