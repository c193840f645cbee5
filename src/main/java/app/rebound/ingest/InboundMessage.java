package app.rebound.ingest;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.List;

/**
 * A stored input, as pages read it (tenant-filtered by Hibernate). The pipeline writes these rows with
 * {@link IngestSql}; pages only read them and move quarantined ones on (reprocess, dismiss).
 */
@Entity
public class InboundMessage extends TenantOwned {
    public String source;
    public String dedupeKey;
    public String contentType;
    public byte[] body;
    public int bodySize;
    public String sourceRef;
    public Long sendingServerId;
    public Instant receivedAt;
    public String state;
    public int attempts;
    public String lastError;
    public Instant nextAttemptAt;
    public Instant processedAt;
    public Instant retainUntil;

    /** A line of the quarantine list (no body). */
    public record Summary(long id, String source, Instant receivedAt, String lastError, int bodySize, int attempts,
                          String sourceRef) {
    }

    public static List<Summary> quarantined(int limit) {
        return find("state = 'quarantined'", Sort.by("receivedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending))
                .project(Summary.class).page(0, limit).list();
    }

    public static long countQuarantined() {
        return count("state", "quarantined");
    }

    /** Back into the queue after a fix; false when the input is not (or no longer) quarantined. */
    public static boolean reprocess(long id) {
        return update("state = 'pending', attempts = 0, nextAttemptAt = :now, processedAt = null"
                + " where id = :id and state = 'quarantined'", Parameters.with("now", Instant.now()).and("id", id)) == 1;
    }

    public static boolean dismiss(long id) {
        return update("state = 'dismissed', processedAt = :now where id = :id and state = 'quarantined'",
                Parameters.with("now", Instant.now()).and("id", id)) == 1;
    }
}
