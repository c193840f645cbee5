package app.rebound.sending;

import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * SMTP-time refusals go into the ingestion pipeline as {@link InboundSource#SMTP_REJECTION} inputs, in the JSON
 * format {@code SmtpRejectionParser} defines, with the receiver's verbatim reply: they become bounces like any other.
 */
@ApplicationScoped
public class Rejections {
    /** One refusal of one recipient. */
    public record Rejection(String recipient, long campaignId, long subscriberId, String messageId,
                            SmtpSendException.Stage stage, SmtpReply reply, String remoteMta, Instant at) {
    }

    private final Inbox inbox;
    private final ObjectMapper json;

    public Rejections(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    /** Stores the refusals as one input (at most 1,000); nothing when the list is empty. */
    public void submit(String tenant, long serverId, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode arr = root.putArray("rejections");
        for (Rejection r : rejections) {
            ObjectNode n = arr.addObject();
            n.put("recipient", r.recipient());
            n.put("replyCode", r.reply().code());
            r.reply().enhancedCode().ifPresent(e -> n.put("enhancedCode", e));
            n.put("text", textAfterCodes(r.reply()));
            n.put("command", r.stage().name());
            if (r.remoteMta() != null) {
                n.put("remoteMta", r.remoteMta());
            }
            if (r.messageId() != null) {
                n.put("messageId", r.messageId());
            }
            n.put("campaign", Long.toString(r.campaignId()));
            n.put("subscriber", Long.toString(r.subscriberId()));
            n.put("occurredAt", r.at().toString());
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        inbox.accept(new InboundInput(tenant, InboundSource.SMTP_REJECTION, null, "application/json", body,
                "sending:server/" + serverId, serverId));
    }

    /** The reply's words without the leading "550 5.1.1 " (the parser puts the codes back in front). */
    static String textAfterCodes(SmtpReply reply) {
        String t = reply.text().replaceFirst("^\\d{3}[ -]", "");
        if (reply.enhancedCode().isPresent() && t.startsWith(reply.enhancedCode().get())) {
            t = t.substring(reply.enhancedCode().get().length());
        }
        t = t.strip();
        return t.isEmpty() ? reply.text() : t;
    }
}
