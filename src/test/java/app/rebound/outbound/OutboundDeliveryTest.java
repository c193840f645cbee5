package app.rebound.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.insight.Alert;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberEvent;
import app.rebound.subscriber.SubscriberLifecycle;
import app.rebound.subscriber.SubscriberLifecycle.DirectRequest;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.webhook.EndpointSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing webhooks end to end against a real HTTP receiver: status changes from the ingestion pipeline (native SQL)
 * and from entities become events in the same transaction, and the worker delivers every one exactly once, signed,
 * in order per subscriber, through a receiver that fails for a while. The worker runs on a simulated clock.
 */
@QuarkusTest
class OutboundDeliveryTest {
    static final List<String> ALL = EventType.subscribableTypes().stream().map(EventType::code).toList();

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    EndpointService service;
    @Inject
    DeliveryWorker worker;
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker ingest;
    @Inject
    VerpKeys verpKeys;
    @Inject
    SubscriberLifecycle lifecycle;
    @Inject
    Db db;
    @Inject
    OutboundSql sql;
    @Inject
    WebhookHttp http;
    @Inject
    EndpointSecrets secrets;
    @Inject
    OutboundConfig config;
    @Inject
    OutboundClock clock;

    /** The worker serves every tenant: keep other tests' endpoints out of this test's rounds. */
    @BeforeEach
    @AfterEach
    void quiet() {
        db.update("update outbound_endpoint set enabled = false");
    }

    private int pending(long endpoint) {
        return (int) db.count("select count(*) from outbound_delivery where endpoint_id = ? and state = 'pending'", endpoint);
    }

