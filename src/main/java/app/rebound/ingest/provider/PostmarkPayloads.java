package app.rebound.ingest.provider;

import app.rebound.engine.RecipientResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Postmark's webhooks, one JSON object per request: {@code RecordType} Bounce (judged by the engine from the
 * receiver's reply in {@code Details}, with the bounce {@code TypeCode} as a fallback), SpamComplaint (a
 * complaint) and SubscriptionChange (a manual suppression unsubscribes; suppressions caused by a hard bounce or a
 * complaint repeat events already sent; reactivations are ignored). Delivery, Open and Click are ignored.
 */
final class PostmarkPayloads {
    private static final Provider P = Provider.POSTMARK;

    private PostmarkPayloads() {
    }

    static List<ProviderEvent> parse(byte[] body, Verdicts v) {
        JsonNode e = PayloadJson.read(body);
        if (!e.isObject()) {
            throw new PayloadException("a Postmark webhook payload must be a JSON object");
        }
        String w = "Postmark payload";
        String record = PayloadJson.required(e, "RecordType", w);
        Links links = new Links().fromObject(e.get("Metadata"));
        return switch (record) {
            case "Bounce", "SpamComplaint" -> {
                String rcpt = PayloadJson.text(e, "Email", w);
                Instant at = Times.iso(PayloadJson.text(e, "BouncedAt", w));
                String type = PayloadJson.text(e, "Type", w);
                int code = e.path("TypeCode").asInt(-1);
                String classification = (type.isEmpty() ? record : type) + (code >= 0 ? " (" + code + ")" : "");
                RecipientResult verdict = record.equals("SpamComplaint") || code == 100001
                        ? v.complaint(P, rcpt, "abuse", classification, at)
                        : bounce(v, code, rcpt, e, classification, at);
                if (verdict == null) {
                    yield List.of();
                }
                yield List.of(new ProviderEvent(P, "postmark:" + record + ":" + id(e, w), record, classification,
                        verdict, links.build()));
            }
            case "SubscriptionChange" -> {
                boolean suppress = e.path("SuppressSending").asBoolean(false);
                String why = PayloadJson.text(e, "SuppressionReason", w);
                if (!suppress || !why.equals("ManualSuppression")) {
                    yield List.of();
                }
                String rcpt = PayloadJson.text(e, "Recipient", w);
                String changedAt = PayloadJson.text(e, "ChangedAt", w);
                yield List.of(new ProviderEvent(P, "postmark:SubscriptionChange:" + SesPayloads.lower(rcpt) + ":"
                        + changedAt, record, "SubscriptionChange/" + why,
                        v.unsubscribe(P, rcpt, "SubscriptionChange/" + why, Times.iso(changedAt)), links.build()));
            }
            default -> List.of();
        };
    }

    /** A bounce by its TypeCode (Postmark's bounce types); null for the ones that are no bounce at all. */
    private static RecipientResult bounce(Verdicts v, int code, String rcpt, JsonNode e, String classification,
            Instant at) {
        String details = PayloadJson.text(e, "Details", "Postmark payload");
        String text = details.isBlank() ? PayloadJson.text(e, "Description", "Postmark payload") : details;
        int reply = SendGridPayloads.leadingCode(text);
        return switch (code) {
            case 32, 1024, 16384, 100003, 100008 -> null; // Subscribe, OpenRelayTest, ChallengeVerification, Unconfirmed, InboundError
            case 16 -> v.unsubscribe(P, rcpt, classification, at);
            case 64 -> v.autoReply(P, rcpt, text, classification, at);
            case 100002 -> v.providerRefused(P, rcpt, text, classification, at);
            case 2, 4096 -> v.reply(P, rcpt, code == 2, "", reply, text, "", "4.0.0", classification, at);
            case 256 -> v.reply(P, rcpt, true, "", reply, text, "", "4.4.3", classification, at);
            default -> v.reply(P, rcpt, false, "", reply, text, "", fallback(code), classification, at);
        };
    }

    private static String fallback(int code) {
        return switch (code) {
            case 1 -> "5.1.1";            // HardBounce
            case 128 -> "5.1.6";          // AddressChange
            case 512, 100006 -> "5.7.1";  // SpamNotification, Blocked
            case 8192 -> "5.7.1";         // VirusNotification
            case 100000 -> "5.1.3";       // BadEmailAddress
            case 100007 -> "5.5.2";       // SMTPApiError
            case 100009 -> "5.7.26";      // DMARCPolicy
            case 100010 -> "5.6.0";       // TemplateRenderingFailed
            default -> null;
        };
    }

    private static String id(JsonNode e, String w) {
        String id = PayloadJson.text(e, "ID", w);
        if (id.isBlank()) {
            throw new PayloadException("Postmark payload carries no ID");
        }
        return id.length() > 100 ? id.substring(0, 100) : id;
    }
}
