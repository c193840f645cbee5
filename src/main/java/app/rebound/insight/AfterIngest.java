package app.rebound.insight;

import app.rebound.ingest.BouncesRecorded;
import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the detectors soon after new bounces are recorded, not only on the 5-minute schedule. Debounced per tenant:
 * a committed ingest batch only marks its tenants; every {@code rebound.insight.after-ingest-every} (10 s) each
 * marked tenant is evaluated once, however many batches arrived meanwhile.
 */
@ApplicationScoped
public class AfterIngest {
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final TenantRunner runner;
    private final AlertService alerts;

    public AfterIngest(TenantRunner runner, AlertService alerts) {
        this.runner = runner;
        this.alerts = alerts;
    }

    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) BouncesRecorded event) {
        pending.addAll(event.tenantIds());
    }

    /** The tenants waiting for a run (tests look). */
    public Set<String> pending() {
        return Set.copyOf(pending);
    }

    @Scheduled(every = "${rebound.insight.after-ingest-every:10s}", delayed = "10s", identity = "insight-after-ingest",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void runPending() {
        List<String> due = new ArrayList<>(pending);
        for (String tenant : due) {
            pending.remove(tenant);
            try {
                runner.inTenant(tenant, () -> alerts.evaluate(Instant.now()));
            } catch (RuntimeException e) {
                Log.errorf(e, "Alert detectors after ingestion failed for tenant %s", tenant);
            }
        }
    }
}
