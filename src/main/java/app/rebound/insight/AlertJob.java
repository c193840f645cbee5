package app.rebound.insight;

import app.rebound.tenant.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Runs the detectors for every tenant on a schedule ({@code rebound.insight.detect-every}, default 5 minutes). */
@ApplicationScoped
public class AlertJob {
    private final TenantRunner runner;
    private final AlertService alerts;

    public AlertJob(TenantRunner runner, AlertService alerts) {
        this.runner = runner;
        this.alerts = alerts;
    }

    @Scheduled(every = "${rebound.insight.detect-every:5m}", delayed = "30s", identity = "insight-detectors",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.forEachTenant("Alert detectors", tenant -> runner.inTenant(tenant, () -> alerts.evaluate(Instant.now())));
    }
}
