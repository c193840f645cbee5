package app.rebound.ingest;

import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Raw-input retention: per tenant, deletes inputs whose {@code retain_until} has passed and that are done or
 * dismissed, in bounded batches (each its own transaction, so a large backlog never holds long locks). Pending and
 * quarantined inputs are never deleted, however old: they still wait for a worker or an admin. Bounces keep their
 * {@code inbound_id}; the raw-input page then says the input has expired.
 */
@ApplicationScoped
public class InputRetention {
    private final IngestSql sql;
    private final TenantRunner runner;
    private final IngestConfig config;

    public InputRetention(IngestSql sql, TenantRunner runner, IngestConfig config) {
        this.sql = sql;
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${rebound.ingest.sweep.every:1h}", delayed = "60s", identity = "ingest-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.sweep().enabled()) {
            int deleted = sweep();
            if (deleted > 0) {
                Log.infof("retention: deleted %d expired raw inputs", deleted);
            }
        }
    }

    /** Deletes every expired done or dismissed input of every tenant; returns how many. */
    public int sweep() {
        int batch = Math.max(1, config.sweep().batchSize());
        int total = 0;
        for (String tenant : runner.tenantIds()) {
            int n;
            do {
                n = runner.inTenant(tenant, () -> sql.deleteExpired(tenant, batch));
                total += n;
            } while (n == batch);
        }
        return total;
    }
}
