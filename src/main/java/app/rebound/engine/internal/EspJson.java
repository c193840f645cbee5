package app.rebound.engine.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.List;

/** Amazon SES notifications delivered by e-mail (SNS e-mail subscription): Bounce, Delivery, Complaint JSON. */
final class EspJson {
    private EspJson() {
    }

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(2_000_000).maxNumberLength(100).build())
            .build());

    /**
     * Result: facts (bounce / delivery), or a complaint and its recipients (possibly none named); null when the text
     * is no SES notification. Any other notification type gives no facts and no complaint: not a bounce. Only the
     * recipient fields are read for addresses: the sending identity, {@code source}, ARNs and the original's
     * headers never become recipients.
     */
    record Ses(List<Fact> facts, boolean complaint, List<String> complained, String feedbackType) {
    }

    static Ses ses(String human) {
        int i = human.indexOf('{');
        if (i < 0 || human.length() > 2_000_000) {
            return null;
        }
        String t = human.substring(i);
        if (!t.contains("notificationType") && !t.contains("eventType")) {
            return null;
        }
        JsonNode root = parse(t);
        if (root == null && t.indexOf('\n') >= 0) {
            // Mail software wrapped the long JSON lines (a line break and a blank inserted): join them again.
            root = parse(t.replace("\n ", "").replace("\n", ""));
        }
        if (root == null) {
            return null;
        }
        if (root.has("Message") && root.get("Message").isTextual()) {
            JsonNode inner = parse(root.get("Message").asText());
            if (inner != null) {
                root = inner;
            }
        }
        String type = root.path("notificationType").asText(root.path("eventType").asText(""));
        List<Fact> facts = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                JsonNode b = root.path("bounce");
                String reporting = b.path("reportingMTA").asText("");
                String bt = b.path("bounceType").asText("");
                String sub = b.path("bounceSubType").asText("");
                for (JsonNode r : b.path("bouncedRecipients")) {
                    Fact f = new Fact();
                    f.decoder = "amazonses";
                    f.recipient = Text.addressOrVerbatim(r.path("emailAddress").asText(""));
                    f.action = r.path("action").asText("failed");
                    String st = Text.findStatus(r.path("status").asText(""));
                    f.status = st == null ? "" : st;
                    String diag = r.path("diagnosticCode").asText("");
                    int semi = diag.indexOf(';');
                    if (semi > 0 && semi < 20) {
                        f.diagnosticType = diag.substring(0, semi).trim().toUpperCase();
                        diag = diag.substring(semi + 1).trim();
                    }
                    f.diagnostic = Text.squash(diag);
                    f.reportingMta = Decoders.afterSemicolon(reporting);
                    if (f.diagnostic.isEmpty()) {
                        f.context = bt + " " + sub;
                        if (sub.equals("Suppressed") || sub.equals("OnAccountSuppressionList")) {
                            f.presetReason = "suppressed";
                            f.presetRule = "amazonses:" + sub;
                        } else if (sub.equals("MailboxFull")) {
                            f.presetReason = "mailboxfull";
                            f.presetRule = "amazonses:" + sub;
                        } else if (sub.equals("MessageTooLarge")) {
                            f.presetReason = "mesgtoobig";
                            f.presetRule = "amazonses:" + sub;
                        } else if (sub.equals("NoEmail")) {
                            f.presetReason = "userunknown";
                            f.presetRule = "amazonses:" + sub;
                        } else if (sub.equals("ContentRejected") || sub.equals("AttachmentRejected")) {
                            f.presetReason = "contenterror";
                            f.presetRule = "amazonses:" + sub;
                        }
                    }
                    facts.add(f);
                }
            }
            case "Delivery" -> {
                JsonNode d = root.path("delivery");
                String resp = d.path("smtpResponse").asText("");
                for (JsonNode r : d.path("recipients")) {
                    Fact f = new Fact();
                    f.decoder = "amazonses";
                    f.recipient = Text.addressOrVerbatim(r.asText(""));
                    f.action = "delivered";
                    String st = Text.findStatus(resp);
                    f.status = st == null ? "2.0.0" : st;
                    f.diagnostic = resp;
                    f.reportingMta = d.path("reportingMTA").asText("");
                    f.remoteMta = d.path("remoteMtaIp").asText("");
                    facts.add(f);
                }
            }
            case "Complaint" -> {
                JsonNode c = root.path("complaint");
                List<String> rs = new ArrayList<>();
                for (JsonNode r : c.path("complainedRecipients")) {
                    rs.add(Text.addressOrVerbatim(r.path("emailAddress").asText("")));
                }
                String ft = c.path("complaintFeedbackType").asText("abuse");
                rs.removeIf(String::isEmpty);
                return new Ses(List.of(), true, rs, ft.isEmpty() ? "abuse" : ft);
            }
            default -> {
                return type.isEmpty() ? null : new Ses(List.of(), false, List.of(), "");
            }
        }
        facts.removeIf(f -> f.recipient.isEmpty());
        return new Ses(facts, false, List.of(), "");
    }

    private static JsonNode parse(String s) {
        // Trailing text after the JSON object is common (SNS footer): read the first value only.
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(s)) {
            return JSON.readTree(p);
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }
}
