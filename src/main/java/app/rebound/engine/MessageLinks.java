package app.rebound.engine;

import java.util.Objects;

/**
 * References back to what Rebound sent, found in the bounce. Empty strings when absent.
 *
 * @param tenant        tenant code
 * @param campaign      campaign id
 * @param subscriber    subscriber id
 * @param messageId     Message-ID of the original message (without angle brackets)
 * @param verpVerified  true when tenant/campaign/subscriber came from a VERP address whose MAC verified
 * @param source        where they came from: "verp", "headers", "none"
 */
public record MessageLinks(String tenant, String campaign, String subscriber, String messageId,
                           boolean verpVerified, String source) {

    public static final MessageLinks NONE = new MessageLinks("", "", "", "", false, "none");

    public MessageLinks {
        tenant = Objects.requireNonNullElse(tenant, "");
        campaign = Objects.requireNonNullElse(campaign, "");
        subscriber = Objects.requireNonNullElse(subscriber, "");
        messageId = Objects.requireNonNullElse(messageId, "");
        source = Objects.requireNonNullElse(source, "none");
    }

    public boolean isLinked() {
        return !subscriber.isEmpty() || !messageId.isEmpty();
    }
}
