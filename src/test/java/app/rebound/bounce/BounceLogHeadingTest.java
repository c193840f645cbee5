package app.rebound.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.insight.Alert;
import app.rebound.insight.AlertKind;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The bounce-log heading's "an alert about this campaign is open" flag, which decides whether the page reads the
 * alerts at all: it follows the alert statuses of {@link Alert} (the heading's SQL names the resolved status itself),
 * for this campaign only.
 */
@QuarkusTest
class BounceLogHeadingTest {
    @Inject
    Fixtures fixtures;
    @Inject
    BounceLogSql sql;
    @Inject
    Db db;

    private boolean ongoing(Fixtures.World w) {
        return QuarkusTransaction.requiringNew().call(() -> sql.heading(w.tenantId(), w.campaignId(), true).ongoingAlerts());
    }

    @Test
    void theFlagFollowsTheAlertsStatusesForThisCampaignOnly() {
        Fixtures.World w = fixtures.aWorld(fixtures.aTenant("heading"), 1);
        Fixtures.World other = fixtures.aWorld(w.tenantId(), 1);
        assertFalse(ongoing(w), "no alert yet");
        db.update("insert into alert (id, tenant_id, kind, scope_key, status, summary, evidence, campaign_id, opened_at,"
                + " last_seen_at) values (nextval('alert_seq'), ?, ?, ?, ?, 's', 'e', ?, now(), now())",
                w.tenantId(), AlertKind.BAD_IMPORT.code(), "campaign:" + w.campaignId(), Alert.OPEN, w.campaignId());
        assertTrue(ongoing(w), "an open alert about the campaign");
        assertFalse(ongoing(other), "another campaign's alert is not this one's");
        db.update("update alert set status = ? where tenant_id = ?", Alert.ACKNOWLEDGED, w.tenantId());
        assertTrue(ongoing(w), "acknowledged is still ongoing");
        assertEquals(1, db.update("update alert set status = ?, resolved_at = now() where tenant_id = ?", Alert.RESOLVED,
                w.tenantId()));
        assertFalse(ongoing(w), "a resolved alert is history");
    }
}
