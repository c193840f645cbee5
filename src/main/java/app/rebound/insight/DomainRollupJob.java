package app.rebound.insight;

import app.rebound.tenant.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Summarises each tenant's bounces into the daily rollup ahead of the per-domain report
 * ({@code rebound.insight.rollup-every}, default hourly), so no report pays for it: the days of the longest window and
 * the one before it (2 × 90 days) that are missing or stale. After the first run that is about one day per day.
 */
@ApplicationScoped
public class DomainRollupJob {
    /** The report's longest window (InsightResource) and the previous window it compares with. */
    static final int DAYS_BACK = 2 * 90;
    private final TenantRunner runner;
    private final InsightSql sql;

    public DomainRollupJob(TenantRunner runner, InsightSql sql) {
        this.runner = runner;
        this.sql = sql;
    }

    @Scheduled(every = "${rebound.insight.rollup-every:1h}", delayed = "1m", identity = "insight-domain-rollup",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.forEachTenant("Domain rollup", tenant -> summarize(tenant, LocalDate.now(ZoneOffset.UTC)));
    }

    /** Summarises the tenant's missing or stale days of the last {@link #DAYS_BACK} days before {@code today}. */
    public void summarize(String tenant, LocalDate today) {
        QuarkusTransaction.requiringNew().run(() -> sql.summarizeDays(tenant, today.minusDays(DAYS_BACK), today));
    }
}
