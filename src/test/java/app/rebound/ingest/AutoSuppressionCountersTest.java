package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.rebound.engine.Verp;
import app.rebound.subscriber.Reclassify;
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

/**
 * Issue 10: the pipeline keeps each campaign's stored counters and writes automatic suppression entries in the
 * transaction that records the bounces; reclassify moves the counters; a re-add with evidence lifts the pipeline's
 * own hard-bounce entry. Two tenants: nothing leaks into the other one.
 */
@QuarkusTest
class AutoSuppressionCountersTest {
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
    Reclassify reclassify;

    @Test
    void countersAndSuppressionFollowTheRecordedBounces() {
        worker.drain();
        String tenant = fixtures.aTenant("autosup");
        String other = fixtures.aTenant("autosup-other");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        Fixtures.World otherWorld = fixtures.aWorld(other, 0);
        List<Long> subs = fixtures.someSubscribers(world, "as", "example.com", 3);
        List<Long> otherSubs = fixtures.someSubscribers(otherWorld, "as", "example.com", 1);
        send(tenant, world, subs.get(0), "as-000@example.com", "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist");
        send(tenant, world, subs.get(1), "as-001@example.com", "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota");
        send(tenant, world, subs.get(2), "as-002@example.com", "5.7.1",
                "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org");
        send(other, otherWorld, otherSubs.get(0), "as-000@example.com", "4.2.2", "452 4.2.2 Mailbox full");
        worker.drain();

        Map<String, Object> k = counters(tenant, world.campaignId());
        assertEquals(2L, k.get("hard"), "5.1.1 and 5.7.1");
        assertEquals(1L, k.get("soft"));
        assertEquals(1L, k.get("investigate"), "the 5.7.1 block is on your side");
        assertNotNull(k.get("first_at"));
        Map<String, Object> ko = counters(other, otherWorld.campaignId());
        assertEquals(0L, ko.get("hard"));
        assertEquals(1L, ko.get("soft"));

        assertEquals(1L, db.count("select count(*) from suppressed_address where tenant_id = ?", tenant),
                "only the dead address: not the soft bounce, not the your-side block");
        assertEquals("hard_bounce", db.one("select reason from suppressed_address where tenant_id = ? and email = ?",
                tenant, "as-000@example.com").get("reason"));
        assertEquals(1L, db.count("select count(*) from suppression_log where tenant_id = ? and action = 'added'"
                + " and actor = 'auto-action'", tenant));
        assertEquals(0L, db.count("select count(*) from suppressed_address where tenant_id = ?", other));

        // the pipeline's own hard-bounce entry gives way to re-add evidence, logged
        String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
        runner.inTenant(tenant, () -> lifecycle.readdOnDirectRequest(subs.get(0),
                new DirectRequest("as-000@example.com", when, "email", "asked to come back"), "support-x"));
        assertEquals(0L, db.count("select count(*) from suppressed_address where tenant_id = ?", tenant));
        assertEquals(1L, db.count("select count(*) from suppression_log where tenant_id = ? and action = 'removed'"
                + " and actor = 'support-x'", tenant));

        long hardBounce = (Long) db.one("select id from bounce where tenant_id = ? and subscriber_id = ?", tenant,
                subs.get(0)).get("id");
        runner.inTenant(tenant, () -> reclassify.reclassify(hardBounce, "soft", "recipient", "it came back", "support-x"));
        k = counters(tenant, world.campaignId());
        assertEquals(1L, k.get("hard"));
        assertEquals(2L, k.get("soft"));
    }

    private void send(String tenant, Fixtures.World world, long subscriber, String email, String status, String diagnostic) {
        Verp verp = verpKeys.activeKey(tenant);
        String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subscriber), "bounces." + tenant + ".test");
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(rp, email, status, diagnostic));
        inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", mail, "test", null));
    }

    private Map<String, Object> counters(String tenant, long campaign) {
        return db.one("select hard, soft, complaint, investigate, first_at from campaign_bounce_count"
                + " where tenant_id = ? and campaign_id = ?", tenant, campaign);
    }
}
