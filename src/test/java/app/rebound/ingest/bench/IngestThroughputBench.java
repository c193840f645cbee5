package app.rebound.ingest.bench;

import app.rebound.engine.Verp;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * End-to-end throughput of the workers, stored inputs → recorded bounces with their actions. A measuring
 * program, not a test: surefire's default includes do not pick up *Bench, so it runs only on demand
 * (see README "Ingestion", bench/ingest-throughput.sh), against the rebound_bench database. It prints, it asserts
 * nothing about speed.
 *
 * <pre>REBOUND_TEST_DB=rebound_bench ./mvnw -B -q test -Dtest=IngestThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.inputs=1000000 -Dbench.threads=2 -Drebound.ingest.worker.batch-size=500</pre>
 */
@QuarkusTest
class IngestThroughputBench {
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    AgroalDataSource ds;

    /** The six acceptance rows of the issue, in turn: bounced, retry, investigate, investigate, retry, bounced. */
    private static final String[][] ROWS = {
        {"5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"},
        {"5.2.2", "552 5.2.2 The email account that you tried to reach is over quota"},
        {"5.7.1", "550 5.7.1 Message rejected: not authenticated"},
        {"5.2.5", "550 5.2.5 The message exceeded the maximum size"},
        {"4.7.0", "451 4.7.0 Greylisted, please try again later"},
        {"5.4.4", "550 5.4.4 Unable to route: DNS lookup failed"},
    };

    @Test
    void measure() throws Exception {
        int inputs = Integer.getInteger("bench.inputs", 100_000);
        int threads = Integer.getInteger("bench.threads", 2);
        int subscribers = Math.min(inputs, 200_000);
        String tenant = fixtures.aTenant("bench");
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        long t0 = System.nanoTime();
        // in chunks: one transaction for 200,000 rows outlives the default transaction timeout on a busy machine
        List<Long> subs = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int chunk = 0; subs.size() < subscribers; chunk++) {
            int n = Math.min(20_000, subscribers - subs.size());
            subs.addAll(fixtures.someSubscribers(world, "s" + chunk, "bench.example", n));
            for (int j = 0; j < n; j++) {
                emails.add(String.format("s%d-%03d@bench.example", chunk, j));
            }
        }
        System.out.printf("bench: %d subscribers in %.1f s%n", subscribers, (System.nanoTime() - t0) / 1e9);
        Verp verp = verpKeys.activeKey(tenant);

        t0 = System.nanoTime();
        String insert = "insert into inbound_message (id, tenant_id, source, dedupe_key, content_type, body, body_size,"
                + " source_ref, retain_until) values (nextval('inbound_message_seq'), ?, 'api', ?, 'message/rfc822', ?, ?, 'bench',"
                + " now() + interval '90 days')";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            c.setAutoCommit(false);
            for (int i = 0; i < inputs; i++) {
                int s = i % subscribers;
                String[] row = ROWS[i % ROWS.length];
                String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(s)), "b.bench.test");
                byte[] mail = BounceMails.dsn(BounceMails.aBounce(rp, emails.get(s), row[0], row[1])
                        .withMessageId("bench-" + i + "@rebound.test"));
                ps.setString(1, tenant);
                ps.setString(2, "bench-" + i);
                ps.setBytes(3, mail);
                ps.setInt(4, mail.length);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        System.out.printf("bench: %d inputs stored in %.1f s%n", inputs, (System.nanoTime() - t0) / 1e9);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("analyze")) {
            ps.execute(); // what autovacuum would have done on a live system: the planner needs row counts
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        t0 = System.nanoTime();
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(pool.submit(worker::drain));
        }
        int processed = 0;
        for (Future<Integer> f : running) {
            processed += f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long bounces = count("select count(*) from bounce where tenant_id = ?", tenant);
        long changes = count("select count(*) from subscriber_event where tenant_id = ?", tenant);
        long retries = count("select count(*) from retry_state where tenant_id = ?", tenant);
        long quarantined = count("select count(*) from inbound_message where tenant_id = ? and state = 'quarantined'", tenant);
        System.out.printf("bench: %d inputs processed by %d worker threads in %.1f s = %.0f inputs/s; %d bounces recorded"
                + " (%.0f/s), %d status changes, %d retry rows, %d quarantined%n", processed, threads, seconds,
                processed / seconds, bounces, bounces / seconds, changes, retries, quarantined);
    }

    private long count(String sql, String tenant) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
