package app.rebound.sending;

import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * At startup, seals every SMTP secret still stored in plain text (from before issue 11) with the master key and
 * empties the plain column. Idempotent: a sealed secret is left alone.
 */
@ApplicationScoped
public class SmtpSecretMigration {
    private final TenantRunner runner;
    private final SmtpSecrets secrets;

    public SmtpSecretMigration(TenantRunner runner, SmtpSecrets secrets) {
        this.runner = runner;
        this.secrets = secrets;
    }

    void onStart(@Observes @Priority(4000) StartupEvent e) {
        int n = migrate();
        if (n > 0) {
            Log.infof("Sealed %d plain-text SMTP secret(s) with the master key", n);
        }
    }

    /** Seals the plain secrets of every tenant; returns how many were sealed. */
    public int migrate() {
        int n = 0;
        for (String tenant : runner.tenantIds()) {
            n += runner.inTenant(tenant, () -> {
                List<SendingServer> plain = SendingServer.list("password is not null");
                for (SendingServer s : plain) {
                    secrets.setPassword(s, s.password);
                }
                return plain.size();
            });
        }
        return n;
    }
}
