package app.rebound.ingest.provider;

import app.rebound.engine.RecipientResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * SendGrid's Event Webhook: a JSON array of events. {@code bounce} (type bounce or blocked) and {@code deferred}
 * are judged by the engine from {@code status} and {@code reason}/{@code response}; {@code dropped} means
 * SendGrid did not send (its suppression lists or an invalid address); {@code spamreport} is a complaint;
 * {@code unsubscribe} and {@code group_unsubscribe} unsubscribe. processed, delivered, open, click and
 * group_resubscribe are ignored (a resubscribe must go through Rebound's own re-add rules).
 */
final class SendGridPayloads {
    private static final Provider P = Provider.SENDGRID;
    static final int MAX_EVENTS = 10_000;

    private SendGridPayloads() {
    }

    static List<ProviderEvent> parse(byte[] body, Verdicts v) {
        JsonNode root = PayloadJson.read(body);
        if (!root.isArray()) {
            throw new PayloadException("a SendGrid Event Webhook payload must be a JSON array of events");
        }
        if (root.size() > MAX_EVENTS) {
            throw new PayloadException("a SendGrid batch of " + root.size() + " events exceeds " + MAX_EVENTS);
        }
        List<ProviderEvent> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root) {
            String where = "event[" + i++ + "]";
            if (!e.isObject()) {
                throw new PayloadException(where + " must be an object");
            }
            String event = PayloadJson.text(e, "event", where).toLowerCase(Locale.ROOT);
            String rcpt = PayloadJson.text(e, "email", where);
            Instant at = Times.epoch(e.get("timestamp"));
            RecipientResult verdict;
            String classification;
            switch (event) {
                case "bounce" -> {
                    String type = PayloadJson.text(e, "type", where);
                    String bc = PayloadJson.text(e, "bounce_classification", where);
                    classification = (type.isEmpty() ? "bounce" : type) + (bc.isEmpty() ? "" : "/" + bc);
                    String reason = PayloadJson.text(e, "reason", where);
                    verdict = v.reply(P, rcpt, false, PayloadJson.text(e, "status", where), leadingCode(reason),
                            reason, "", fallback(type, bc), classification, at);
                }
                case "deferred" -> {
                    classification = "deferred";
                    String response = PayloadJson.text(e, "response", where);
                    verdict = v.reply(P, rcpt, true, PayloadJson.text(e, "status", where), leadingCode(response),
                            response, "", "4.0.0", classification, at);
                }
                case "dropped" -> {
                    String reason = PayloadJson.text(e, "reason", where);
                    classification = "dropped" + (reason.isEmpty() ? "" : ": " + clip(reason));
                    verdict = v.providerRefused(P, rcpt, reason, classification, at);
                }
                case "spamreport" -> {
                    classification = "spamreport";
                    verdict = v.complaint(P, rcpt, "abuse", classification, at);
                }
                case "unsubscribe", "group_unsubscribe" -> {
                    classification = event;
                    verdict = v.unsubscribe(P, rcpt, classification, at);
                }
                default -> {
                    continue; // engagement and delivery events
                }
            }
            Links l = new Links().fromObject(e).fromObject(e.get("custom_args"));
            l.messageId(PayloadJson.text(e, "smtp-id", where));
            out.add(new ProviderEvent(P, "sendgrid:" + eventId(e, where), event, classification, verdict, l.build()));
        }
        return out;
    }

    private static String fallback(String type, String classification) {
        if (type.equals("blocked")) {
            return "5.7.1";
        }
        return switch (classification) {
            case "Invalid Address" -> "5.1.1";
            case "Mailbox Unavailable" -> "5.2.1";
            case "Content", "Reputation" -> "5.7.1";
            case "Frequency or Volume Too High" -> "4.7.1";
            default -> null;
        };
    }

    /** {@code sg_event_id}, or a digest of the event when SendGrid sent none. */
    private static String eventId(JsonNode e, String where) {
        String id = PayloadJson.text(e, "sg_event_id", where);
        if (!id.isBlank()) {
            return id.length() > 200 ? id.substring(0, 200) : id;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(e.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }

    /** "550 5.1.1 ..." → 550; 0 when the text does not start with a reply code. */
    static int leadingCode(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "smtp;", 0, 5)) {
            t = t.substring(5).strip();
        }
        if (t.length() >= 3 && Character.isDigit(t.charAt(0)) && Character.isDigit(t.charAt(1))
                && Character.isDigit(t.charAt(2)) && (t.length() == 3 || !Character.isDigit(t.charAt(3)))) {
            int c = Integer.parseInt(t.substring(0, 3));
            return c >= 200 && c <= 599 ? c : 0;
        }
        return 0;
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
