package app.rebound.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per endpoint, a subscriber's events go out in the order their transactions committed, also when two transactions
 * change the same subscriber at once. The outbox rows are written by a trigger when the {@code subscriber_event} row
 * is inserted; Hibernate flushes inserts before updates, so an entity path inserts the event before it updates (and
 * row-locks) the subscriber. Without a lock taken by the trigger, the first transaction's event gets the lower
 * delivery id, a second transaction commits a higher one meanwhile, the worker (which cannot see the uncommitted row)
 * sends the higher one, and the earlier change reaches the receiver after the later one.
 */
@QuarkusTest
class OutboundOrderingTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    EndpointService service;
    @Inject
    DeliveryWorker worker;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Db db;

    /** The worker serves every tenant: keep other tests' endpoints out of this test's rounds. */
    @BeforeEach
    @AfterEach
    void quiet() {
        db.update("update outbound_endpoint set enabled = false");
    }

    /** A status change as Hibernate flushes it: the history row first (trigger), the subscriber row after. */
    private static void insertEvent(Connection c, String tenant, long subscriber, String from, String to, String cause)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into subscriber_event (id, tenant_id, subscriber_id, from_status, to_status, changed_at, why, actor, cause)
                values (nextval('subscriber_event_seq'), ?, ?, ?, ?, clock_timestamp(), 'ordering test', 'test', ?)""")) {
            ps.setString(1, tenant);
            ps.setLong(2, subscriber);
            ps.setString(3, from);
            ps.setString(4, to);
            ps.setString(5, cause);
            ps.executeUpdate();
        }
    }

    private static void updateStatus(Connection c, String tenant, long subscriber, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update subscriber set status = ?, status_changed_at = clock_timestamp() "
                + "where tenant_id = ? and id = ?")) {
            ps.setString(1, to);
            ps.setString(2, tenant);
            ps.setLong(3, subscriber);
            ps.executeUpdate();
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until {@code b} has finished or its backend waits for a lock (no time limit on the outcome itself). */
    private void awaitDoneOrBlocked(CompletableFuture<?> b, int pid) throws InterruptedException {
        for (int i = 0; i < 6_000 && !b.isDone(); i++) {
            if (db.count("select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'", pid) > 0) {
                return;
            }
            Thread.sleep(10);
        }
        assertTrue(b.isDone(), "the second transaction neither finished nor waited for a lock within a minute");
    }

    @Test
    void twoConcurrentChangesOfOneSubscriberAreDeliveredInCommitOrder() throws Exception {
        String tenant = fixtures.aTenant("obo");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        long sub = world.subscriberId();
        try (Receiver r = new Receiver();
             Connection a = dataSource.getConnection();
             Connection b = dataSource.getConnection()) {
            EndpointService.Created created = runner.inTenant(tenant, () -> service.create(r.url(),
                    List.of("subscriber.unsubscribed", "subscriber.complained"), "CRM"));
            r.secret = created.secret();
            long endpoint = created.endpoint().id;
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            int pidB = backendPid(b);

            // A: the subscriber unsubscribes; the history row (and its outbox rows) is written, A has not finished
            insertEvent(a, tenant, sub, "subscribed", "unsubscribed", "manual");
            // B: a complaint for the same subscriber, in a second transaction, at the same time
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    insertEvent(b, tenant, sub, "subscribed", "complained", "complaint");
                    updateStatus(b, tenant, sub, "complained");
                    b.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitDoneOrBlocked(second, pidB);
            // a delivery round now must not send B's complaint ahead of A's unsubscribe
            worker.runOnce(Instant.now());
            updateStatus(a, tenant, sub, "unsubscribed");
            a.commit();
            second.get(60, TimeUnit.SECONDS);
            worker.drain(Instant.now());

            List<Map<String, Object>> deliveries = db.rows("""
                    select ev.event_id::text as id, ev.type, d.state from outbound_delivery d
                    join outbound_event ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                    where d.tenant_id = ? and d.endpoint_id = ? order by d.id""", tenant, endpoint);
            assertEquals(List.of("subscriber.unsubscribed", "subscriber.complained"),
                    deliveries.stream().map(m -> m.get("type")).toList(), "the outbox holds them in commit order");
            assertEquals(List.of("delivered", "delivered"), deliveries.stream().map(m -> m.get("state")).toList());
            assertEquals(deliveries.stream().map(m -> (String) m.get("id")).toList(), r.perSubscriber.get(sub),
                    "the receiver got A's unsubscribe before B's complaint");
            assertEquals(0, r.badSignatures.get());
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the second transaction failed", e);
        }
    }

    /**
     * The order rests on ids drawn from {@code outbound_delivery_seq} while the subscriber row is locked: a sequence
     * cache would hand each session its own block of ids, and a later commit could hold a lower id.
     */
    @Test
    void theDeliverySequenceHandsOutIdsOneAtATime() {
        assertEquals(1L, db.count("select cache_size from pg_sequences where sequencename = 'outbound_delivery_seq'"));
        assertEquals(1L, db.count("select cache_size from pg_sequences where sequencename = 'outbound_event_seq'"));
    }
}
