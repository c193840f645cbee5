package app.rebound.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingestion pipeline's SQL, kept outside Hibernate for throughput (one round trip per statement batch, no
 * entity state). Hibernate's tenant filter does not apply here: every statement names its tenant explicitly,
 * and {@code NativeSqlConfinementTest} allows native SQL in this class only besides {@code TenantSql}.
 * Callers run it inside a JTA transaction, so the connections are enlisted in it.
 */
@ApplicationScoped
public class IngestSql {
    private final AgroalDataSource dataSource;

    public IngestSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    boolean tenantExists(String tenantId) {
        return exists("select 1 from tenant where id = ?", ps -> ps.setString(1, tenantId));
    }

    boolean sendingServerExists(String tenantId, long serverId) {
        return exists("select 1 from sending_server where tenant_id = ? and id = ?", ps -> {
            ps.setString(1, tenantId);
            ps.setLong(2, serverId);
        });
    }

    Receipt insertInbound(InboundInput in, String dedupeKey, String sourceRef, Duration retention) {
        String insert = """
                insert into inbound_message (id, tenant_id, source, dedupe_key, content_type, body, body_size, source_ref,
                                             sending_server_id, retain_until)
                values (nextval('inbound_message_seq'), ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
                on conflict (tenant_id, source, dedupe_key) do nothing
                returning id""";
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, in.tenantId());
                ps.setString(2, in.source().code());
                ps.setString(3, dedupeKey);
                ps.setString(4, in.contentType() == null ? null : in.contentType().substring(0, Math.min(200, in.contentType().length())));
                ps.setBytes(5, in.body());
                ps.setInt(6, in.body().length);
                ps.setString(7, sourceRef);
                if (in.sendingServerId() == null) {
                    ps.setNull(8, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(8, in.sendingServerId());
                }
                ps.setLong(9, retention.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Receipt(rs.getLong(1), false);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from inbound_message where tenant_id = ? and source = ? and dedupe_key = ?")) {
                ps.setString(1, in.tenantId());
                ps.setString(2, in.source().code());
                ps.setString(3, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("duplicate input vanished: " + dedupeKey);
                    }
                    return new Receipt(rs.getLong(1), true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the input", e);
        }
    }

    /** A row of a tenant-owned table, by tenant and id. */
    record Ref(String tenantId, long id) {
    }

    record SubscriberRow(long id, long listId, String email, String status) {
    }

    record CampaignRow(long id, long listId, Long serverId, String retryPolicy) {
    }

    record SentRow(long campaignId, long subscriberId, Long serverId) {
    }

    record RetryRow(String tenantId, long campaignId, long subscriberId, int softBounces, String state) {
    }

    // --- claiming ------------------------------------------------------------------------------------------

    private static final String CLAIM_COLUMNS = "id, tenant_id, source, body, sending_server_id, received_at, attempts";

    /** Locks up to {@code limit} due pending inputs that no other worker holds (FOR UPDATE SKIP LOCKED). */
    List<StoredInput> claim(Connection c, int limit) throws SQLException {
        String sql = "select " + CLAIM_COLUMNS + " from inbound_message where state = 'pending' and next_attempt_at <= now()"
                + " order by next_attempt_at, id limit ? for update skip locked";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            return readInputs(ps);
        }
    }

