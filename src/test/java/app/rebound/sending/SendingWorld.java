package app.rebound.sending;

import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import app.rebound.simulator.BounceSimulator;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import java.util.ArrayList;
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

    /** A subscriber of the world's list with this exact address, bounced, with the pipeline's hard-bounce suppression entry. */
    public long aBouncedSubscriber(Fixtures fixtures, Db db, String email) {
        long id = fixtures.someSubscribers(world, "c", "example.net", 1).get(0);
        db.update("update subscriber set email = ?, status = 'bounced' where tenant_id = ? and id = ?", email, tenant, id);
        db.update("insert into suppressed_address (id, tenant_id, email, reason, added_by) values (nextval('suppressed_address_seq'),"
                + " ?, ?, 'hard_bounce', 'auto-action')", tenant, email);
        return id;
    }

    /** The worlds one test opens (default retry policy, no rate limit), each with its own simulator: close them after it. */
    public static final class Simulators {
        private final List<BounceSimulator> open = new ArrayList<>();

        public SendingWorld open(Fixtures fixtures, TenantRunner runner, SmtpListener listener, String prefix) {
            SendingWorld w = new SendingWorld(fixtures, runner, listener, prefix, RetryPolicy.DEFAULT, null);
            open.add(w.simulator);
            return w;
        }

        public void closeAll() {
            open.forEach(BounceSimulator::close);
            open.clear();
        }
    }
}
