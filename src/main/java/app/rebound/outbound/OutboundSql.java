package app.rebound.outbound;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The delivery worker's native SQL: batch claims with {@code FOR UPDATE SKIP LOCKED} and unnest updates. The claim
 * is platform-wide (one worker serves every tenant, like a mail queue); every row carries its tenant and every
 * later statement names it. {@code NativeSqlConfinementTest} allows native SQL here.
 */
@ApplicationScoped
public class OutboundSql {
    private final AgroalDataSource dataSource;

    public OutboundSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed delivery with what sending it needs; {@code claim} is the lease stamp the result must match. */
    public record Claimed(String tenantId, long deliveryId, long endpointId, String url, String sealedSecret,
                          UUID eventId, String type, String payload, int attempts, Instant firstAttemptAt, Instant claim) {
    }

    /** What one attempt gave: the HTTP status (null without an answer), an error, the start of the answer. */
    public record Outcome(Claimed delivery, Instant at, int durationMs, Integer status, String error, String excerpt,
                          boolean delivered, Instant nextAttemptAt) {
    }

    private static RuntimeException fail(SQLException e) {
        return new IllegalStateException("Outbound webhook SQL failed: " + e.getMessage(), e);
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now} on enabled endpoints, each the oldest pending one of
     * its subscriber for its endpoint, and leases them until {@code leaseUntil}.
     */
    public List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        String sql = """
                with c as (
                    select d.tenant_id, d.id from outbound_delivery d
                    join outbound_endpoint e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id and e.enabled
                    where d.state = 'pending' and d.next_attempt_at <= ?
                      and (d.claimed_until is null or d.claimed_until < ?)
                      and (d.order_key is null or not exists (
                            select 1 from outbound_delivery p
                            where p.tenant_id = d.tenant_id and p.endpoint_id = d.endpoint_id
                              and p.order_key = d.order_key and p.state = 'pending' and p.id < d.id))
                    order by d.id
                    limit ?
                    for update of d skip locked)
                update outbound_delivery d set claimed_until = ?
                from c, outbound_event ev, outbound_endpoint e
                where d.tenant_id = c.tenant_id and d.id = c.id
                  and ev.tenant_id = d.tenant_id and ev.id = d.event_id
                  and e.tenant_id = d.tenant_id and e.id = d.endpoint_id
                returning d.tenant_id, d.id, d.endpoint_id, e.url, e.secret, ev.event_id, ev.type, ev.payload,
                          d.attempts, d.first_attempt_at""";
        List<Claimed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setInt(3, limit);
                ps.setTimestamp(4, Timestamp.from(leaseUntil));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp first = rs.getTimestamp(10);
                        out.add(new Claimed(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                                rs.getInt(9), first == null ? null : first.toInstant(), leaseUntil));
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        out.sort(java.util.Comparator.comparingLong(Claimed::deliveryId));
        return out;
    }

    /**
     * Records attempts: the log rows, and each delivery's new state (delivered, the next attempt, or dead when
     * {@code nextAttemptAt} is null after a failure). A delivery whose lease was taken over meanwhile is left alone.
     * Then pulls forward the waiting retries of every endpoint that just accepted a delivery.
     */
    public void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        with k as (select * from unnest(?::varchar[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],
                                                        ?::int[], ?::varchar[], ?::boolean[], ?::timestamptz[])
                                     as k(t, id, claim, at, status, error, ok, next)),
                             u as (update outbound_delivery d set
                                       attempts = d.attempts + 1,
                                       first_attempt_at = coalesce(d.first_attempt_at, k.at),
                                       last_attempt_at = k.at,
                                       last_status = k.status,
                                       last_error = k.error,
                                       claimed_until = null,
                                       state = case when k.ok then 'delivered' when k.next is null then 'dead' else 'pending' end,
                                       delivered_at = case when k.ok then k.at else d.delivered_at end,
                                       next_attempt_at = coalesce(k.next, d.next_attempt_at)
                                   from k where d.tenant_id = k.t and d.id = k.id and d.claimed_until = k.claim
                                   returning d.tenant_id, d.id, d.endpoint_id, k.ok)
                        select count(*) from u""")) {
                    ps.setArray(1, c.createArrayOf("varchar", outcomes.stream().map(o -> o.delivery().tenantId()).toArray()));
                    ps.setArray(2, c.createArrayOf("bigint", outcomes.stream().map(o -> o.delivery().deliveryId()).toArray()));
                    ps.setArray(3, c.createArrayOf("timestamptz", outcomes.stream().map(o -> Timestamp.from(o.delivery().claim())).toArray()));
                    ps.setArray(4, c.createArrayOf("timestamptz", outcomes.stream().map(o -> Timestamp.from(o.at())).toArray()));
                    ps.setArray(5, c.createArrayOf("int", outcomes.stream().map(Outcome::status).toArray()));
                    ps.setArray(6, c.createArrayOf("varchar", outcomes.stream().map(Outcome::error).toArray()));
                    ps.setArray(7, c.createArrayOf("boolean", outcomes.stream().map(Outcome::delivered).toArray()));
                    ps.setArray(8, c.createArrayOf("timestamptz", outcomes.stream()
                            .map(o -> o.nextAttemptAt() == null ? null : Timestamp.from(o.nextAttemptAt())).toArray()));
                    ps.executeQuery().close();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into outbound_attempt (id, tenant_id, delivery_id, endpoint_id, attempted_at, duration_ms,
                                                      status_code, error, response_excerpt)
                        select nextval('outbound_attempt_seq'), k.t, k.d, k.e, k.at, k.ms, k.status, k.error, k.excerpt
                        from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::int[], ?::int[],
                                    ?::varchar[], ?::varchar[]) as k(t, d, e, at, ms, status, error, excerpt)""")) {
                    ps.setArray(1, c.createArrayOf("varchar", outcomes.stream().map(o -> o.delivery().tenantId()).toArray()));
                    ps.setArray(2, c.createArrayOf("bigint", outcomes.stream().map(o -> o.delivery().deliveryId()).toArray()));
                    ps.setArray(3, c.createArrayOf("bigint", outcomes.stream().map(o -> o.delivery().endpointId()).toArray()));
                    ps.setArray(4, c.createArrayOf("timestamptz", outcomes.stream().map(o -> Timestamp.from(o.at())).toArray()));
                    ps.setArray(5, c.createArrayOf("int", outcomes.stream().map(Outcome::durationMs).toArray()));
                    ps.setArray(6, c.createArrayOf("int", outcomes.stream().map(Outcome::status).toArray()));
                    ps.setArray(7, c.createArrayOf("varchar", outcomes.stream().map(Outcome::error).toArray()));
                    ps.setArray(8, c.createArrayOf("varchar", outcomes.stream().map(Outcome::excerpt).toArray()));
                    ps.executeUpdate();
                }
                List<Outcome> accepted = outcomes.stream().filter(Outcome::delivered).toList();
                if (!accepted.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            update outbound_delivery d set next_attempt_at = k.at
                            from (select distinct * from unnest(?::varchar[], ?::bigint[], ?::timestamptz[]) as k(t, e, at)) k
                            where d.state = 'pending' and d.tenant_id = k.t and d.endpoint_id = k.e
                              and d.attempts > 0 and d.next_attempt_at > k.at""")) {
                        ps.setArray(1, c.createArrayOf("varchar", accepted.stream().map(o -> o.delivery().tenantId()).toArray()));
                        ps.setArray(2, c.createArrayOf("bigint", accepted.stream().map(o -> o.delivery().endpointId()).toArray()));
                        ps.setArray(3, c.createArrayOf("timestamptz", accepted.stream().map(o -> Timestamp.from(o.at())).toArray()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
