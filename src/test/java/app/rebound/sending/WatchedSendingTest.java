package app.rebound.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's watched sends, from the sending side: each send to a re-added subscriber counts the watch down and is
 * recorded as watched, so a bounce on it flips the subscriber back, even one arriving after the countdown reached
 * zero with that very send. Through the simulator and the real listener.
 */
@QuarkusTest
class WatchedSendingTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    CampaignSender sender;
    @Inject
    RetryScheduler retries;
    @Inject
    Db db;

    SendingWorld w;

    @AfterEach
    void stop() {
        if (w != null) {
            w.simulator.close();
        }
    }

    private Object subscriber(long id, String column) {
        return db.one("select " + column + " from subscriber where tenant_id = ? and id = ?", w.tenant, id).get(column);
    }

    /** What a re-add with evidence leaves (SubscriberLifecycle, covered by ReaddTest): n watched sends. */
    private void watch(long id, int n) {
        db.update("update subscriber set watch_sends_left = ? where tenant_id = ? and id = ?", n, w.tenant, id);
    }

    private long watchedSends(long id) {
        return db.count("select count(*) from sent_message where tenant_id = ? and subscriber_id = ? and watched", w.tenant, id);
    }

    @Test
    void aBounceOnAWatchedSendFlipsBackEvenAfterTheCountdownReachedZero() throws Exception {
        w = new SendingWorld(fixtures, runner, listener, "watchsend", RetryPolicy.DEFAULT, null);
        java.util.List<Long> dsn = w.subscribers(fixtures, "dsn", 2); // accepted, then a 5.1.1 DSN to the VERP address
        long lastWatched = dsn.get(0);
        long unwatchedDsn = dsn.get(1);
        long stillWatched = fixtures.someSubscribers(w.world, "fine", "example.net", 1).get(0);
        long softWatched = w.subscribers(fixtures, "mailboxfull", 1).get(0); // 452 4.2.2 at RCPT
        watch(lastWatched, 1);
        watch(stillWatched, 2);
        watch(softWatched, 2);

        sender.request(w.tenant, w.world.campaignId());
        sender.sendCampaign(w.tenant, w.world.campaignId());
        assertEquals(0, ((Number) subscriber(lastWatched, "watch_sends_left")).intValue(), "the last watched send was used");
        assertEquals(1, ((Number) subscriber(stillWatched, "watch_sends_left")).intValue());
        assertEquals(1L, watchedSends(lastWatched));
        assertEquals(1L, watchedSends(stillWatched));
        assertEquals(1L, watchedSends(softWatched), "a send refused at RCPT was handed to the server: it is watched too");
        assertEquals(0L, watchedSends(unwatchedDsn));

        w.simulator.awaitReports();
        worker.drain();

        assertEquals("bounced", subscriber(lastWatched, "status"));
        assertEquals(true, subscriber(lastWatched, "auto_reactivation_blocked"));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'watched-bounce'", w.tenant, lastWatched));
        // the same DSN without a watch: an ordinary hard bounce
        assertEquals("bounced", subscriber(unwatchedDsn, "status"));
        assertEquals(false, subscriber(unwatchedDsn, "auto_reactivation_blocked"));
        assertEquals(0L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'watched-bounce'", w.tenant, unwatchedDsn));
        // a soft bounce on a watched send is not retried: it flips back
        assertEquals("bounced", subscriber(softWatched, "status"));
        assertEquals(true, subscriber(softWatched, "auto_reactivation_blocked"));
        assertEquals("subscribed", subscriber(stillWatched, "status"));
    }

    @Test
    void aRetryToAReaddedSubscriberIsAWatchedSendToo() {
        w = new SendingWorld(fixtures, runner, listener, "watchretry", RetryPolicy.DEFAULT, null);
        long grey = w.subscribers(fixtures, "greylist", 1).get(0); // 451 4.7.0 first, accepted on the retry
        Instant t0 = Instant.now();
        sender.request(w.tenant, w.world.campaignId());
        sender.sendCampaign(w.tenant, w.world.campaignId());
        worker.drain();
        assertEquals("pending", db.one("select state from retry_state where tenant_id = ? and subscriber_id = ?", w.tenant, grey).get("state"));
        watch(grey, 2); // re-added between the send and its retry
        assertEquals(1, retries.runOnce(w.tenant, t0.plus(Duration.ofMinutes(61))));
        assertEquals(1, ((Number) subscriber(grey, "watch_sends_left")).intValue());
        assertEquals(1L, watchedSends(grey));
        assertEquals(2L, db.count("select count(*) from sent_message where tenant_id = ? and subscriber_id = ?", w.tenant, grey),
                "the first send (refused at RCPT) and the retry are both recorded for linking");
    }
}
