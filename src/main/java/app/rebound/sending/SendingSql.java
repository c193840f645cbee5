package app.rebound.sending;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sending side's native SQL (bulk claims with {@code FOR UPDATE SKIP LOCKED}, unnest updates). Every statement
 * names its tenant explicitly; {@code NativeSqlConfinementTest} allows native SQL here.
 */
@ApplicationScoped
public class SendingSql {
    /** Listings at least this large refresh the planner's statistics of campaign_delivery at once. */
    static final int ANALYZE_AFTER_LISTING = 1_000;

    private final AgroalDataSource dataSource;

    public SendingSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A recipient claimed for sending. */
    public record Recipient(long subscriberId, String email, boolean eligible) {
    }

    /**
     * The outcome of one send: state 'sent', 'refused', 'skipped' or 'interrupted', the reply, and the Message-ID
     * when the message was handed to the server (sent, or refused at RCPT or DATA).
     */
    public record Outcome(long subscriberId, String state, String reply, String messageId) {
    }

    /** Counts of a campaign send by delivery state, plus the send's own state. */
    public record Progress(String state, int total, int skipped, Map<String, Integer> byState) {
        public int count(String s) {
            return byState.getOrDefault(s, 0);
        }

        public int done() {
            return count("sent") + count("refused") + count("skipped") + count("interrupted");
        }

        public int percent() {
            return total == 0 ? 100 : (int) Math.min(100, done() * 100L / total);
        }
    }

    private static RuntimeException fail(SQLException e) {
        return new IllegalStateException("Sending SQL failed: " + e.getMessage(), e);
    }

