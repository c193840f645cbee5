package app.rebound.bench;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.ingest.RecipientDomain;
import app.rebound.insight.AlertService;
import app.rebound.insight.DomainReport;
import app.rebound.tenant.TenantRunner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (prints, never asserts a time) the per-domain report over a 7-day window and the detectors' cost after
 * 1,000 new bounces, on the benchmark database (REBOUND_TEST_DB, filled by bench/generate-bounces.sh). Not a test:
 * its name keeps it out of the suite; bench/insight-report.sh runs it. The profile keeps Flyway from cleaning it.
 */
@QuarkusTest
@TestProfile(InsightBench.BenchDb.class)
@EnabledIfSystemProperty(named = "rebound.bench", matches = "true")
class InsightBench {
    static final String TENANT = System.getProperty("rebound.bench.tenant", "bench-01");
    static final int RUNS = Integer.getInteger("rebound.bench.runs", 7);

    public static class BenchDb implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // never clean the benchmark database: both the plain and the %test names, and cleaning refused outright
            return Map.of("quarkus.flyway.clean-at-start", "false", "%test.quarkus.flyway.clean-at-start", "false",
                    "quarkus.flyway.clean-disabled", "true", "%test.quarkus.flyway.clean-disabled", "true",
                    "quarkus.flyway.out-of-order", "true", "%test.quarkus.flyway.out-of-order", "true");
        }
    }

    @Inject
    DomainReport reports;
    @Inject
    AlertService alerts;
    @Inject
    TenantRunner runner;

    private long[] time(Supplier<?> work) {
        work.get(); // warm-up
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static String stats(long[] ms) {
        return "min %d ms, median %d ms, max %d ms over %d runs".formatted(ms[0], ms[ms.length / 2], ms[ms.length - 1],
                ms.length);
    }

    @Test
    void measure() {
        long bounces = runner.inTenant(TENANT, () -> Bounce.count());
        if (bounces == 0) {
            System.out.println("BENCH database has no bounces for " + TENANT + " (schema migrated): run bench/generate-bounces.sh");
            return;
        }
        Instant now = Instant.now();
        long inWindow = runner.inTenant(TENANT, () -> Bounce.count("occurredAt >= ?1", now.minus(Duration.ofDays(7))));
        System.out.printf("BENCH tenant %s: %,d bounces, %,d in the last 7 days%n", TENANT, bounces, inWindow);
        // cold: no day summarised yet (the first report after V056, or after every day of the window went stale)
        runner.inTenant(TENANT, () -> Bounce.getEntityManager().createNativeQuery(
                "delete from bounce_domain_day_state where tenant_id = :t").setParameter("t", TENANT).executeUpdate());
        runner.inTenant(TENANT, () -> Bounce.getEntityManager().createNativeQuery(
                "delete from bounce_domain_day where tenant_id = :t").setParameter("t", TENANT).executeUpdate());
        long c0 = System.nanoTime();
        runner.inTenant(TENANT, () -> reports.build(Instant.now(), 7, 50, false));
        System.out.printf("BENCH per-domain report, cold (summarises the whole days of both windows first): %d ms%n",
                (System.nanoTime() - c0) / 1_000_000);
        long[] report = time(() -> runner.inTenant(TENANT, () -> reports.build(Instant.now(), 7, 50, false)));
        int rows = runner.inTenant(TENANT, () -> reports.build(Instant.now(), 7, 50, false)).rows().size();
        System.out.printf("BENCH per-domain report, 7 days, more than 50 bounces (%d domains): %s%n", rows, stats(report));
        long[] provider = time(() -> runner.inTenant(TENANT, () -> reports.build(Instant.now(), 7, 50, true)));
        System.out.printf("BENCH per-domain report grouped by provider: %s%n", stats(provider));

        // 1,000 new bounces arrive for the tenant (one ingest batch's worth), then the debounced detector run
        List<Long> campaigns = runner.inTenant(TENANT, () -> Campaign.<Campaign>list("order by sentAt desc").stream()
                .map(c -> c.id).limit(3).toList());
        runner.inTenant(TENANT, () -> {
            Campaign c = Campaign.findById(campaigns.get(0));
            List<Bounce> batch = new ArrayList<>();
            Instant at = Instant.now();
            for (int i = 0; i < 1000; i++) {
                Bounce b = new Bounce();
                b.campaign = c;
                b.recipientEmail = "bench-new-%d-%d@gmail.com".formatted(at.toEpochMilli(), i);
                b.recipientDomain = RecipientDomain.of(b.recipientEmail);
                b.type = i % 3 == 0 ? BounceType.SOFT : BounceType.HARD;
                b.statusCode = i % 3 == 0 ? "4.7.0" : "5.1.1";
                b.replyCode = (short) (i % 3 == 0 ? 451 : 550);
                b.reason = "bench";
                b.fault = Fault.UNKNOWN;
                b.diagnostic = "bench";
                b.occurredAt = at.plusMillis(i);
                b.rawRef = "bench:insight";
                b.persist();
            }
            return null;
        });
        long[] detect = time(() -> runner.inTenant(TENANT, () -> alerts.evaluate(Instant.now())));
        System.out.printf("BENCH detectors for %s after 1,000 new bounces (one debounced run): %s%n", TENANT, stats(detect));
        long t0 = System.nanoTime();
        List<String> tenants = runner.tenantIds();
        for (String t : tenants) {
            runner.inTenant(t, () -> alerts.evaluate(Instant.now()));
        }
        System.out.printf("BENCH detectors over all %d tenants (the 5-minute schedule): %d ms%n", tenants.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
