package app.rebound.sending;

import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import app.rebound.simulator.BounceSimulator;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import java.util.List;
import java.util.Optional;

/**
 * A tenant whose campaign's sending server is the bounce simulator, and the simulator mailing its reports back to
 * Rebound's real inbound SMTP listener: what the sending tests run against.
 */
public final class SendingWorld {
    public final String tenant;
    public final Fixtures.World world;
    public final BounceSimulator simulator;

    public SendingWorld(Fixtures fixtures, TenantRunner runner, SmtpListener listener, String prefix, RetryPolicy policy,
                 Integer rateLimit) {
        int listenerPort = listener.start(0);
        simulator = new BounceSimulator("mx.simulator.test",
                Optional.of(new SmtpTarget("127.0.0.1", listenerPort, TlsMode.NONE, null, null, "simulator.test")));
        int port = simulator.start(0);
        tenant = fixtures.aTenant(prefix);
        world = fixtures.aWorld(tenant, 0);
        runner.inTenant(tenant, () -> {
            SendingServer s = SendingServer.findById(world.serverId());
            s.smtpHost = "127.0.0.1";
            s.smtpPort = port;
            s.tlsMode = TlsMode.NONE;
            s.username = null;
            s.password = null;
            s.returnPathDomain = "bounces." + tenant + ".test";
            s.retryPolicy = policy;
            s.sendRateLimit = rateLimit;
            return null;
        });
    }

    List<Long> subscribers(Fixtures fixtures, String prefix, int n) {
        return fixtures.someSubscribers(world, prefix, "example.net", n);
    }
}