    /**
     * Requests a campaign send once: the first call lists the recipients (subscribed members of the campaign's
     * list whose address is not on the tenant's suppression list), later calls change nothing. Returns true when
     * this call created the send.
     */
    public boolean requestSend(String tenant, long campaignId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int created;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into campaign_send (tenant_id, campaign_id, requested_at) values (?, ?, ?)
                        on conflict do nothing""")) {
                    ps.setString(1, tenant);
                    ps.setLong(2, campaignId);
                    ps.setTimestamp(3, Timestamp.from(now));
                    created = ps.executeUpdate();
                }
                if (created == 0) {
                    c.rollback();
                    return false;
                }
                int listed;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into campaign_delivery (tenant_id, campaign_id, subscriber_id)
                        select s.tenant_id, ca.id, s.id from campaign ca
                          join subscriber s on s.tenant_id = ca.tenant_id and s.list_id = ca.list_id
                         where ca.tenant_id = ? and ca.id = ? and s.status = 'subscribed'
                           and not exists (select 1 from suppressed_address x where x.tenant_id = s.tenant_id and x.email = s.email)""")) {
                    ps.setString(1, tenant);
                    ps.setLong(2, campaignId);
                    listed = ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update campaign_send cs set total = ?,
                               skipped = (select count(*) from campaign ca join subscriber s
                                           on s.tenant_id = ca.tenant_id and s.list_id = ca.list_id
                                          where ca.tenant_id = cs.tenant_id and ca.id = cs.campaign_id) - ?
                         where cs.tenant_id = ? and cs.campaign_id = ?""")) {
                    ps.setInt(1, listed);
                    ps.setInt(2, listed);
                    ps.setString(3, tenant);
                    ps.setLong(4, campaignId);
                    ps.executeUpdate();
                }
                c.commit();
                if (listed >= ANALYZE_AFTER_LISTING) {
                    // A large listing changes the table's size by orders of magnitude; until autovacuum analyses it the
                    // planner may think it nearly empty and join the batch claims by sequential scans (measured: a
                    // 100,000-recipient send stalled at 30-60 s per claim). Statistics now, not in a minute.
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("analyze campaign_delivery");
                    }
                    c.commit();
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Campaigns of this tenant whose send is not finished, except those on a disabled server (paused). */
    public List<Long> activeSends(String tenant) {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     """
                     select cs.campaign_id from campaign_send cs
                       join campaign ca on ca.tenant_id = cs.tenant_id and ca.id = cs.campaign_id
                       join sending_server srv on srv.tenant_id = ca.tenant_id and srv.id = ca.sending_server_id
                      where cs.tenant_id = ? and cs.state = 'sending' and srv.enabled
                      order by cs.requested_at""")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /**
     * Claims up to {@code n} pending recipients: they are committed as 'sending' before any mail goes out, and
     * rows another instance holds are skipped ({@code FOR UPDATE SKIP LOCKED}), so no two senders share one.
     */
    public List<Recipient> claim(String tenant, long campaignId, int n, Instant now) {
        List<Recipient> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     with picked as (
                         select subscriber_id from campaign_delivery
                          where tenant_id = ? and campaign_id = ? and state = 'pending'
                            and not exists (select 1 from campaign p where p.tenant_id = campaign_delivery.tenant_id
                                              and p.id = campaign_delivery.campaign_id and p.paused_at is not null)
                          order by subscriber_id limit ? for update skip locked),
                     claimed as (
                         update campaign_delivery d set state = 'sending', claimed_at = ?
                           from picked p where d.tenant_id = ? and d.campaign_id = ? and d.subscriber_id = p.subscriber_id
                         returning d.subscriber_id)
                     select s.id, s.email, s.status = 'subscribed' and not exists (select 1 from suppressed_address x
                                           where x.tenant_id = s.tenant_id and x.email = s.email)
                       from claimed k join subscriber s on s.tenant_id = ? and s.id = k.subscriber_id
                      order by s.id""")) {
            ps.setString(1, tenant);
            ps.setLong(2, campaignId);
            ps.setInt(3, n);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, tenant);
            ps.setLong(6, campaignId);
            ps.setString(7, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Recipient(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /** Records the outcomes of a batch, and the Message-IDs of what was sent (for linking bounces). */
    public void record(String tenant, long campaignId, Long serverId, List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        update campaign_delivery d set state = k.st, reply = k.r, done_at = ?
                          from unnest(?::bigint[], ?::varchar[], ?::varchar[]) as k(s, st, r)
                         where d.tenant_id = ? and d.campaign_id = ? and d.subscriber_id = k.s""")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setArray(2, c.createArrayOf("bigint", outcomes.stream().map(Outcome::subscriberId).toArray()));
                    ps.setArray(3, c.createArrayOf("varchar", outcomes.stream().map(Outcome::state).toArray()));
                    ps.setArray(4, c.createArrayOf("varchar", outcomes.stream().map(o -> clip(o.reply())).toArray()));
                    ps.setString(5, tenant);
                    ps.setLong(6, campaignId);
                    ps.executeUpdate();
                }
                insertSentMessages(c, tenant, campaignId, serverId, outcomes, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private static void insertSentMessages(Connection c, String tenant, long campaignId, Long serverId,
                                           List<Outcome> outcomes, Instant now) throws SQLException {
        List<Outcome> sent = outcomes.stream().filter(o -> o.messageId() != null).toList();
        insertSentMessages(c, tenant, sent.stream().map(o -> new Handed(o.messageId(), campaignId, o.subscriberId(), serverId)).toList(),
                now);
    }

    /** A message handed to an SMTP server (accepted or refused there): its Message-ID, campaign, subscriber, server. */
    record Handed(String messageId, long campaignId, long subscriberId, Long serverId) {
    }

    /**
     * Records the Message-IDs of messages handed to a server (for linking bounces), and counts down the watch of
     * subscribers re-added with evidence (issue 10): a message to a subscriber with watched sends left is a watched
     * send ({@code sent_message.watched}), so a bounce on it flips the subscriber back even after the count reached
     * zero. One statement: the countdown and the record commit together.
     */
    static void insertSentMessages(Connection c, String tenant, List<Handed> handed, Instant now) throws SQLException {
        if (handed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                with k as (select * from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[]) as k(m, ca, s, srv)),
                     w as (update subscriber x set watch_sends_left = x.watch_sends_left - 1
                             from (select distinct s from k) d
                            where x.tenant_id = ? and x.id = d.s and x.watch_sends_left > 0
                           returning x.id)
                insert into sent_message (tenant_id, message_id, campaign_id, subscriber_id, sending_server_id, sent_at, watched)
                select ?, k.m, k.ca, k.s, k.srv, ?, exists (select 1 from w where w.id = k.s) from k
                on conflict do nothing""")) {
            ps.setArray(1, c.createArrayOf("varchar", handed.stream().map(Handed::messageId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", handed.stream().map(Handed::campaignId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", handed.stream().map(Handed::subscriberId).toArray()));
            ps.setArray(4, c.createArrayOf("bigint", handed.stream().map(Handed::serverId).toArray()));
            ps.setString(5, tenant);
            ps.setString(6, tenant);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /**
     * Records a single watched test mail (auto-reactivation): its Message-ID links a bounce to the campaign and marks
     * the send as watched, so a bounce on it flips the subscriber back. It does not count the watch down: the two
     * watched sends that follow are the campaign's.
     */
    public void recordWatchedTestMail(String tenant, String messageId, long campaignId, long subscriberId, Long serverId,
                                      Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into sent_message (tenant_id, message_id, campaign_id, subscriber_id, sending_server_id, sent_at, watched)
                     values (?, ?, ?, ?, ?, ?, true) on conflict do nothing""")) {
            ps.setString(1, tenant);
            ps.setString(2, messageId);
            ps.setLong(3, campaignId);
            ps.setLong(4, subscriberId);
            if (serverId == null) {
                ps.setNull(5, java.sql.Types.BIGINT);
            } else {
                ps.setLong(5, serverId);
            }
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the test mail " + messageId, e);
        }
    }

    /** Gives claimed recipients that were not sent back (an orderly stop between two messages). */
    public void release(String tenant, long campaignId, List<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update campaign_delivery set state = 'pending', claimed_at = null
                      where tenant_id = ? and campaign_id = ? and state = 'sending' and subscriber_id = any (?::bigint[])""")) {
            ps.setString(1, tenant);
            ps.setLong(2, campaignId);
            ps.setArray(3, c.createArrayOf("bigint", subscriberIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * Recipients claimed before {@code before} and never recorded: their sender died mid-batch and nobody knows
     * whether the mail went out, so they are marked 'interrupted' and never sent again (at most once).
     */
    public int interruptStale(String tenant, long campaignId, Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update campaign_delivery set state = 'interrupted', reply = 'Interrupted: the sender stopped while sending; not sent again'
                      where tenant_id = ? and campaign_id = ? and state = 'sending' and claimed_at < ?""")) {
            ps.setString(1, tenant);
            ps.setLong(2, campaignId);
            ps.setTimestamp(3, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Marks the send done when nobody is pending or being sent; sets the campaign's sent time and count. */
    public boolean completeIfDrained(String tenant, long campaignId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("""
                        update campaign_send set state = 'done', finished_at = ?
                         where tenant_id = ? and campaign_id = ? and state = 'sending'
                           and not exists (select 1 from campaign_delivery d where d.tenant_id = ? and d.campaign_id = ?
                                             and d.state in ('pending', 'sending'))""")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, tenant);
                    ps.setLong(3, campaignId);
                    ps.setString(4, tenant);
                    ps.setLong(5, campaignId);
                    n = ps.executeUpdate();
                }
                if (n == 1) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            update campaign set sent_at = coalesce(sent_at, ?),
                                   recipients_count = (select count(*) from campaign_delivery d
                                                        where d.tenant_id = ? and d.campaign_id = ? and d.state = 'sent')
                             where tenant_id = ? and id = ?""")) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setString(2, tenant);
                        ps.setLong(3, campaignId);
                        ps.setString(4, tenant);
                        ps.setLong(5, campaignId);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return n == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    public Optional<Progress> progress(String tenant, long campaignId) {
        try (Connection c = dataSource.getConnection()) {
            String state;
            int total;
            int skipped;
            try (PreparedStatement ps = c.prepareStatement(
                    "select state, total, skipped from campaign_send where tenant_id = ? and campaign_id = ?")) {
                ps.setString(1, tenant);
                ps.setLong(2, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    state = rs.getString(1);
                    total = rs.getInt(2);
                    skipped = rs.getInt(3);
                }
            }
            Map<String, Integer> by = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select state, count(*) from campaign_delivery where tenant_id = ? and campaign_id = ? group by state""")) {
                ps.setString(1, tenant);
                ps.setLong(2, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        by.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return Optional.of(new Progress(state, total, skipped, by));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** A due retry claimed for sending. */
    public record DueRetry(long campaignId, long subscriberId, int softBounces, String email, boolean eligible) {
    }

    /**
     * Claims up to {@code n} retries due at {@code now} ({@code FOR UPDATE SKIP LOCKED}, committed with a claim
     * time): two instances never take the same one. A claim older than {@code staleBefore} (its instance died) is
     * taken again. Retries of campaigns on a disabled server wait (they are sent once it is enabled again).
     */
    public List<DueRetry> claimRetries(String tenant, Instant now, Instant staleBefore, int n) {
        List<DueRetry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     with picked as (
                         select r.campaign_id, r.subscriber_id from retry_state r
                          where r.tenant_id = ? and r.state = 'pending' and r.next_retry_at <= ?
                            and (r.claimed_at is null or r.claimed_at < ?)
                            and exists (select 1 from campaign ca join sending_server srv
                                          on srv.tenant_id = ca.tenant_id and srv.id = ca.sending_server_id
                                         where ca.tenant_id = r.tenant_id and ca.id = r.campaign_id and srv.enabled)
                          order by r.next_retry_at limit ? for update of r skip locked),
                     claimed as (
                         update retry_state r set claimed_at = ?
                           from picked p where r.tenant_id = ? and r.campaign_id = p.campaign_id
                                           and r.subscriber_id = p.subscriber_id
                         returning r.campaign_id, r.subscriber_id, r.soft_bounces)
                     select k.campaign_id, k.subscriber_id, k.soft_bounces, s.email,
                            s.status = 'subscribed' and not exists (select 1 from suppressed_address x
                                                                    where x.tenant_id = s.tenant_id and x.email = s.email)
                       from claimed k join subscriber s on s.tenant_id = ? and s.id = k.subscriber_id
                      order by k.campaign_id, k.subscriber_id""")) {
            ps.setString(1, tenant);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(staleBefore));
            ps.setInt(4, n);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, tenant);
            ps.setString(7, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DueRetry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /**
     * The result of one retry: outcome delivered, soft, hard or error (null: closed without an attempt, the
     * subscriber is no longer eligible), the reply, when to try again after an error, and the Message-ID when the
     * message was handed to the server.
     */
    public record RetryOutcome(DueRetry retry, String outcome, String reply, Instant retryAt, Long serverId, String messageId) {
        /** delivered, hard or no longer eligible close the retry ('done'); soft waits for the pipeline; error waits for retryAt. */
        String state() {
            return outcome == null || "delivered".equals(outcome) || "hard".equals(outcome) ? "done" : "pending";
        }
    }

    /**
     * Records a batch of retries in one transaction: the attempt rows (numbered per campaign and subscriber), the
     * retry states (delivered, hard or no longer eligible: 'done'; soft waits for the pipeline to schedule the next
     * step or to convert it to hard; error tries again at its retryAt), and the Message-IDs handed to the server.
     */
    public void recordRetries(String tenant, List<RetryOutcome> outcomes, Instant at) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<RetryOutcome> attempts = outcomes.stream().filter(o -> o.outcome() != null).toList();
                if (!attempts.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into retry_attempt (tenant_id, campaign_id, subscriber_id, attempt, attempted_at, outcome, reply)
                            select ?, k.c, k.s, coalesce((select max(a.attempt) from retry_attempt a where a.tenant_id = ?
                                                            and a.campaign_id = k.c and a.subscriber_id = k.s), 0) + 1, ?, k.o, k.r
                              from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[]) as k(c, s, o, r)""")) {
                        ps.setString(1, tenant);
                        ps.setString(2, tenant);
                        ps.setTimestamp(3, Timestamp.from(at));
                        ps.setArray(4, c.createArrayOf("bigint", attempts.stream().map(o -> o.retry().campaignId()).toArray()));
                        ps.setArray(5, c.createArrayOf("bigint", attempts.stream().map(o -> o.retry().subscriberId()).toArray()));
                        ps.setArray(6, c.createArrayOf("varchar", attempts.stream().map(RetryOutcome::outcome).toArray()));
                        ps.setArray(7, c.createArrayOf("varchar", attempts.stream().map(o -> clip(o.reply())).toArray()));
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update retry_state r set state = k.st, claimed_at = null, next_retry_at = k.n
                          from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::timestamptz[]) as k(c, s, st, n)
                         where r.tenant_id = ? and r.campaign_id = k.c and r.subscriber_id = k.s""")) {
                    ps.setArray(1, c.createArrayOf("bigint", outcomes.stream().map(o -> o.retry().campaignId()).toArray()));
                    ps.setArray(2, c.createArrayOf("bigint", outcomes.stream().map(o -> o.retry().subscriberId()).toArray()));
                    ps.setArray(3, c.createArrayOf("varchar", outcomes.stream().map(RetryOutcome::state).toArray()));
                    ps.setArray(4, c.createArrayOf("timestamptz", outcomes.stream().map(o -> "error".equals(o.outcome())
                            && o.retryAt() != null ? Timestamp.from(o.retryAt()) : null).toArray()));
                    ps.setString(5, tenant);
                    ps.executeUpdate();
                }
                insertSentMessages(c, tenant, outcomes.stream().filter(o -> o.messageId() != null)
                        .map(o -> new Handed(o.messageId(), o.retry().campaignId(), o.retry().subscriberId(), o.serverId()))
                        .toList(), at);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** What a policy change did to the retries not yet due of a server's campaigns. */
    public record Retimed(int retimed, int beyondPolicy) {
    }

    /**
     * Re-times the retries not yet due (pending, not being sent, due after {@code now}) of campaigns on this server
     * from a new policy: retry n is due at the last soft bounce plus the policy's n-th delay (it may fall due at
     * once). Retries whose number the new policy does not reach keep their time: the retry already promised is
     * made, and a soft bounce on it converts to hard under the new policy (nobody is bounced by a settings change
     * alone). {@code delaysSeconds}: the new policy's delays in order.
     */
    public Retimed retimeRetries(String tenant, long serverId, List<Long> delaysSeconds, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            String where = " " + """
                     where r.tenant_id = ? and r.state = 'pending' and r.claimed_at is null and r.next_retry_at > ?
                       and ca.tenant_id = r.tenant_id and ca.id = r.campaign_id and ca.sending_server_id = ?""";
            int retimed;
            try (PreparedStatement ps = c.prepareStatement("""
                    update retry_state r set next_retry_at = r.last_bounce_at + (?::bigint[])[r.soft_bounces] * interval '1 second'
                      from campaign ca""" + where + " and r.soft_bounces <= ?")) {
                ps.setArray(1, c.createArrayOf("bigint", delaysSeconds.toArray()));
                ps.setString(2, tenant);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setLong(4, serverId);
                ps.setInt(5, delaysSeconds.size());
                retimed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from retry_state r, campaign ca" + where
                    + " and r.soft_bounces > ?")) {
                ps.setString(1, tenant);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setLong(3, serverId);
                ps.setInt(4, delaysSeconds.size());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Retimed(retimed, rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** A sending IP flagged after a spam-trap hit. */
    public record FlaggedIp(String ip, int hits, Instant firstFlaggedAt, Instant lastFlaggedAt, String reason) {
    }

    /** The IPs flagged on this server's bounces, most recently flagged first. */
    public List<FlaggedIp> flaggedIps(String tenant, long serverId) {
        List<FlaggedIp> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select ip, hits, first_flagged_at, last_flagged_at, reason from flagged_ip
                      where tenant_id = ? and sending_server_id = ? order by last_flagged_at desc, ip limit 50""")) {
            ps.setString(1, tenant);
            ps.setLong(2, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FlaggedIp(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /** One retry attempt as the subscriber page lists it. */
    public record Attempt(long campaignId, String campaignName, int attempt, Instant attemptedAt, String outcome, String reply) {
    }

    /** A subscriber's retry attempts, newest first. */
    public List<Attempt> attemptsOf(String tenant, long subscriberId, int limit) {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select a.campaign_id, ca.name, a.attempt, a.attempted_at, a.outcome, a.reply from retry_attempt a
                       join campaign ca on ca.tenant_id = a.tenant_id and ca.id = a.campaign_id
                      where a.tenant_id = ? and a.subscriber_id = ?
                      order by a.attempted_at desc, a.campaign_id, a.attempt desc limit ?""")) {
            ps.setString(1, tenant);
            ps.setLong(2, subscriberId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attempt(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /** Retries of a campaign by state: pending (scheduled or being sent), done, exhausted. */
    public Map<String, Integer> retryCounts(String tenant, long campaignId) {
        Map<String, Integer> by = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select state, count(*) from retry_state where tenant_id = ? and campaign_id = ? group by state")) {
            ps.setString(1, tenant);
            ps.setLong(2, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    by.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return by;
    }

    static String clip(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("[\\x00-\\x1f\\x7f]+", " ").strip();
        return t.length() <= 1000 ? t : t.substring(0, 1000);
    }
}
