package app.rebound.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain-text SMTP secrets are sealed at rest, and still authenticate. */
@QuarkusTest
class SmtpSecretsTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpSecretMigration migration;
    @Inject
    SmtpSender sender;
    @Inject
    Db db;

    @Test
    void plainSecretsAreSealedAndStillOpen() {
        String tenant = fixtures.aTenant("seal");
        long id = fixtures.aSendingServer(tenant, "plain-" + tenant, "user", "plain-secret-do-not-store", RetryPolicy.DEFAULT);
        migration.migrate();
        Map<String, Object> row = db.one("select password, password_sealed from sending_server where tenant_id = ? and id = ?", tenant, id);
        assertNull(row.get("password"));
        byte[] sealed = (byte[]) row.get("password_sealed");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("plain-secret"), "stored sealed, not in clear");
        String clear = runner.inTenant(tenant, () -> sender.targetOf(SendingServer.findById(id)).password());
        assertEquals("plain-secret-do-not-store", clear);
        assertFalse(runner.inTenant(tenant, () -> sender.targetOf(SendingServer.findById(id)).toString()).contains("plain-secret"));
        assertEquals(0, migration.migrate(), "idempotent: nothing plain is left");
    }
}
