package app.rebound.crm;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/** One validated activity report: a lower-case address, the CRM's source and kind words, and when (to the µs). */
public record ActivityItem(String email, String source, String kind, Instant occurredAt) {
    public ActivityItem {
        email = Objects.requireNonNull(email).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(source);
        Objects.requireNonNull(kind);
        occurredAt = Objects.requireNonNull(occurredAt).truncatedTo(ChronoUnit.MICROS);
    }

    /** What makes two reports the same report (idempotency). */
    public record Key(String email, String source, String kind, Instant occurredAt) {
    }

    public Key key() {
        return new Key(email, source, kind, occurredAt);
    }
}
