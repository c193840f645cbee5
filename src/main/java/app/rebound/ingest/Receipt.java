package app.rebound.ingest;

/** The answer of {@link Inbox#accept}: the stored input's id, and whether it had already been stored. */
public record Receipt(long inboundId, boolean duplicate) {
}
