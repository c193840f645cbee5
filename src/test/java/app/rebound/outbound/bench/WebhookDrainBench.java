package app.rebound.outbound.bench;

import app.rebound.outbound.DeliveryWorker;
import app.rebound.outbound.EndpointService;
import app.rebound.outbound.EventType;
import app.rebound.outbound.ReceiverForBench;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures, prints, asserts nothing about time (run on demand: bench/webhook-drain.sh): {@code bench.events}
 * (default 360,000 = one hour at 100 events/s) status changes over {@code bench.subscribers} subscribers written
 * while the receiver is down (the triggers fill the outbox), the worker trying during the outage, then the receiver
 * comes up and the backlog is drained to it: the drain time and rate, and the receiver's correctness counts.
 */
@QuarkusTest
class WebhookDrainBench {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    EndpointService service;
    @Inject
    DeliveryWorker worker;
    @Inject
    Db db;

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 360_000);
        int subscribers = Integer.getInteger("bench.subscribers", 120_000);
        String tenant = fixtures.aTenant("bench-wh");
        Fixtures.World w = fixtures.aWorld(tenant, 0);
        db.update("insert into subscriber (id, tenant_id, list_id, email) select nextval('subscriber_seq'), ?, ?,"
                + " 'b' || g || '@bench.example' from generate_series(1, ?) g", tenant, w.listId(), subscribers);
        try (ReceiverForBench r = ReceiverForBench.start()) {
            int port = r.port();
            r.stop(); // the outage: nothing listens on the port
            EndpointService.Created c = runner.inTenant(tenant, () -> service.create("http://127.0.0.1:" + port + "/hook",
                    EventType.subscribableTypes().stream().map(EventType::code).toList(), "bench"));
            long endpoint = c.endpoint().id;
            r.secret(c.secret());

            // the subscribers by ordinal, so each event row finds its subscriber by an index lookup (a join on a
            // row_number() computed in the statement is a nested loop over all subscribers for every event)
            db.update("create table if not exists bench_subscriber (i integer primary key, id bigint not null)");
            db.update("truncate bench_subscriber");
            db.update("insert into bench_subscriber select row_number() over (order by id) - 1, id from subscriber"
                    + " where tenant_id = ?", tenant);
            db.update("analyze bench_subscriber");
            // what autovacuum does to a table that grew this much: without statistics the outbox trigger's plan takes
            // the tenant for 60 subscribers and joins the statement's rows by re-reading them per subscriber (6,000
            // events: 166 s instead of 0.8 s, measured with psql)
            db.update("analyze subscriber");
            // an hour of status changes, 100 per second, one statement per simulated minute (6,000 rows)
            long t0 = System.nanoTime();
            int perMinute = 6_000;
            for (int from = 0; from < events; from += perMinute) {
                int n = Math.min(perMinute, events - from);
                db.update("""
                        insert into subscriber_event (id, tenant_id, subscriber_id, from_status, to_status, why, actor, cause)
                        select nextval('subscriber_event_seq'), s.tenant_id, s.id,
                               case when (k / ?) % 2 = 0 then 'subscribed' else 'bounced' end,
                               case when (k / ?) % 2 = 0 then 'bounced' else 'subscribed' end,
                               'bench', 'auto-action', 'bounce'
                        from generate_series(?, ?) k
                        join bench_subscriber bs on bs.i = k % ?
                        join subscriber s on s.tenant_id = ? and s.id = bs.id
                        order by k""", subscribers, subscribers, from, from + n - 1, subscribers, tenant);
            }
            double writeS = (System.nanoTime() - t0) / 1e9;
            // what autovacuum does to a table that grew this much; without statistics the claim plan scans everything
            db.update("analyze outbound_delivery");
            long queued = db.count("select count(*) from outbound_delivery where endpoint_id = ?", endpoint);
            System.out.printf("bench: outbox: %d status changes -> %d deliveries queued in %.1f s (%.0f changes/s, triggers included)%n",
                    events, queued, writeS, events / writeS);

            // the worker keeps trying during the outage: each subscriber's first event fails and backs off
            Instant outage = Instant.now();
            int tried = 0;
            for (int i = 0; i < 5; i++) {
                tried += worker.runOnce(outage);
            }
            System.out.printf("bench: outage: %d attempts refused (connection refused), now backing off%n", tried);

            r.restart(port);
            r.expectedOrder(db.rows("""
                    select ev.subscriber_id as sub, ev.event_id::text as id from outbound_delivery d
                    join outbound_event ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                    where d.endpoint_id = ? order by d.id""", endpoint));
            long t1 = System.nanoTime();
            // traffic resumes: the first new event succeeds and pulls the waiting retries forward
            db.update("insert into subscriber_event (id, tenant_id, subscriber_id, from_status, to_status, why, actor, cause)"
                    + " values (nextval('subscriber_event_seq'), ?, ?, 'subscribed', 'unsubscribed', 'bench', 'bench', 'manual')",
                    tenant, w.subscriberId());
            long rounds = 0;
            while (db.count("select count(*) from outbound_delivery where endpoint_id = ? and state = 'pending'", endpoint) > 0) {
                worker.runOnce(Instant.now());
                rounds++;
            }
            double drainS = (System.nanoTime() - t1) / 1e9;
            long delivered = db.count("select count(*) from outbound_delivery where endpoint_id = ? and state = 'delivered'", endpoint);
            System.out.printf("bench: drain: %d deliveries in %.1f s (%.0f/s, %d worker rounds of up to 500)%n",
                    delivered, drainS, delivered / drainS, rounds);
            System.out.printf("bench: attempts that waited out the request timeout: %d (after the answer's status: %d)%n",
                    db.count("select count(*) from outbound_attempt where endpoint_id = ? and error like 'timed out%'", endpoint),
                    db.count("select count(*) from outbound_attempt where endpoint_id = ? and error like 'timed out%' "
                            + "and status_code is not null", endpoint));
            System.out.printf("bench: receiver: %d requests, %d distinct events processed, %d duplicates, %d bad signatures, %d order violations%n",
                    r.requests(), r.processed(), r.duplicates(), r.badSignatures(), r.orderViolations());
        }
    }
}
