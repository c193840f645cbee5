package app.rebound.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.insight.DomainReport.Report;
import app.rebound.insight.DomainReport.Row;
import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The per-domain report reads whole old days from the daily rollup (bounce_domain_day) and the rest from the bounces:
 * its numbers equal counting every bounce, also after a late bounce arrives for a summarised day and after a bounce of
 * such a day changes type (a reclassification).
 */
@QuarkusTest
class DomainRollupTest {
    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    DomainReport reports;
    @Inject
    TenantRunner runner;
    @Inject
    Db db;
    @Inject
    DomainRollupJob job;

    String tenant;
    Instant now;

    private Map<String, Row> report() {
        Report r = runner.inTenant(tenant, () -> reports.build(now, 7, 0));
        return r.rows().stream().collect(Collectors.toMap(Row::domain, Function.identity()));
    }

    private long raw(String domain, String type, Instant from, Instant to) {
        return db.count("select count(*) from bounce where tenant_id = ? and recipient_domain = ? and occurred_at >= ?"
                + " and occurred_at < ? and (? = '' or type = ?)", tenant, domain, Timestamp.from(from), Timestamp.from(to),
                type, type);
    }

    private void assertSameAsCountingEveryBounce(Map<String, Row> rows, String domain) {
        Instant from = now.minus(Duration.ofDays(7));
        Row r = rows.get(domain);
        assertEquals(raw(domain, "", from, now), r.total(), domain + " total");
        assertEquals(raw(domain, "hard", from, now), r.hard(), domain + " hard");
        assertEquals(raw(domain, "soft", from, now), r.soft(), domain + " soft");
        assertEquals(raw(domain, "", from.minus(Duration.ofDays(7)), from), r.previousTotal(), domain + " previous window");
    }

    @Test
    void wholeOldDaysComeFromTheRollupWithTheSameNumbersAndLateOrChangedBouncesAreCounted() {
        tenant = fixtures.aTenant("rollup");
        Setup s = insight.setup(tenant);
        now = Instant.now();
        long c = insight.campaign(s, s.serverId(), "Rollup", 1000, now.minus(Duration.ofDays(20)));
        // every 7 hours over 16 days, so every UTC day and both windows' ragged edges hold bounces
        for (Instant at = now.minus(Duration.ofDays(16)); at.isBefore(now); at = at.plus(Duration.ofHours(7))) {
            insight.bounces(tenant, c, 2, "5.1.1", "big-rollup.com", at);
            insight.bounces(tenant, c, 1, "4.2.2", "big-rollup.com", at);
            insight.bounces(tenant, c, 1, "5.7.1", "small-rollup.com", at);
        }
        Map<String, Row> rows = report();
        assertSameAsCountingEveryBounce(rows, "big-rollup.com");
        assertSameAsCountingEveryBounce(rows, "small-rollup.com");
        assertEquals(Map.of("5.1.1", rows.get("big-rollup.com").hard(), "4.2.2", rows.get("big-rollup.com").soft()),
                rows.get("big-rollup.com").topCodes().stream().collect(Collectors.toMap(DomainReport.CodeCount::code,
                        DomainReport.CodeCount::count)));
        // the whole days at least two days old of both windows were summarised
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long summarised = db.count("select count(*) from bounce_domain_day_state where tenant_id = ? and not stale", tenant);
        assertTrue(summarised >= 10, "summarised days: " + summarised);
        assertEquals(0L, db.count("select count(*) from bounce_domain_day_state where tenant_id = ? and day >= ?",
                tenant, today.minusDays(1)), "the two newest days are never summarised");
        // the report reads the rollup: a (deliberately) wrong rollup row shows in it
        db.update("update bounce_domain_day set n = n + 1000 where tenant_id = ? and day = ? and recipient_domain = ?"
                + " and type = 'hard'", tenant, today.minusDays(4), "small-rollup.com");
        assertEquals(raw("small-rollup.com", "", now.minus(Duration.ofDays(7)), now) + 1000, report().get("small-rollup.com").total());
        db.update("update bounce_domain_day set n = n - 1000 where tenant_id = ? and day = ? and recipient_domain = ?"
                + " and type = 'hard'", tenant, today.minusDays(4), "small-rollup.com");

        // a late bounce for a summarised day marks it stale; the next report counts it
        Instant late = today.minusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
        insight.bounces(tenant, c, 5, "5.1.1", "late-rollup.com", late);
        assertEquals(1L, db.count("select count(*) from bounce_domain_day_state where tenant_id = ? and day = ? and stale",
                tenant, today.minusDays(4)));
        rows = report();
        assertEquals(5, rows.get("late-rollup.com").total());
        assertSameAsCountingEveryBounce(rows, "big-rollup.com");

        // a bounce of a summarised day changes type (as a reclassification does): hard and soft follow
        assertEquals(2, db.update("update bounce set type = 'soft', status_code = '4.4.1' where tenant_id = ?"
                + " and recipient_domain = 'late-rollup.com' and recipient_email in (select recipient_email from bounce"
                + " where tenant_id = ? and recipient_domain = 'late-rollup.com' order by recipient_email limit 2)",
                tenant, tenant));
        rows = report();
        assertEquals(3, rows.get("late-rollup.com").hard());
        assertEquals(2, rows.get("late-rollup.com").soft());
        assertSameAsCountingEveryBounce(rows, "small-rollup.com");
    }

    @Test
    void theHourlyJobSummarisesAheadSoTheReportFindsTheDaysReady() {
        tenant = fixtures.aTenant("rollup-job");
        Setup s = insight.setup(tenant);
        now = Instant.now();
        long c = insight.campaign(s, s.serverId(), "Rollup job", 100, now.minus(Duration.ofDays(20)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 2; d <= 12; d++) {
            insight.bounces(tenant, c, 2, "5.1.1", "job-rollup.com", today.minusDays(d).atStartOfDay(ZoneOffset.UTC)
                    .toInstant().plus(Duration.ofHours(6)));
        }
        job.summarize(tenant, today);
        // every day of the two 90-day windows up to two days ago is summarised, with or without bounces
        long summarisable = db.count("select ((now() - interval '10 minutes') at time zone 'UTC')::date - 1 - ?::date",
                today.minusDays(DomainRollupJob.DAYS_BACK)); // 179, or 178 in the first ten minutes after midnight
        assertEquals(summarisable, db.count(
                "select count(*) from bounce_domain_day_state where tenant_id = ? and not stale", tenant));
        assertEquals(22L, db.count("select sum(n) from bounce_domain_day where tenant_id = ?", tenant));
        String before = db.rows("select day, summarized_at from bounce_domain_day_state where tenant_id = ? order by day",
                tenant).toString();
        assertSameAsCountingEveryBounce(report(), "job-rollup.com");
        assertEquals(before, db.rows("select day, summarized_at from bounce_domain_day_state where tenant_id = ?"
                + " order by day", tenant).toString(), "the report summarised nothing itself");
    }
}
