package app.rebound.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounce log's plan-cache choice, seen in PostgreSQL's own view of the connection's prepared statements: the
 * page without filter columns runs on a cached generic plan (set for the transaction by the heading statement that
 * precedes it in a view), a filtered page on custom plans (the driver prepares a statement on the server from its
 * fifth execution on the connection; one transaction keeps one connection).
 */
@QuarkusTest
class BounceLogPlanCacheTest {
    @Inject
    Fixtures fixtures;
    @Inject
    BounceLogSql sql;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theUnfilteredPageIsPlannedOnceTheDomainFilterPerCall() {
        Fixtures.World w = fixtures.aWorld(fixtures.aTenant("plans"), 60);
        BounceLogFilter domain = BounceLogFilter.parse(null, null, null, null, null, null, "example.net", null, null);
        BounceLogFilter hard = BounceLogFilter.parse("hard", null, null, null, null, null, null, null, null);
        Map<String, long[]> plans = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            // the filtered page first: the heading of an unfiltered view sets the generic choice for the rest of
            // its transaction
            assertTrue(sql.heading(w.tenantId(), w.campaignId(), BounceLogSql.genericPlanFits(domain)) != null);
            for (int i = 0; i < 20; i++) {
                sql.page(w.tenantId(), w.campaignId(), domain, null, 51, null, null, 0);
            }
            // type, side and investigate have no index of their own: the log index in order is every plan's, so
            // they are planned once too
            assertTrue(sql.heading(w.tenantId(), w.campaignId(), BounceLogSql.genericPlanFits(hard)) != null);
            for (int i = 0; i < 8; i++) {
                sql.page(w.tenantId(), w.campaignId(), hard, null, 51, null, null, 0);
            }
            assertTrue(sql.heading(w.tenantId(), w.campaignId(), BounceLogSql.genericPlanFits(BounceLogFilter.NONE)) != null);
            for (int i = 0; i < 8; i++) {
                assertEquals(51, sql.page(w.tenantId(), w.campaignId(), BounceLogFilter.NONE, null, 51, null, null, 0).size());
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select statement, generic_plans, custom_plans from pg_prepared_statements"
                            + " where statement like 'select id, subscriber_id, recipient_email%'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String statement = rs.getString(1);
                    plans.put(statement.contains("recipient_domain") ? "domain" : statement.contains("type = ") ? "type" : "none",
                            new long[] {rs.getLong(2), rs.getLong(3)});
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(plans.keySet().containsAll(java.util.List.of("none", "domain", "type")), "all prepared on the server: " + plans.keySet());
        assertTrue(plans.get("type")[0] >= 3, "generic plans of the type filter: " + plans.get("type")[0]);
        assertEquals(0, plans.get("type")[1], "no custom plan for the type filter");
        assertTrue(plans.get("none")[0] >= 3, "generic plans of the unfiltered page: " + plans.get("none")[0]);
        assertEquals(0, plans.get("none")[1], "no custom plan for the unfiltered page");
        assertTrue(plans.get("domain")[1] >= 15, "custom plans of the domain filter: " + plans.get("domain")[1]);
        assertEquals(0, plans.get("domain")[0], "a filtered page never falls back to a generic plan");
    }
}
