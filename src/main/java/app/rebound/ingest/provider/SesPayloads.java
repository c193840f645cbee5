package app.rebound.ingest.provider;

import app.rebound.engine.MessageLinks;
import app.rebound.engine.RecipientResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Amazon SES notifications, as SNS posts them (an SNS envelope whose {@code Message} string holds the SES JSON),
 * or the bare SES JSON (a saved notification). Both identity notifications ({@code notificationType}) and
 * configuration-set event publishing ({@code eventType}) are read: Bounce, Complaint and DeliveryDelay act;
 * Delivery, Send, Reject, Open, Click, Rendering Failure and Subscription are ignored, and so are SNS
 * subscription confirmations (the endpoint confirms them; they hold no event).
 */
final class SesPayloads {
    private static final Provider P = Provider.SES;

    private SesPayloads() {
    }

    static List<ProviderEvent> parse(byte[] body, Verdicts verdicts) {
        JsonNode root = PayloadJson.read(body);
        if (!root.isObject()) {
            throw new PayloadException("an SES/SNS payload must be a JSON object");
        }
        JsonNode ses = root;
        String fallbackId = "";
        if (root.has("Type")) {
            SnsMessage sns = SnsVerifier.read(root);
            if (!sns.isNotification()) {
                return List.of();
            }
            ses = PayloadJson.read(sns.message(), "the SNS Message is not SES notification JSON");
            fallbackId = sns.messageId();
            if (!ses.isObject()) {
                throw new PayloadException("the SNS Message must hold an SES notification object");
            }
        }
        String type = PayloadJson.text(ses, "notificationType", "SES notification");
        if (type.isEmpty()) {
            type = PayloadJson.text(ses, "eventType", "SES notification");
        }
        if (type.isEmpty()) {
            throw new PayloadException("not an SES notification: neither notificationType nor eventType");
        }
        JsonNode mail = PayloadJson.object(ses, "mail", "SES notification");
        MessageLinks links = links(mail);
        if (fallbackId.isEmpty()) {
            fallbackId = PayloadJson.text(mail, "messageId", "mail");
        }
        return switch (type) {
            case "Bounce" -> bounces(PayloadJson.object(ses, "bounce", "SES notification"), links, fallbackId, verdicts);
            case "Complaint" -> complaints(PayloadJson.object(ses, "complaint", "SES notification"), links, fallbackId,
                    verdicts);
            case "DeliveryDelay" -> delays(PayloadJson.object(ses, "deliveryDelay", "SES notification"), links,
                    fallbackId, verdicts);
            default -> List.of();
        };
    }

    private static List<ProviderEvent> bounces(JsonNode b, MessageLinks links, String fallbackId, Verdicts v) {
        String bounceType = PayloadJson.text(b, "bounceType", "bounce");
        String subType = PayloadJson.text(b, "bounceSubType", "bounce");
        String classification = bounceType + "/" + subType;
        String id = key(PayloadJson.text(b, "feedbackId", "bounce"), fallbackId);
        Instant at = Times.iso(PayloadJson.text(b, "timestamp", "bounce"));
        String remote = PayloadJson.text(b, "remoteMtaIp", "bounce");
        boolean refused = subType.equals("Suppressed") || subType.equals("OnAccountSuppressionList");
        List<ProviderEvent> out = new ArrayList<>();
        for (JsonNode r : recipients(b, "bouncedRecipients")) {
            String rcpt = PayloadJson.text(r, "emailAddress", "bouncedRecipients[]");
            String diag = PayloadJson.text(r, "diagnosticCode", "bouncedRecipients[]");
            RecipientResult verdict = refused
                    ? v.providerRefused(P, rcpt, diag, classification, at)
                    : v.reply(P, rcpt, "delayed".equalsIgnoreCase(PayloadJson.text(r, "action", "bouncedRecipients[]")),
                            PayloadJson.text(r, "status", "bouncedRecipients[]"), 0, diag, remote,
                            fallback(bounceType, subType), classification, at);
            out.add(new ProviderEvent(P, "ses:" + id + ":" + lower(rcpt), "Bounce", classification, verdict, links));
        }
        return out;
    }

