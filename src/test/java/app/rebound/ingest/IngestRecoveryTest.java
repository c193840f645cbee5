package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Crash, replay and poison: the pipeline loses nothing and records nothing twice. */
@QuarkusTest
class IngestRecoveryTest {
    static final int N = 30;
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

    String tenant;
    Fixtures.World world;
    List<Long> subs;
    Verp verp;

    @BeforeEach
    void world() {
        worker.drain();
        tenant = fixtures.aTenant("recov");
        world = fixtures.aWorld(tenant, 0);
        subs = fixtures.someSubscribers(world, "r", "example.org", N);
        verp = verpKeys.activeKey(tenant);
    }

    @AfterEach
    void noCrashes() {
        worker.crashHook(null);
    }

    /** Input i: even = hard 5.1.1 (bounced), odd = soft 4.2.2 (retry). */
    private byte[] mail(int i) {
        String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(i)), "b." + tenant + ".test");
        String rcpt = String.format("r-%03d@example.org", i);
        return i % 2 == 0
                ? BounceMails.dsn(BounceMails.aBounce(rp, rcpt, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"))
                : BounceMails.dsn(BounceMails.aBounce(rp, rcpt, "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota"));
    }

    private List<Long> acceptAll(String round) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add(inbox.accept(new InboundInput(tenant, InboundSource.API, round + "-" + i, "message/rfc822", mail(i), "test", null))
                    .inboundId());
        }
        return ids;
    }

    private void assertOneSetOfResults() {
        assertEquals(N, db.count("select count(*) from bounce where tenant_id = ?", tenant), "bounces");
        assertEquals(N, db.count("select count(*) from bounce_event where tenant_id = ?", tenant), "event keys");
        assertEquals(N / 2, db.count("select count(*) from subscriber where tenant_id = ? and status = 'bounced'", tenant));
        assertEquals(N / 2, db.count("select count(*) from subscriber_event where tenant_id = ?", tenant), "status changes");
        assertEquals(N / 2, db.count("select count(*) from retry_state where tenant_id = ? and soft_bounces = 1", tenant),
                "each soft bounce counted once");
    }

    @Test
    void aWorkerKilledMidBatchLeavesNothingHalfWrittenAndTheRestartCompletesIt() {
        acceptAll("crash");
        AtomicInteger crashes = new AtomicInteger();
        worker.crashHook(recs -> {
            crashes.incrementAndGet();
            throw new IllegalStateException("worker killed after writing " + recs.size() + " bounces");
        });
        assertEquals(N, worker.runOnce());
        assertTrue(crashes.get() >= 1 + N, "the batch and then each input alone crashed: " + crashes.get());
        // everything rolled back: no bounce, no action, every input still pending with the attempt counted
        assertEquals(0, db.count("select count(*) from bounce where tenant_id = ?", tenant));
        assertEquals(0, db.count("select count(*) from bounce_event where tenant_id = ?", tenant));
        assertEquals(0, db.count("select count(*) from subscriber_event where tenant_id = ?", tenant));
        assertEquals(0, db.count("select count(*) from retry_state where tenant_id = ?", tenant));
        assertEquals(N + 1L, db.count("select count(*) from subscriber where tenant_id = ? and status = 'subscribed'", tenant)); // the world's own subscriber too
        assertEquals(N, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'pending' and attempts = 1"
                + " and last_error like '%worker killed%'", tenant));

        worker.crashHook(null); // restart
        assertEquals(N, worker.drain());
        assertOneSetOfResults();
        assertEquals(N, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'done'", tenant));
    }

    @Test
    void theSameInputsThreeTimesGiveOneSetOfBouncesAndActions() {
        for (String round : List.of("one", "two", "three")) {
            acceptAll(round); // three deliveries with their own dedupe keys: three stored inputs each
            worker.drain();
        }
        assertEquals(3L * N, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'done'", tenant));
        assertOneSetOfResults();
        // the same dedupe key again is refused as a duplicate at the door
        assertTrue(inbox.accept(new InboundInput(tenant, InboundSource.API, "one-0", "message/rfc822", mail(0), "test", null))
                .duplicate());
        // and reprocessing the stored inputs changes nothing either
        db.update("update inbound_message set state = 'pending' where tenant_id = ?", tenant);
        worker.drain();
        assertOneSetOfResults();
    }

    @Test
    void aPoisonousInputIsQuarantinedAfterBoundedAttemptsWithoutBlockingTheOthers() {
        List<Long> ids = acceptAll("poison");
        long poison = ids.get(3);
        worker.crashHook(recs -> {
            if (recs.stream().anyMatch(r -> r.input.id() == poison)) {
                throw new IllegalStateException("poison");
            }
        });
        worker.drain();
        assertEquals(N - 1, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'done'", tenant));
        var q = db.one("select state, attempts, last_error from inbound_message where tenant_id = ? and id = ?", tenant, poison);
        assertEquals("quarantined", q.get("state"));
        assertEquals(5, q.get("attempts"));
        assertTrue(((String) q.get("last_error")).contains("poison"));
        assertEquals(N - 1, db.count("select count(*) from bounce where tenant_id = ?", tenant));
    }

    @Test
    void brokenInputIsRefusedAtTheDoorAndNothingStoredIsLost() {
        acceptAll("keep");
        assertThrows(InboundRejectedException.class,
                () -> inbox.accept(new InboundInput(tenant, InboundSource.API, null, "application/pdf", mail(0), "test", null)));
        assertEquals(N, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
        worker.drain();
        assertOneSetOfResults();
    }
}
