package app.rebound.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What {@code POST /api/v1/inbound} accepts: one raw mail ({@code message/rfc822}), or a batch as JSON
 * {@code {"messages": [{"raw": "<base64 of the mail>", "id": "optional idempotency key"}, ...]}} of at most
 * {@value #MAX_BATCH} mails. A batch is checked completely before anything is stored; each mail is then stored
 * (and deduplicated) on its own, so a retried batch stores nothing twice.
 */
@ApplicationScoped
public class ApiUploads {
    public static final int MAX_BATCH = 100;
    private final Inbox inbox;
    private final ObjectMapper json;

    public ApiUploads(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    public Receipt acceptRaw(String tenantId, byte[] mail, String idempotencyKey, String tokenRef) {
        return inbox.accept(new InboundInput(tenantId, InboundSource.API, idempotencyKey, "message/rfc822", mail, tokenRef, null));
    }

    public List<Receipt> acceptBatch(String tenantId, byte[] body, String tokenRef) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InboundRejectedException("The batch is not valid JSON");
        }
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InboundRejectedException("A batch is {\"messages\": [{\"raw\": \"<base64>\"}, ...]} with at least one message");
        }
        if (messages.size() > MAX_BATCH) {
            throw new InboundRejectedException("A batch holds at most " + MAX_BATCH + " messages, not " + messages.size());
        }
        List<InboundInput> inputs = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode raw = m == null ? null : m.get("raw");
            if (raw == null || !raw.isTextual() || raw.asText().isEmpty()) {
                throw new InboundRejectedException("messages[" + i + "]: \"raw\" (the mail, base64) is required");
            }
            byte[] mail;
            try {
                mail = Base64.getMimeDecoder().decode(raw.asText().getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new InboundRejectedException("messages[" + i + "]: \"raw\" is not base64");
            }
            JsonNode id = m.get("id");
            inputs.add(new InboundInput(tenantId, InboundSource.API, id == null || id.isNull() ? null : id.asText(),
                    "message/rfc822", mail, tokenRef, null));
        }
        for (int i = 0; i < inputs.size(); i++) {
            try {
                inbox.check(inputs.get(i));
            } catch (InboundRejectedException e) {
                throw new InboundRejectedException("messages[" + i + "]: " + e.getMessage());
            }
        }
        return inputs.stream().map(inbox::accept).toList();
    }
}