    private static List<ProviderEvent> complaints(JsonNode c, MessageLinks links, String fallbackId, Verdicts v) {
        String feedbackType = PayloadJson.text(c, "complaintFeedbackType", "complaint").toLowerCase(Locale.ROOT);
        String subType = PayloadJson.text(c, "complaintSubType", "complaint");
        if (feedbackType.equals("not-spam") || feedbackType.equals("auth-failure")) {
            return List.of(); // ARF reports that are not complaints
        }
        String classification = "Complaint" + (feedbackType.isEmpty() ? "" : "/" + feedbackType)
                + (subType.isEmpty() ? "" : "/" + subType);
        String id = key(PayloadJson.text(c, "feedbackId", "complaint"), fallbackId);
        Instant at = Times.iso(PayloadJson.text(c, "timestamp", "complaint"));
        List<ProviderEvent> out = new ArrayList<>();
        for (JsonNode r : recipients(c, "complainedRecipients")) {
            String rcpt = PayloadJson.text(r, "emailAddress", "complainedRecipients[]");
            RecipientResult verdict = subType.equals("OnAccountSuppressionList")
                    ? v.providerRefused(P, rcpt, "", classification, at)
                    : v.complaint(P, rcpt, feedbackType, classification, at);
            out.add(new ProviderEvent(P, "ses:" + id + ":" + lower(rcpt), "Complaint", classification, verdict, links));
        }
        return out;
    }

    private static List<ProviderEvent> delays(JsonNode d, MessageLinks links, String fallbackId, Verdicts v) {
        String delayType = PayloadJson.text(d, "delayType", "deliveryDelay");
        String classification = "DeliveryDelay/" + delayType;
        Instant at = Times.iso(PayloadJson.text(d, "timestamp", "deliveryDelay"));
        String remote = PayloadJson.text(d, "reportingMTA", "deliveryDelay");
        List<ProviderEvent> out = new ArrayList<>();
        for (JsonNode r : recipients(d, "delayedRecipients")) {
            String rcpt = PayloadJson.text(r, "emailAddress", "delayedRecipients[]");
            RecipientResult verdict = v.reply(P, rcpt, true, PayloadJson.text(r, "status", "delayedRecipients[]"), 0,
                    PayloadJson.text(r, "diagnosticCode", "delayedRecipients[]"), remote,
                    delayType.equals("MailboxFull") ? "4.2.2" : "4.0.0", classification, at);
            out.add(new ProviderEvent(P, "ses:" + key("", fallbackId) + ":delay:"
                    + PayloadJson.text(d, "timestamp", "deliveryDelay") + ":" + lower(rcpt), "DeliveryDelay",
                    classification, verdict, links));
        }
        return out;
    }

    /** What SES's classification says when the recipient entry carries no DSN status. */
    static String fallback(String bounceType, String subType) {
        if (bounceType.equals("Permanent")) {
            return subType.equals("NoEmail") ? "5.1.1" : null;
        }
        if (bounceType.equals("Transient")) {
            return switch (subType) {
                case "MailboxFull" -> "4.2.2";
                case "MessageTooLarge" -> "5.3.4";
                case "ContentRejected", "AttachmentRejected" -> "5.6.0";
                default -> "4.0.0";
            };
        }
        return null;
    }

    private static JsonNode recipients(JsonNode parent, String field) {
        JsonNode a = PayloadJson.array(parent, field, "SES notification");
        for (JsonNode r : a) {
            if (!r.isObject()) {
                throw new PayloadException(field + "[] entries must be objects");
            }
        }
        return a;
    }

    private static MessageLinks links(JsonNode mail) {
        Links l = new Links();
        if (mail.isObject()) {
            l.fromHeaderArray(PayloadJson.array(mail, "headers", "mail"));
            l.fromObject(PayloadJson.object(mail, "tags", "mail"));
            JsonNode common = PayloadJson.object(mail, "commonHeaders", "mail");
            if (common.isObject()) {
                l.messageId(PayloadJson.text(common, "messageId", "commonHeaders"));
            }
        }
        return l.build();
    }

    private static String key(String preferred, String fallback) {
        String k = preferred.isBlank() ? fallback : preferred;
        if (k.isBlank()) {
            throw new PayloadException("SES notification carries no feedbackId or message id to identify it");
        }
        return k.length() > 200 ? k.substring(0, 200) : k;
    }

    static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
