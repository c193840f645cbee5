package app.rebound.ingest;

/**
 * One input as it arrived, before anything is derived from it.
 *
 * @param tenantId        always known at acceptance, from the channel (return-path domain, the sending server's
 *                        mailbox, the API token, the provider endpoint)
 * @param source          the channel
 * @param dedupeKey       the channel's identity of the input (provider event id or body hash, Message-ID, ...);
 *                        null or blank means "the SHA-256 of the body"
 * @param contentType     the media type as declared by the channel (message/rfc822, application/json, ...)
 * @param body            the bytes as received
 * @param sourceRef       where it came from, for people: "smtp:&lt;peer&gt;", "imap:&lt;server id&gt;/&lt;uid&gt;", "api:&lt;token id&gt;"
 * @param sendingServerId the sending server whose channel delivered it (IMAP mailbox), or null
 */
public record InboundInput(String tenantId, InboundSource source, String dedupeKey, String contentType, byte[] body,
                           String sourceRef, Long sendingServerId) {
}
