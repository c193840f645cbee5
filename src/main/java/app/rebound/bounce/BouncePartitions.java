package app.rebound.bounce;

import app.rebound.tenant.TenantSql;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps monthly bounce partitions created a year ahead, so new bounces never land in the default
 * partition (which would block creating that month's partition later). Global, not per tenant.
 */
@ApplicationScoped
public class BouncePartitions {
    static final int MONTHS_AHEAD = 12;
    private final TenantSql sql;

    public BouncePartitions(TenantSql sql) {
        this.sql = sql;
    }

    void onStart(@Observes StartupEvent event) {
        ensure();
    }

    @Scheduled(cron = "0 17 3 * * ?", identity = "bounce-partitions")
    void ensure() {
        sql.ensureBouncePartitions(MONTHS_AHEAD);
        Log.debugf("bounce partitions ensured %d months ahead", MONTHS_AHEAD);
    }
}