    private void bounce(String tenant, Fixtures.World world, long subscriber, String email) {
        Verp verp = verpKeys.activeKey(tenant);
        String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subscriber), "bounces." + tenant + ".test");
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(rp, email,
                "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"));
        inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", mail, "test", null));
    }

    private void change(String tenant, long subscriber, SubscriberStatus to, String cause) {
        runner.inTenant(tenant, () -> {
            Subscriber s = Subscriber.findById(subscriber);
            SubscriberStatus from = s.status;
            s.changeStatus(to, "test: " + cause, Instant.now());
            return SubscriberEvent.record(s, from, "test: " + cause, "outbound-test", cause);
        });
    }

    private void readd(String tenant, long subscriber, String email) {
        String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
        runner.inTenant(tenant, () -> lifecycle.readdOnDirectRequest(subscriber,
                new DirectRequest(email, when, "email", "asked to come back"), "outbound-support"));
    }

    @Test
    void everyEventArrivesOnceSignedAndInOrderThroughAReceiverThatFailsForAWhile() throws Exception {
        ingest.drain();
        String tenant = fixtures.aTenant("obd");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        List<Long> subs = fixtures.someSubscribers(world, "o", "example.com", 4);
        try (Receiver r = new Receiver()) {
            EndpointService.Created c = runner.inTenant(tenant, () -> service.create(r.url(), ALL, "CRM"));
            r.secret = c.secret();
            long endpoint = c.endpoint().id;
            // bounced through the ingestion pipeline (native SQL), then re-added, unsubscribed, complained (entities)
            for (int i = 0; i < subs.size(); i++) {
                bounce(tenant, world, subs.get(i), String.format("o-%03d@example.com", i));
            }
            ingest.drain();
            readd(tenant, subs.get(0), "o-000@example.com");
            readd(tenant, subs.get(1), "o-001@example.com");
            change(tenant, subs.get(0), SubscriberStatus.UNSUBSCRIBED, "manual");
            change(tenant, subs.get(1), SubscriberStatus.COMPLAINED, "complaint");
            readd(tenant, subs.get(1), "o-001@example.com");

            Map<Long, List<String>> expected = new HashMap<>();
            List<String> all = new ArrayList<>();
            for (Map<String, Object> row : db.rows("""
                    select ev.event_id::text as id, ev.subscriber_id as sub, ev.type from outbound_delivery d
                    join outbound_event ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                    where d.endpoint_id = ? order by d.id""", endpoint)) {
                expected.computeIfAbsent(((Number) row.get("sub")).longValue(), k -> new ArrayList<>()).add((String) row.get("id"));
                all.add((String) row.get("id"));
            }
            assertEquals(4 + 2 + 1 + 1 + 1, all.size(), "4 bounced, 3 reactivated, 1 unsubscribed, 1 complained");
            assertEquals(List.of("subscriber.bounced", "subscriber.reactivated", "subscriber.unsubscribed"),
                    db.rows("select type from outbound_event where subscriber_id = ? and tenant_id = ? order by id",
                            subs.get(0), tenant).stream().map(m -> m.get("type")).toList());
            r.expectedOrder = expected;
            r.failing = n -> n <= 7;

            Instant now = Instant.now();
            for (int round = 0; round < 60 && pending(endpoint) > 0; round++) {
                worker.runOnce(now);
                now = now.plusSeconds(45);
            }
            assertEquals(0, pending(endpoint));
            assertEquals(new HashSet<>(all), new HashSet<>(r.processed), "every event processed");
            assertEquals(all.size(), r.processed.size(), "each exactly once");
            assertEquals(0, r.badSignatures.get());
            assertEquals(List.of(), r.orderViolations);
            assertEquals(expected, r.perSubscriber, "per subscriber, in the order they happened");
            assertTrue(r.requests.get() > all.size(), "the receiver failed some requests first");
            assertEquals(r.requests.get(), db.count("select count(*) from outbound_attempt where endpoint_id = ?", endpoint));
            assertEquals(7, db.count("select count(*) from outbound_attempt where endpoint_id = ? and status_code = 503", endpoint));

            JsonNode bounced = r.bodies.get(expected.get(subs.get(3)).get(0));
            assertEquals("subscriber.bounced", bounced.get("event").asText());
            assertEquals(expected.get(subs.get(3)).get(0), bounced.get("id").asText());
            assertEquals(tenant, bounced.get("tenant").asText());
            assertEquals("o-003@example.com", bounced.get("subscriber_email").asText());
            assertEquals(Long.toString(world.listId()), bounced.get("list_uid").asText());
            assertEquals(world.campaignId(), bounced.get("campaign").get("id").asLong());
            assertEquals("5.1.1", bounced.get("dsn_code").asText());
            assertEquals("hard", bounced.get("bounce_type").asText());
            assertEquals("userunknown", bounced.get("reason").asText());
            assertTrue(bounced.get("time").asText().endsWith("Z"));
            assertEquals("application/json", r.lastHeaders.get("Content-Type"));
        }
    }

    @Test
    void theOutboxRowIsWrittenInTheStatusChangeTransactionAndARollbackLeavesNoEvent() {
        String tenant = fixtures.aTenant("obc");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        runner.inTenant(tenant, () -> service.create("http://127.0.0.1:9/hook", ALL, "crash"));
        RuntimeException crash = assertThrows(RuntimeException.class, () -> runner.inTenant(tenant, () -> {
            Subscriber s = Subscriber.findById(world.subscriberId());
            s.changeStatus(SubscriberStatus.UNSUBSCRIBED, "asked", Instant.now());
            SubscriberEvent.record(s, SubscriberStatus.SUBSCRIBED, "asked", "someone", "manual");
            SubscriberEvent.flush();
            // inside the same transaction the outbox row is already there...
            assertEquals(1, OutboundEvent.count("subscriberId", world.subscriberId()));
            throw new IllegalStateException("crash before commit");
        }));
        assertEquals("crash before commit", crash.getMessage());
        // ...and the rollback took it away with the status change
        assertEquals(0, db.count("select count(*) from outbound_event where tenant_id = ? and subscriber_id = ?", tenant, world.subscriberId()));
        assertEquals("subscribed", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, world.subscriberId()).get("status"));

        change(tenant, world.subscriberId(), SubscriberStatus.UNSUBSCRIBED, "manual");
        assertEquals(1, db.count("select count(*) from outbound_event where tenant_id = ? and subscriber_id = ? and type = 'subscriber.unsubscribed'", tenant, world.subscriberId()));
        assertEquals(1, db.count("select count(*) from outbound_delivery d join outbound_event ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id where d.tenant_id = ? and ev.subscriber_id = ? and d.state = 'pending'", tenant, world.subscriberId()));
    }

    @Test
    void eventsAreQueuedOnlyForEnabledEndpointsThatWantThem() {
        String tenant = fixtures.aTenant("obf");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        List<Long> subs = fixtures.someSubscribers(world, "f", "example.com", 2);
        long onlyAlerts = runner.inTenant(tenant, () -> service.create("http://127.0.0.1:9/a", List.of("alert.raised"), "alerts")).endpoint().id;
        long off = runner.inTenant(tenant, () -> service.create("http://127.0.0.1:9/b", ALL, "off")).endpoint().id;
        runner.inTenant(tenant, () -> service.setEnabled(off, false));
        change(tenant, subs.get(0), SubscriberStatus.UNSUBSCRIBED, "manual");
        assertEquals(0, db.count("select count(*) from outbound_event where tenant_id = ?", tenant), "nobody wants it");
        runner.inTenant(tenant, () -> service.setEnabled(off, true));
        change(tenant, subs.get(1), SubscriberStatus.UNSUBSCRIBED, "manual");
        assertEquals(1, db.count("select count(*) from outbound_delivery where endpoint_id = ?", off));
        assertEquals(0, db.count("select count(*) from outbound_delivery where endpoint_id = ?", onlyAlerts));

        runner.inTenant(tenant, () -> {
            Alert a = new Alert();
            a.kind = "reputation";
            a.scopeKey = "campaign:" + world.campaignId();
            a.status = Alert.OPEN;
            a.summary = "4.7.1 on 9% of the sends";
            a.evidence = "9 of 100";
            a.measured = 0.09;
            a.threshold = 0.05;
            a.campaignId = world.campaignId();
            a.openedAt = Instant.now();
            a.lastSeenAt = a.openedAt;
            a.persist();
            return a;
        });
        Map<String, Object> alert = db.one("""
                select ev.payload from outbound_delivery d join outbound_event ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                where d.endpoint_id = ? and ev.type = 'alert.raised'""", onlyAlerts);
        assertTrue(((String) alert.get("payload")).contains("\"kind\": \"reputation\""), (String) alert.get("payload"));
        assertEquals(1, db.count("select count(*) from outbound_delivery where endpoint_id = ?", onlyAlerts));
    }

    @Test
    void aReceiverDownForMoreThanADayIsDeadLetteredThenRedeliveredByHand() throws Exception {
        String tenant = fixtures.aTenant("obx");
        try (Receiver r = new Receiver()) {
            EndpointService.Created c = runner.inTenant(tenant, () -> service.create(r.url(), ALL, "down"));
            r.secret = c.secret();
            long endpoint = c.endpoint().id;
            r.failing = n -> true;
            runner.inTenant(tenant, () -> service.sendTest(endpoint));
            Instant start = Instant.now();
            Instant now = start;
            for (int i = 0; i < 40 && pending(endpoint) > 0; i++) {
                worker.runOnce(now);
                now = now.plus(Duration.ofHours(1));
            }
            Map<String, Object> d = db.one("select id, state, attempts, first_attempt_at, last_attempt_at from outbound_delivery where endpoint_id = ?", endpoint);
            assertEquals("dead", d.get("state"));
            assertTrue(((Number) d.get("attempts")).intValue() >= 10, "retried: " + d.get("attempts"));
            Instant first = ((java.sql.Timestamp) d.get("first_attempt_at")).toInstant();
            Instant last = ((java.sql.Timestamp) d.get("last_attempt_at")).toInstant();
            assertTrue(Duration.between(first, last).compareTo(Duration.ofHours(24)) >= 0, "for at least a day");

            r.failing = n -> false;
            long delivery = ((Number) d.get("id")).longValue();
            runner.inTenant(tenant, () -> service.redeliver(endpoint, delivery));
            worker.drain(Instant.now());
            assertEquals("delivered", db.one("select state from outbound_delivery where id = ?", delivery).get("state"));
            assertEquals(1, r.processed.size());
            assertEquals("test", r.lastHeaders.get("Rebound-Event"));
            assertEquals(r.processed.get(0), r.lastHeaders.get("Idempotency-Key"));
        }
    }

    @Test
    void atDeliveryTimeTheGuardRefusesAPrivateAddressAndNothingIsSent() throws Exception {
        String tenant = fixtures.aTenant("obs");
        try (Receiver r = new Receiver()) {
            EndpointService.Created c = runner.inTenant(tenant, () -> service.create(r.url(), ALL, "rebinding"));
            r.secret = c.secret();
            long endpoint = c.endpoint().id;
            runner.inTenant(tenant, () -> service.sendTest(endpoint));
            // the same worker with the platform's default guard (private addresses refused)
            DeliveryWorker strict = new DeliveryWorker(sql, new UrlGuard(false), http, secrets, config, clock);
            assertEquals(1, strict.runOnce(Instant.now()));
            assertEquals(0, r.requests.get());
            Map<String, Object> a = db.one("select status_code, error from outbound_attempt where endpoint_id = ?", endpoint);
            assertNull(a.get("status_code"));
            assertTrue(((String) a.get("error")).contains("127.0.0.1, a loopback address"), (String) a.get("error"));
            assertEquals("pending", db.one("select state from outbound_delivery where endpoint_id = ?", endpoint).get("state"));
        }
    }

    @Test
    void anotherTenantsEndpointIsNotFound() {
        String mine = fixtures.aTenant("obi-a");
        String theirs = fixtures.aTenant("obi-b");
        long e = runner.inTenant(mine, () -> service.create("http://127.0.0.1:9/x", ALL, "mine")).endpoint().id;
        assertThrows(NotFoundException.class, () -> runner.inTenant(theirs, () -> service.detail(e)));
        assertThrows(NotFoundException.class, () -> runner.inTenant(theirs, () -> service.sendTest(e)));
        assertThrows(NotFoundException.class, () -> runner.inTenant(theirs, () -> service.setEnabled(e, true)));
        assertEquals(List.of(), runner.inTenant(theirs, service::list));
        assertEquals(1, runner.inTenant(mine, service::list).size());
    }
}
