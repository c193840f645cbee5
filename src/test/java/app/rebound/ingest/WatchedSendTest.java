package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.engine.Verp;
import app.rebound.subscriber.SubscriberLifecycle;
import app.rebound.subscriber.SubscriberLifecycle.DirectRequest;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: after a re-add, a bounce on a watched send flips the subscriber back and blocks automatic reactivation. */
@QuarkusTest
class WatchedSendTest {
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    TenantRunner runner;
    @Inject
    SubscriberLifecycle lifecycle;
    @Inject
    app.rebound.sending.SendingSql sendingSql;

    @Test
    void aSoftBounceWhileWatchedFlipsBackButNotForAnUnwatchedSubscriber() {
        worker.drain();
        String tenant = fixtures.aTenant("watch");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        List<Long> subs = fixtures.someSubscribers(world, "w", "example.com", 2);
        Verp verp = verpKeys.activeKey(tenant);
        java.util.function.BiConsumer<Integer, String[]> send = (i, sd) -> {
            String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(i)), "bounces." + tenant + ".test");
            byte[] mail = BounceMails.dsn(BounceMails.aBounce(rp, String.format("w-%03d@example.com", i), sd[0], sd[1]));
            inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", mail, "test", null));
        };
        send.accept(0, new String[] {"5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"});
        worker.drain();
        assertEquals("bounced", status(tenant, subs.get(0)).get("status"));

        String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
        runner.inTenant(tenant, () -> lifecycle.readdOnDirectRequest(subs.get(0),
                new DirectRequest("w-000@example.com", when, "email", "asked to come back"), "watch-support"));
        assertEquals("subscribed", status(tenant, subs.get(0)).get("status"));

        // the campaign goes out again to both: the re-added subscriber's message is a watched send (the sender
        // records it and counts the watch down; WatchedSendingTest covers that through real SMTP)
        for (int i = 0; i < 2; i++) {
            sendingSql.record(tenant, world.campaignId(), world.serverId(), List.of(new app.rebound.sending.SendingSql.Outcome(
                    subs.get(i), "sent", "250 ok", "<watch-" + i + "@test>")), Instant.now());
        }
        assertEquals(1, ((Number) status(tenant, subs.get(0)).get("watch_sends_left")).intValue());
        // a mailbox-full soft bounce: normally kept for retry, but the re-added subscriber is watched
        send.accept(0, new String[] {"4.2.2", "452 4.2.2 The email account that you tried to reach is over quota"});
        send.accept(1, new String[] {"4.2.2", "452 4.2.2 The email account that you tried to reach is over quota"});
        worker.drain();

        Map<String, Object> watched = status(tenant, subs.get(0));
        assertEquals("bounced", watched.get("status"));
        assertEquals(true, watched.get("auto_reactivation_blocked"));
        assertEquals(0, ((Number) watched.get("watch_sends_left")).intValue());
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'watched-bounce' and to_status = 'bounced'", tenant, subs.get(0)));

        Map<String, Object> unwatched = status(tenant, subs.get(1));
        assertEquals("subscribed", unwatched.get("status"));
        assertEquals(false, unwatched.get("auto_reactivation_blocked"));
    }

    private Map<String, Object> status(String tenant, long id) {
        return db.one("select status, watch_sends_left, auto_reactivation_blocked from subscriber where tenant_id = ? and id = ?",
                tenant, id);
    }
}