    /** Locks one pending input, if no other worker holds it. */
    Optional<StoredInput> claimOne(Connection c, String tenantId, long id) throws SQLException {
        String sql = "select " + CLAIM_COLUMNS + " from inbound_message where tenant_id = ? and id = ? and state = 'pending'"
                + " for update skip locked";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            return readInputs(ps).stream().findFirst();
        }
    }

    private static List<StoredInput> readInputs(PreparedStatement ps) throws SQLException {
        List<StoredInput> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long server = rs.getLong(5);
                out.add(new StoredInput(rs.getLong(1), rs.getString(2), InboundSource.fromCode(rs.getString(3)),
                        rs.getBytes(4), rs.wasNull() ? null : server, rs.getTimestamp(6).toInstant(), rs.getInt(7)));
            }
        }
        return out;
    }

    // --- linking -------------------------------------------------------------------------------------------

    /** The tenant's VERP secrets, the active key first, then retired keys newest first. */
    List<byte[]> verpSecrets(String tenantId) {
        String sql = "select secret from verp_key where tenant_id = ? order by retired_at desc nulls first, created_at desc";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            List<byte[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read VERP keys", e);
        }
    }

    void insertVerpKey(String tenantId, String keyId, byte[] secret) {
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update verp_key set retired_at = now() where tenant_id = ? and retired_at is null")) {
                ps.setString(1, tenantId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into verp_key (tenant_id, key_id, secret) values (?, ?, ?)")) {
                ps.setString(1, tenantId);
                ps.setString(2, keyId);
                ps.setBytes(3, secret);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a VERP key", e);
        }
    }

    /** The tenant that owns a return-path domain, if any. */
    Optional<String> tenantOfDomain(String domain) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("select tenant_id from return_path_domain where domain = ?")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read return-path domains", e);
        }
    }

    /** Registers a return-path domain for a tenant; false when another tenant already owns it. */
    boolean claimDomain(String tenantId, String domain) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "insert into return_path_domain (domain, tenant_id) values (?, ?) on conflict (domain) do nothing")) {
            ps.setString(1, domain);
            ps.setString(2, tenantId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a return-path domain", e);
        }
        return tenantOfDomain(domain).map(tenantId::equals).orElse(false);
    }

    Map<Ref, SubscriberRow> subscribers(Connection c, Collection<Ref> refs) throws SQLException {
        Map<Ref, SubscriberRow> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        String sql = """
                select s.tenant_id, s.id, s.list_id, s.email, s.status from subscriber s
                join unnest(?::varchar[], ?::bigint[]) as k(t, i) on s.tenant_id = k.t and s.id = k.i""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRefs(c, ps, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Ref(rs.getString(1), rs.getLong(2)),
                            new SubscriberRow(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    Map<Ref, CampaignRow> campaigns(Connection c, Collection<Ref> refs) throws SQLException {
        Map<Ref, CampaignRow> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        String sql = """
                select c.tenant_id, c.id, c.list_id, c.sending_server_id, s.retry_policy from campaign c
                join unnest(?::varchar[], ?::bigint[]) as k(t, i) on c.tenant_id = k.t and c.id = k.i
                left join sending_server s on s.tenant_id = c.tenant_id and s.id = c.sending_server_id""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRefs(c, ps, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long server = rs.getLong(4);
                    out.put(new Ref(rs.getString(1), rs.getLong(2)),
                            new CampaignRow(rs.getLong(2), rs.getLong(3), rs.wasNull() ? null : server, rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Sent messages by (tenant, Message-ID without angle brackets). */
    Map<List<String>, SentRow> sentMessages(Connection c, List<String> tenants, List<String> messageIds) throws SQLException {
        Map<List<String>, SentRow> out = new HashMap<>();
        if (tenants.isEmpty()) {
            return out;
        }
        String sql = """
                select m.tenant_id, m.message_id, m.campaign_id, m.subscriber_id, m.sending_server_id from sent_message m
                join unnest(?::varchar[], ?::varchar[]) as k(t, mid) on m.tenant_id = k.t and m.message_id = k.mid""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", tenants.toArray()));
            ps.setArray(2, c.createArrayOf("varchar", messageIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long server = rs.getLong(5);
                    out.put(List.of(rs.getString(1), rs.getString(2)),
                            new SentRow(rs.getLong(3), rs.getLong(4), rs.wasNull() ? null : server));
                }
            }
        }
        return out;
    }

    /** The tenant's subscribers with this (lower-case) address, on any list. */
    List<SubscriberRow> subscribersByEmail(Connection c, String tenantId, String email) throws SQLException {
        String sql = "select id, list_id, email, status from subscriber where tenant_id = ? and email = ? order by id limit 20";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, email);
            List<SubscriberRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SubscriberRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    private static void bindRefs(Connection c, PreparedStatement ps, Collection<Ref> refs) throws SQLException {
        ps.setArray(1, c.createArrayOf("varchar", refs.stream().map(Ref::tenantId).toArray()));
        ps.setArray(2, c.createArrayOf("bigint", refs.stream().map(Ref::id).toArray()));
    }

    // --- recording -----------------------------------------------------------------------------------------

    long[] nextBounceIds(Connection c, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = c.prepareStatement("select nextval('bounce_seq') from generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    /**
     * Claims the event keys; returns the bounce id of each key that was new, keyed by [tenant, key]. Keys already
     * recorded (an earlier input, or an earlier row of this batch) are absent from the answer.
     */
    Map<List<String>, Long> insertBounceEvents(Connection c, List<Recorded> recs) throws SQLException {
        Map<List<String>, Long> out = new HashMap<>();
        if (recs.isEmpty()) {
            return out;
        }
        String sql = """
                insert into bounce_event (tenant_id, event_key, bounce_id, occurred_at)
                select * from unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::timestamptz[])
                on conflict (tenant_id, event_key) do nothing
                returning tenant_id, event_key, bounce_id""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", recs.stream().map(r -> r.input.tenantId()).toArray()));
            ps.setArray(2, c.createArrayOf("varchar", recs.stream().map(r -> r.eventKey).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", recs.stream().map(r -> r.bounceId).toArray()));
            ps.setArray(4, c.createArrayOf("timestamptz", recs.stream().map(r -> Timestamp.from(r.occurredAt)).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /**
     * Counts soft bounces per (tenant, campaign, subscriber); {@code counts} holds how many this batch adds for
     * each. Answers the totals after the update.
     */
    List<RetryRow> upsertRetries(Connection c, List<Recorded> lastOfEach, List<Integer> counts, List<Instant> firsts)
            throws SQLException {
        List<RetryRow> out = new ArrayList<>();
        if (lastOfEach.isEmpty()) {
            return out;
        }
        String sql = """
                insert into retry_state as r (tenant_id, campaign_id, subscriber_id, sending_server_id, soft_bounces,
                                              first_bounce_at, last_bounce_at, last_bounce_id)
                select * from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::timestamptz[],
                                     ?::timestamptz[], ?::bigint[])
                on conflict (tenant_id, campaign_id, subscriber_id) do update
                  set soft_bounces = r.soft_bounces + excluded.soft_bounces,
                      last_bounce_at = greatest(r.last_bounce_at, excluded.last_bounce_at),
                      last_bounce_id = excluded.last_bounce_id,
                      sending_server_id = coalesce(excluded.sending_server_id, r.sending_server_id)
                returning tenant_id, campaign_id, subscriber_id, soft_bounces, state""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", lastOfEach.stream().map(r -> r.input.tenantId()).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", lastOfEach.stream().map(r -> r.campaignId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", lastOfEach.stream().map(r -> r.subscriberId).toArray()));
            ps.setArray(4, c.createArrayOf("bigint", lastOfEach.stream().map(r -> r.serverId).toArray()));
            ps.setArray(5, c.createArrayOf("integer", counts.toArray()));
            ps.setArray(6, c.createArrayOf("timestamptz", firsts.stream().map(Timestamp::from).toArray()));
            ps.setArray(7, c.createArrayOf("timestamptz", lastOfEach.stream().map(r -> Timestamp.from(r.occurredAt)).toArray()));
            ps.setArray(8, c.createArrayOf("bigint", lastOfEach.stream().map(r -> r.bounceId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RetryRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Sets when the next retry is due, or marks the retries exhausted (next = null). */
    void scheduleRetries(Connection c, List<RetryRow> rows, List<Instant> next) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = """
                update retry_state r set next_retry_at = k.n, state = case when k.n is null then 'exhausted' else r.state end
                from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::timestamptz[]) as k(t, c, s, n)
                where r.tenant_id = k.t and r.campaign_id = k.c and r.subscriber_id = k.s""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", rows.stream().map(RetryRow::tenantId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", rows.stream().map(RetryRow::campaignId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", rows.stream().map(RetryRow::subscriberId).toArray()));
            ps.setArray(4, c.createArrayOf("timestamptz", next.stream().map(n -> n == null ? null : Timestamp.from(n)).toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Moves subscribers that are still 'subscribed' to their new status (one change per subscriber; the caller
     * dedupes) and writes each change to subscriber_event with its bounce. Returns the subscribers that changed.
     */
    List<Ref> changeStatuses(Connection c, List<Recorded> recs) throws SQLException {
        List<Ref> changed = new ArrayList<>();
        if (recs.isEmpty()) {
            return changed;
        }
        String sql = """
                with k as (select * from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::timestamptz[], ?::varchar[],
                                                ?::varchar[], ?::bigint[], ?::timestamptz[])
                             as k(t, s, st, at, why, cause, b, bat)),
                     u as (update subscriber s set status = k.st, status_changed_at = k.at, status_reason = k.why
                           -- coalesce(): find the row by its key; the (tenant, status) index would visit them all
                           from k where s.tenant_id = k.t and s.id = k.s and coalesce(s.status, '') = 'subscribed'
                           returning s.tenant_id, s.id),
                     e as (insert into subscriber_event (id, tenant_id, subscriber_id, from_status, to_status, changed_at,
                                                         why, actor, cause, bounce_id, bounce_occurred_at)
                           select nextval('subscriber_event_seq'), k.t, k.s, 'subscribed', k.st, k.at, k.why, 'auto-action',
                                  k.cause, k.b, k.bat
                           from k join u on u.tenant_id = k.t and u.id = k.s)
                select tenant_id, id from u""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", recs.stream().map(r -> r.input.tenantId()).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", recs.stream().map(r -> r.subscriberId).toArray()));
            ps.setArray(3, c.createArrayOf("varchar", recs.stream().map(r -> r.decision.newStatus().name().toLowerCase()).toArray()));
            ps.setArray(4, c.createArrayOf("timestamptz", recs.stream().map(r -> Timestamp.from(Instant.now())).toArray()));
            ps.setArray(5, c.createArrayOf("varchar", recs.stream().map(r -> clip(r.decision.hint() + " (" + r.result.statusText()
                    + " " + r.result.reason().id() + ")", 500)).toArray()));
            ps.setArray(6, c.createArrayOf("varchar", recs.stream().map(r -> r.decision.cause()).toArray()));
            ps.setArray(7, c.createArrayOf("bigint", recs.stream().map(r -> r.bounceId).toArray()));
            ps.setArray(8, c.createArrayOf("timestamptz", recs.stream().map(r -> Timestamp.from(r.occurredAt)).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(new Ref(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return changed;
    }

    /**
     * Automatic suppression entries (issue 10): each recorded bounce that makes the address unmailable (a hard
     * bounce that bounced the subscriber, a spam complaint, a spam-trap hit) puts the address on its tenant's
     * suppression list, with a line in suppression_log; an address already listed keeps its entry (and its first
     * reason). {@code entries} holds [tenant, email, reason, note] per address.
     */
    void suppress(Connection c, List<String[]> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        String sql = """
                with k as (select distinct on (t, e) t, e, r, n
                             from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as k(t, e, r, n)
                            where position('@' in e) > 1 order by t, e),
                     a as (insert into suppressed_address (id, tenant_id, email, reason, note, added_by)
                           select nextval('suppressed_address_seq'), t, e, r, n, 'auto-action' from k
                           on conflict (tenant_id, email) do nothing
                           returning tenant_id, email, reason, note)
                insert into suppression_log (id, tenant_id, email, action, reason, note, actor)
                select nextval('suppression_log_seq'), tenant_id, email, 'added', reason, note, 'auto-action' from a""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 4; i++) {
                int col = i;
                ps.setArray(i + 1, c.createArrayOf("varchar", entries.stream().map(e -> e[col]).toArray()));
            }
            ps.executeUpdate();
        }
    }

    /** A bounce's send: tenant, subscriber, and the campaign when the bounce is linked to one. */
    record SendRef(String tenantId, long subscriberId, Long campaignId) {
    }

    /**
     * Of these sends, the watched ones after a re-add (issue 10): the campaign's message to the subscriber went out
     * while watched ({@code sent_message.watched}, set by the sender as it counts the watch down), or, for a bounce
     * linked to no campaign, the subscriber still has watched sends left.
     */
    java.util.Set<SendRef> watched(Connection c, Collection<SendRef> refs) throws SQLException {
        java.util.Set<SendRef> out = new java.util.HashSet<>();
        if (refs.isEmpty()) {
            return out;
        }
        String sql = """
                select k.t, k.s, k.c from unnest(?::varchar[], ?::bigint[], ?::bigint[]) as k(t, s, c)
                where case when k.c is null
                           then exists (select 1 from subscriber x where x.tenant_id = k.t and x.id = k.s and x.watch_sends_left > 0)
                           else exists (select 1 from sent_message m where m.tenant_id = k.t and m.subscriber_id = k.s
                                          and m.campaign_id = k.c and m.watched) end""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", refs.stream().map(SendRef::tenantId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", refs.stream().map(SendRef::subscriberId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", refs.stream().map(SendRef::campaignId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long campaign = rs.getLong(3);
                    out.add(new SendRef(rs.getString(1), rs.getLong(2), rs.wasNull() ? null : campaign));
                }
            }
        }
        return out;
    }

    /** A watched send bounced: the watch ends and automatic reactivation is blocked for good. */
    void blockReactivation(Connection c, Collection<Ref> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        String sql = """
                update subscriber s set auto_reactivation_blocked = true, watch_sends_left = 0
                from unnest(?::varchar[], ?::bigint[]) as k(t, s) where s.tenant_id = k.t and s.id = k.s""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", refs.stream().map(Ref::tenantId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", refs.stream().map(Ref::id).toArray()));
            ps.executeUpdate();
        }
    }

    void flagIp(Connection c, Recorded r) throws SQLException {
        String sql = """
                insert into flagged_ip as f (tenant_id, ip, last_bounce_id, reason, sending_server_id)
                values (?, ?, ?, ?, ?)
                on conflict (tenant_id, ip) do update set hits = f.hits + 1, last_flagged_at = now(),
                    last_bounce_id = excluded.last_bounce_id, reason = excluded.reason""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.input.tenantId());
            ps.setString(2, clip(r.event.sendingIp(), 45));
            ps.setLong(3, r.bounceId);
            ps.setString(4, clip("Spam-trap hit: " + r.result.diagnostic(), 500));
            setLong(ps, 5, r.serverId);
            ps.executeUpdate();
        }
    }

    /**
     * One multi-row insert for the whole batch (unnest of one array per column): far cheaper than row by row. The same
     * statement adds the batch to the campaigns' stored counters (campaign_bounce_count, issue 10), in campaign order
     * so two batches never lock two counter rows in opposite orders.
     */
    void insertBounces(Connection c, List<Recorded> recs) throws SQLException {
        if (recs.isEmpty()) {
            return;
        }
        String sql = """
                with ins as (insert into bounce (id, tenant_id, campaign_id, subscriber_id, recipient_email, type, status_code, reply_code,
                    reason, fault, diagnostic, occurred_at, raw_ref, suppress, rule, why, trap_suspicion, feedback_type,
                    remote_mta, sending_ip, provider_classification, investigate, action, action_hint, inbound_id, event_key,
                    message_id, link_source, sending_server_id, recipient_domain)
                select * from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::smallint[], ?::varchar[], ?::varchar[], ?::text[], ?::timestamptz[], ?::varchar[],
                    ?::boolean[], ?::varchar[], ?::text[], ?::boolean[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::bigint[], ?::varchar[])
                    returning tenant_id, campaign_id, type, investigate, occurred_at)
                insert into campaign_bounce_count as k (id, tenant_id, campaign_id, hard, soft, complaint, auto_reply, other,
                    investigate, first_at, last_at)
                select nextval('campaign_bounce_count_seq'), tenant_id, campaign_id, count(*) filter (where type = 'hard'),
                    count(*) filter (where type = 'soft'), count(*) filter (where type = 'complaint'),
                    count(*) filter (where type = 'auto_reply'),
                    count(*) filter (where type not in ('hard', 'soft', 'complaint', 'auto_reply')),
                    count(*) filter (where investigate), min(occurred_at), max(occurred_at)
                from ins where campaign_id is not null group by tenant_id, campaign_id order by tenant_id, campaign_id
                on conflict (tenant_id, campaign_id) do update set hard = k.hard + excluded.hard, soft = k.soft + excluded.soft,
                    complaint = k.complaint + excluded.complaint, auto_reply = k.auto_reply + excluded.auto_reply,
                    other = k.other + excluded.other, investigate = k.investigate + excluded.investigate,
                    first_at = least(k.first_at, excluded.first_at), last_at = greatest(k.last_at, excluded.last_at)""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Columns col = new Columns(c, ps, recs);
            col.set("bigint", r -> r.bounceId);
            col.set("varchar", r -> r.input.tenantId());
            col.set("bigint", r -> r.campaignId);
            col.set("bigint", r -> r.subscriberId);
            col.set("varchar", r -> clip(r.recipient, 320));
            col.set("varchar", r -> r.result.type().name().toLowerCase());
            col.set("varchar", r -> r.result.status() == null ? null : r.result.statusText());
            col.set("smallint", r -> r.result.replyCode() == 0 ? null : (short) r.result.replyCode());
            col.set("varchar", r -> r.result.reason().id());
            col.set("varchar", r -> r.result.fault().name().toLowerCase());
            col.set("text", r -> r.result.diagnostic());
            col.set("timestamptz", r -> Timestamp.from(r.occurredAt));
            col.set("varchar", r -> "inbound:" + r.input.id());
            col.set("boolean", r -> r.result.suppress());
            col.set("varchar", r -> clip(r.result.rule(), 100));
            col.set("text", r -> r.result.why());
            col.set("boolean", r -> r.result.trapSuspicion());
            col.set("varchar", r -> nullIfEmpty(clip(r.result.feedbackType(), 32)));
            col.set("varchar", r -> nullIfEmpty(clip(r.result.remoteMta(), 255)));
            col.set("varchar", r -> nullIfEmpty(clip(r.event.sendingIp(), 45)));
            col.set("varchar", r -> nullIfEmpty(clip(r.event.providerClassification(), 200)));
            col.set("boolean", r -> r.decision.investigate());
            col.set("varchar", r -> r.decision.action().code());
            col.set("varchar", r -> clip(r.decision.hint(), 200));
            col.set("bigint", r -> r.input.id());
            col.set("varchar", r -> r.eventKey);
            col.set("varchar", r -> nullIfEmpty(clip(r.report().links().messageId(), 500)));
            col.set("varchar", r -> clip(r.report().links().source(), 16));
            col.set("bigint", r -> r.serverId);
            col.set("varchar", r -> RecipientDomain.of(r.recipient));
            ps.executeUpdate();
        }
    }

    /** Binds one SQL array per column, in order. */
    private static final class Columns {
        private final Connection c;
        private final PreparedStatement ps;
        private final List<Recorded> recs;
        private int index = 1;

        Columns(Connection c, PreparedStatement ps, List<Recorded> recs) {
            this.c = c;
            this.ps = ps;
            this.recs = recs;
        }

        void set(String type, java.util.function.Function<Recorded, Object> value) throws SQLException {
            Object[] values = new Object[recs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(recs.get(i));
            }
            ps.setArray(index++, c.createArrayOf(type, values));
        }
    }

    void markDone(Connection c, List<StoredInput> inputs, Duration retention) throws SQLException {
        if (inputs.isEmpty()) {
            return;
        }
        String sql = """
                update inbound_message m set state = 'done', processed_at = now(), attempts = m.attempts + 1,
                       last_error = null, retain_until = now() + make_interval(secs => ?)
                from unnest(?::varchar[], ?::bigint[]) as k(t, i) where m.tenant_id = k.t and m.id = k.i""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, retention.toSeconds());
            ps.setArray(2, c.createArrayOf("varchar", inputs.stream().map(StoredInput::tenantId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", inputs.stream().map(StoredInput::id).toArray()));
            ps.executeUpdate();
        }
    }

    void quarantine(Connection c, StoredInput input, String why) throws SQLException {
        String sql = """
                update inbound_message set state = 'quarantined', processed_at = now(), attempts = attempts + 1,
                       last_error = ? where tenant_id = ? and id = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, clip(why, 4000));
            ps.setString(2, input.tenantId());
            ps.setLong(3, input.id());
            ps.executeUpdate();
        }
    }

    /**
     * A crash while processing an input: count the attempt and retry later with a doubling back-off; at
     * {@code maxAttempts} the input goes to quarantine. Runs in its own transaction (the caller's rolled back).
     */
    void recordFailure(String tenantId, long id, String error, int maxAttempts, Duration backoff) {
        String sql = """
                update inbound_message set attempts = attempts + 1, last_error = ?,
                       state = case when attempts + 1 >= ? then 'quarantined' else state end,
                       processed_at = case when attempts + 1 >= ? then now() else processed_at end,
                       next_attempt_at = now() + make_interval(secs => ? * power(2, least(attempts, 16)))
                where tenant_id = ? and id = ? and state = 'pending'""";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, clip(error, 4000));
            ps.setInt(2, maxAttempts);
            ps.setInt(3, maxAttempts);
            ps.setDouble(4, backoff.toMillis() / 1000.0);
            ps.setString(5, tenantId);
            ps.setLong(6, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a failed attempt", e);
        }
    }

    /**
     * Retention: deletes up to {@code limit} of one tenant's raw inputs whose {@code retain_until} has passed and that
     * are done or dismissed (never pending or quarantined ones), oldest first, skipping rows a worker holds.
     * Returns how many were deleted.
     */
    int deleteExpired(String tenantId, int limit) {
        String sql = """
                delete from inbound_message m where m.tenant_id = ? and m.id in (
                    select id from inbound_message where tenant_id = ? and state in ('done', 'dismissed')
                        and retain_until < now() order by retain_until limit ? for update skip locked)
                  and m.state in ('done', 'dismissed')""";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, tenantId);
            ps.setInt(3, limit);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete expired inputs", e);
        }
    }

    /** Puts a quarantined input back in the queue (after a fix), or dismisses it; false when it is not quarantined. */
    boolean resolveQuarantined(String tenantId, long id, boolean reprocess) {
        String sql = reprocess
                ? "update inbound_message set state = 'pending', attempts = 0, next_attempt_at = now(), processed_at = null"
                        + " where tenant_id = ? and id = ? and state = 'quarantined'"
                : "update inbound_message set state = 'dismissed', processed_at = now() where tenant_id = ? and id = ?"
                        + " and state = 'quarantined'";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the input", e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // --- API tokens ----------------------------------------------------------------------------------------

    record TokenRow(String tenantId, long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                    Instant revokedAt) {
    }

    /** The live token with this hash (global lookup: the token is what names the tenant). */
    Optional<TokenRow> tokenByHash(byte[] hash) {
        String sql = "update api_token set last_used_at = now() where token_hash = ? and revoked_at is null"
                + " returning tenant_id, id, name, prefix, created_at, last_used_at, revoked_at";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, hash);
            List<TokenRow> rows = readTokens(ps);
            return rows.stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the API token", e);
        }
    }

    long insertToken(String tenantId, String name, byte[] hash, String prefix) {
        String sql = "insert into api_token (id, tenant_id, name, token_hash, prefix) values (nextval('api_token_seq'), ?, ?, ?, ?)"
                + " returning id";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, name);
            ps.setBytes(3, hash);
            ps.setString(4, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the API token", e);
        }
    }

    List<TokenRow> tokensOf(String tenantId) {
        String sql = "select tenant_id, id, name, prefix, created_at, last_used_at, revoked_at from api_token"
                + " where tenant_id = ? order by revoked_at nulls first, created_at desc, id desc";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            return readTokens(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read API tokens", e);
        }
    }

    boolean revokeToken(String tenantId, long id) {
        String sql = "update api_token set revoked_at = now() where tenant_id = ? and id = ? and revoked_at is null";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke the API token", e);
        }
    }

    private static List<TokenRow> readTokens(PreparedStatement ps) throws SQLException {
        List<TokenRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TokenRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        instant(rs, 6), instant(rs, 7)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    // --- IMAP bounce mailboxes -----------------------------------------------------------------------------

    /** A sending server's bounce mailbox, secret still sealed. */
    public record MailboxRow(String tenantId, long serverId, String host, int port, String tlsMode, String username,
                             byte[] secretSealed, String folder, String processedFolder) {
    }

    void saveMailbox(MailboxRow m) {
        String sql = """
                insert into imap_mailbox (tenant_id, sending_server_id, host, port, tls_mode, username, secret_enc, folder,
                                          processed_folder)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, sending_server_id) do update set host = excluded.host, port = excluded.port,
                    tls_mode = excluded.tls_mode, username = excluded.username, secret_enc = excluded.secret_enc,
                    folder = excluded.folder, processed_folder = excluded.processed_folder, enabled = true""";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, m.tenantId());
            ps.setLong(2, m.serverId());
            ps.setString(3, m.host());
            ps.setInt(4, m.port());
            ps.setString(5, m.tlsMode());
            ps.setString(6, m.username());
            ps.setBytes(7, m.secretSealed());
            ps.setString(8, m.folder());
            ps.setString(9, m.processedFolder());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the bounce mailbox settings", e);
        }
    }

    /** Every enabled mailbox of every tenant (the poller's list; each row names its tenant). */
    List<MailboxRow> enabledMailboxes() {
        String sql = "select tenant_id, sending_server_id, host, port, tls_mode, username, secret_enc, folder, processed_folder"
                + " from imap_mailbox where enabled order by tenant_id, sending_server_id";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<MailboxRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new MailboxRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getString(9)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read bounce mailboxes", e);
        }
    }

    /** One sending server's bounce mailbox with its last poll, or empty; the tenant is named explicitly. */
    java.util.Optional<MailboxState> mailboxOf(String tenantId, long serverId) {
        String sql = "select tenant_id, sending_server_id, host, port, tls_mode, username, secret_enc, folder, processed_folder,"
                + " last_polled_at, last_error from imap_mailbox where tenant_id = ? and sending_server_id = ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setLong(2, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                Timestamp polled = rs.getTimestamp(10);
                return java.util.Optional.of(new MailboxState(new MailboxRow(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getInt(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getString(9)),
                        polled == null ? null : polled.toInstant(), rs.getString(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the bounce mailbox settings", e);
        }
    }

    /** A mailbox row with its last poll time and error. */
    public record MailboxState(MailboxRow row, java.time.Instant lastPolledAt, String lastError) {
    }

    void mailboxPolled(String tenantId, long serverId, String error) {
        String sql = "update imap_mailbox set last_polled_at = now(), last_error = ? where tenant_id = ? and sending_server_id = ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, clip(error, 1000));
            ps.setString(2, tenantId);
            ps.setLong(3, serverId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the mailbox poll", e);
        }
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean exists(String sql, Binder binder) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not query " + sql, e);
        }
    }
}
