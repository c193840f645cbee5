package app.rebound.ingest;

import java.time.Instant;

/** One claimed row of {@code inbound_message}, as the workers see it. */
public record StoredInput(long id, String tenantId, InboundSource source, byte[] body, Long sendingServerId,
                          Instant receivedAt, int attempts) {
}
