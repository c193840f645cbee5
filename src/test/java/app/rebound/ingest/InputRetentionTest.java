package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention sweep deletes expired done and dismissed inputs only, in batches, per tenant. */
@QuarkusTest
class InputRetentionTest {
    @Inject
    Inbox inbox;
    @Inject
    InputRetention retention;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    private long stored(String tenant, String key, String state, String retainUntil) {
        long id = inbox.accept(new InboundInput(tenant, InboundSource.API, key, "message/rfc822",
                ("Subject: " + key + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII), "test", null)).inboundId();
        db.update("update inbound_message set state = ?, retain_until = now() + cast(? as interval) where tenant_id = ? and id = ?",
                state, retainUntil, tenant, id);
        return id;
    }

    private String state(String tenant, long id) {
        List<?> rows = db.rows("select state from inbound_message where tenant_id = ? and id = ?", tenant, id);
        return rows.isEmpty() ? "deleted" : (String) ((java.util.Map<?, ?>) rows.get(0)).get("state");
    }

    @Test
    void deletesOnlyExpiredDoneOrDismissedInputs() {
        String a = fixtures.aTenant("reta");
        String b = fixtures.aTenant("retb");
        List<Long> expired = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expired.add(stored(a, "done-old-" + i, "done", "-1 day"));
        }
        expired.add(stored(a, "dismissed-old", "dismissed", "-1 hour"));
        long otherTenantExpired = stored(b, "done-old-b", "done", "-1 day");
        long doneFresh = stored(a, "done-fresh", "done", "1 day");
        long pendingOld = stored(a, "pending-old", "pending", "-30 days");
        long quarantinedOld = stored(a, "quarantined-old", "quarantined", "-30 days");

        int deleted = retention.sweep();

        assertTrue(deleted >= 5, "at least the 5 expired inputs of these tenants, in batches of 2: " + deleted);
        for (long id : expired) {
            assertEquals("deleted", state(a, id), "expired input " + id);
        }
        assertEquals("deleted", state(b, otherTenantExpired), "every tenant is swept");
        assertEquals("done", state(a, doneFresh), "not yet expired");
        assertEquals("pending", state(a, pendingOld), "pending inputs wait for a worker, however old");
        assertEquals("quarantined", state(a, quarantinedOld), "quarantined inputs wait for an admin, however old");
        assertEquals(3L, db.count("select count(*) from inbound_message where tenant_id = ?", a), "the three kept inputs");
    }
}
