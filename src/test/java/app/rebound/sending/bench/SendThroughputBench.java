package app.rebound.sending.bench;

import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sending.CampaignSender;
import app.rebound.sending.RetryScheduler;
import app.rebound.sending.SendingSql;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import app.rebound.simulator.BounceSimulator;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Measures, prints, asserts nothing about time (run on demand: bench/send-throughput.sh): a campaign of
 * {@code bench.recipients} (default 100,000) sent to the bounce simulator, then the same number of retries due at
 * once (retry_state rows as the pipeline writes them; the simulator accepts each retry).
 */
@QuarkusTest
class SendThroughputBench {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    CampaignSender sender;
    @Inject
    RetryScheduler retries;
    @Inject
    SendingSql sql;
    @Inject
    Db db;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("bench.recipients", 100_000);
        try (BounceSimulator sim = new BounceSimulator("mx.bench.test", Optional.empty())) {
            int port = sim.start(0);
            String tenant = fixtures.aTenant("bench-send");
            Fixtures.World w = fixtures.aWorld(tenant, 0);
            runner.inTenant(tenant, () -> {
                SendingServer s = SendingServer.findById(w.serverId());
                s.smtpHost = "127.0.0.1";
                s.smtpPort = port;
                s.tlsMode = TlsMode.NONE;
                s.username = null;
                s.password = null;
                s.returnPathDomain = "bounces." + tenant + ".test";
                return null;
            });
            long t0 = System.nanoTime();
            db.update("insert into subscriber (id, tenant_id, list_id, email) select nextval('subscriber_seq'), ?, ?,"
                    + " 'r' || g || '@example.net' from generate_series(1, ?) g", tenant, w.listId(), n);
            System.out.printf("bench: %d subscribers in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

            t0 = System.nanoTime();
            sender.request(tenant, w.campaignId());
            double listed = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            int sent = sender.sendCampaign(tenant, w.campaignId());
            double s = (System.nanoTime() - t0) / 1e9;
            SendingSql.Progress p = sql.progress(tenant, w.campaignId()).orElseThrow();
            System.out.printf("bench: campaign of %d listed in %.1f s, sent in %.1f s = %.0f mails/s; simulator accepted %d,"
                    + " twice: %d, state %s%n", p.total(), listed, s, sent / s, sim.acceptedTotal(), sim.acceptedMoreThanOnce().size(), p.state());

            // retries: the same number due at once
            Instant due = Instant.now().minusSeconds(1);
            db.update("insert into retry_state (tenant_id, campaign_id, subscriber_id, sending_server_id, first_bounce_at,"
                    + " last_bounce_at, last_bounce_id, next_retry_at) select tenant_id, ?, id, ?, now(), now(), 0, ?"
                    + " from subscriber where tenant_id = ? and list_id = ?", w.campaignId(), w.serverId(),
                    java.sql.Timestamp.from(due), tenant, w.listId());
            sim.reset();
            long dueCount = db.count("select count(*) from retry_state where tenant_id = ? and state = 'pending'", tenant);
            t0 = System.nanoTime();
            int attempts = retries.runOnce(tenant, Instant.now());
            double r = (System.nanoTime() - t0) / 1e9;
            System.out.printf("bench: %d retries due at once: %d attempts in %.1f s = %.0f retries/s; the last due one"
                    + " was sent %.1f s after it fell due (at most); delivered %d%n", dueCount, attempts, r, attempts / r,
                    Duration.between(due, Instant.now()).toMillis() / 1000.0,
                    db.count("select count(*) from retry_attempt where tenant_id = ? and outcome = 'delivered'", tenant));
        }
    }
}
