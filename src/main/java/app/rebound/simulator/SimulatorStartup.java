package app.rebound.simulator;

import app.rebound.ingest.smtp.SmtpConfig;
import app.rebound.sending.SmtpTarget;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev mode: starts the bounce simulator and points every tenant's sending servers at it (plain SMTP, no
 * credentials), so sending the demo campaign shows bounces, retries and status changes happen.
 */
@ApplicationScoped
public class SimulatorStartup {
    @ConfigProperty(name = "rebound.simulator.enabled", defaultValue = "false")
    boolean enabled;
    @ConfigProperty(name = "rebound.simulator.port", defaultValue = "2526")
    int port;
    @ConfigProperty(name = "rebound.simulator.point-servers", defaultValue = "true")
    boolean pointServers;

    private final SmtpConfig smtp;
    private final TenantRunner runner;
    private BounceSimulator simulator;

    public SimulatorStartup(SmtpConfig smtp, TenantRunner runner) {
        this.smtp = smtp;
        this.runner = runner;
    }

    // after the demo data (default priority), so its servers exist
    void onStart(@Observes @Priority(5000) StartupEvent e) {
        if (!enabled) {
            return;
        }
        Optional<SmtpTarget> back = smtp.enabled()
                ? Optional.of(new SmtpTarget("127.0.0.1", smtp.port(), TlsMode.NONE, null, null, "simulator.localhost"))
                : Optional.empty();
        simulator = new BounceSimulator("simulator.localhost", back);
        int p = simulator.start(port);
        if (pointServers) {
            for (String tenant : runner.tenantIds()) {
                runner.inTenant(tenant, () -> {
                    for (SendingServer s : SendingServer.<SendingServer>listAll()) {
                        s.smtpHost = "127.0.0.1";
                        s.smtpPort = p;
                        s.tlsMode = TlsMode.NONE;
                        s.username = null;
                        s.password = null;
                        s.passwordSealed = null;
                    }
                    return null;
                });
            }
            Log.infof("Dev mode: every sending server now sends to the bounce simulator on 127.0.0.1:%d", p);
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        if (simulator != null) {
            simulator.close();
        }
    }
}
