package app.rebound.ingest;

import java.util.Set;

/** Fired inside an ingest transaction that recorded new bounces, naming their tenants (for after-commit observers). */
public record BouncesRecorded(Set<String> tenantIds, int bounces) {
}
