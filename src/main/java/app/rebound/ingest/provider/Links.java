package app.rebound.ingest.provider;

import app.rebound.engine.MessageLinks;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Finds Rebound's references to the send in what a provider echoes back: the {@code X-Rebound-Tenant},
 * {@code -Campaign} and {@code -Subscriber} headers, or custom args / metadata / user variables / tags named
 * {@code rebound_tenant}, {@code rebound_campaign}, {@code rebound_subscriber} (dashes, underscores and case
 * do not matter, an {@code x-} prefix is allowed). They are not authenticated ({@code verpVerified} is false).
 */
final class Links {
    private String tenant = "";
    private String campaign = "";
    private String subscriber = "";
    private String messageId = "";

    /** Reads name/value pairs of a JSON object (values that are arrays give their first element). */
    Links fromObject(JsonNode object) {
        if (object != null && object.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue().isArray() && !e.getValue().isEmpty() ? e.getValue().get(0) : e.getValue();
                if (v.isValueNode()) {
                    put(e.getKey(), v.asText());
                }
            }
        }
        return this;
    }

    /** Reads an array of {@code {"name": ..., "value": ...}} header objects (SES mail.headers). */
    Links fromHeaderArray(JsonNode headers) {
        if (headers != null && headers.isArray()) {
            for (JsonNode h : headers) {
                if (h.isObject() && h.path("name").isTextual() && h.path("value").isValueNode()) {
                    String name = h.get("name").asText();
                    if (name.equalsIgnoreCase("Message-ID") && messageId.isEmpty()) {
                        messageId(h.get("value").asText());
                    } else {
                        put(name, h.get("value").asText());
                    }
                }
            }
        }
        return this;
    }

    Links put(String name, String value) {
        String k = name.toLowerCase(Locale.ROOT).replace('-', '_');
        if (k.startsWith("x_")) {
            k = k.substring(2);
        }
        String v = clip(value == null ? "" : value.trim());
        switch (k) {
            case "rebound_tenant" -> tenant = tenant.isEmpty() ? v : tenant;
            case "rebound_campaign" -> campaign = campaign.isEmpty() ? v : campaign;
            case "rebound_subscriber" -> subscriber = subscriber.isEmpty() ? v : subscriber;
            default -> {
            }
        }
        return this;
    }

    Links messageId(String id) {
        String v = id == null ? "" : id.trim();
        if (v.startsWith("<") && v.endsWith(">") && v.length() > 2) {
            v = v.substring(1, v.length() - 1);
        }
        if (messageId.isEmpty()) {
            messageId = clip(v);
        }
        return this;
    }

    MessageLinks build() {
        boolean any = !tenant.isEmpty() || !campaign.isEmpty() || !subscriber.isEmpty();
        if (!any && messageId.isEmpty()) {
            return MessageLinks.NONE;
        }
        return new MessageLinks(tenant, campaign, subscriber, messageId, false, any ? "headers" : "none");
    }

    private static String clip(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }
}
