package app.rebound.ingest.provider;

import app.rebound.engine.RecipientResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SparkPost's event webhook: a JSON array of {@code {"msys": {"<class>": {...}}}} ({@code {"msys": {}}} is the
 * test ping). {@code message_event} types bounce and out_of_band are judged by the engine from
 * {@code raw_reason} and {@code error_code} with {@code bounce_class} as the fallback (class 25 "admin failure"
 * means SparkPost did not send, 60 is an auto-reply, 90 an unsubscribe request, 80 and 100 are no bounce);
 * delay is a deferral, policy_rejection a refusal by SparkPost itself, spam_complaint a complaint;
 * {@code unsubscribe_event} unsubscribes. Injection, delivery, track, generation and relay events are ignored.
 */
final class SparkPostPayloads {
    private static final Provider P = Provider.SPARKPOST;

    private SparkPostPayloads() {
    }

    static List<ProviderEvent> parse(byte[] body, Verdicts v) {
        JsonNode root = PayloadJson.read(body);
        if (!root.isArray()) {
            throw new PayloadException("a SparkPost webhook payload must be a JSON array of {\"msys\": ...} objects");
        }
        if (root.size() > SendGridPayloads.MAX_EVENTS) {
            throw new PayloadException("a SparkPost batch of " + root.size() + " events exceeds " + SendGridPayloads.MAX_EVENTS);
        }
        List<ProviderEvent> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : root) {
            String where = "[" + i++ + "]";
            JsonNode msys = item.isObject() ? item.get("msys") : null;
            if (msys == null || !msys.isObject()) {
                throw new PayloadException(where + " must be an object with an \"msys\" object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = msys.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                if (!c.getValue().isObject()) {
                    throw new PayloadException(where + ".msys." + c.getKey() + " must be an object");
                }
                ProviderEvent pe = event(c.getKey(), c.getValue(), where + ".msys." + c.getKey(), v);
                if (pe != null) {
                    out.add(pe);
                }
            }
        }
        return out;
    }

    private static ProviderEvent event(String eventClass, JsonNode e, String w, Verdicts v) {
        if (!eventClass.equals("message_event") && !eventClass.equals("unsubscribe_event")) {
            return null;
        }
        String type = PayloadJson.text(e, "type", w);
        String rcpt = PayloadJson.text(e, "rcpt_to", w);
        Instant at = Times.epoch(e.get("timestamp"));
        String text = PayloadJson.text(e, "raw_reason", w);
        if (text.isBlank()) {
            text = PayloadJson.text(e, "reason", w);
        }
        int code = leadingNumber(PayloadJson.text(e, "error_code", w));
        String bounceClass = PayloadJson.text(e, "bounce_class", w);
        String classification = type + (bounceClass.isEmpty() ? "" : "/bounce_class " + bounceClass);
        RecipientResult verdict = switch (type) {
            case "bounce", "out_of_band" -> switch (bounceClass) {
                case "25" -> v.providerRefused(P, rcpt, text, classification, at);
                case "60" -> v.autoReply(P, rcpt, text, classification, at);
                case "90" -> v.unsubscribe(P, rcpt, classification, at);
                case "80", "100" -> null;
                default -> v.reply(P, rcpt, false, "", code, text, "", fallback(bounceClass), classification, at);
            };
            case "delay" -> v.reply(P, rcpt, true, "", code, text, "", "4.0.0", classification, at);
            case "policy_rejection" -> v.providerRefused(P, rcpt, text, classification, at);
            case "spam_complaint" -> v.complaint(P, rcpt, PayloadJson.text(e, "fbtype", w), classification, at);
            case "list_unsubscribe", "link_unsubscribe" -> v.unsubscribe(P, rcpt, classification, at);
            default -> null;
        };
        if (verdict == null) {
            return null;
        }
        String id = PayloadJson.text(e, "event_id", w);
        if (id.isBlank()) {
            throw new PayloadException(w + " carries no event_id");
        }
        Links l = new Links().fromObject(e.get("rcpt_meta")).fromObject(e.get("metadata"));
        return new ProviderEvent(P, "sparkpost:" + (id.length() > 100 ? id.substring(0, 100) : id), type,
                classification, verdict, l.build());
    }

    /** SparkPost's bounce classes (support article 1929896) as the status they stand for. */
    static String fallback(String bounceClass) {
        return switch (bounceClass) {
            case "10" -> "5.1.1";
            case "20", "40", "70" -> "4.0.0";
            case "21" -> "4.4.3";
            case "22" -> "4.2.2";
            case "23" -> "5.3.4";
            case "24" -> "4.4.2";
            case "50", "51", "52", "53" -> "5.7.1";
            case "54" -> "5.7.1";
            default -> null;
        };
    }

    private static int leadingNumber(String s) {
        String t = s.strip();
        if (t.length() == 3 && t.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(t);
        }
        return SendGridPayloads.leadingCode(t);
    }
}
