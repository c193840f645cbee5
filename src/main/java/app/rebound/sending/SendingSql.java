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
    private final AgroalDataSource dataSource;

    public SendingSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A recipient claimed for sending. */
    public record Recipient(long subscriberId, String email, boolean eligible) {
    }

    /** The outcome of one send: state 'sent' or 'refused', the reply, the Message-ID when sent. */
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
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Campaigns of this tenant whose send is not finished. */
    public List<Long> activeSends(String tenant) {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select campaign_id from campaign_send where tenant_id = ? and state = 'sending' order by requested_at")) {
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
        if (sent.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into sent_message (tenant_id, message_id, campaign_id, subscriber_id, sending_server_id, sent_at)
                select ?, k.m, ?, k.s, ?, ? from unnest(?::varchar[], ?::bigint[]) as k(m, s)
                on conflict do nothing""")) {
            ps.setString(1, tenant);
            ps.setLong(2, campaignId);
            if (serverId == null) {
                ps.setNull(3, java.sql.Types.BIGINT);
            } else {
                ps.setLong(3, serverId);
            }
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setArray(5, c.createArrayOf("varchar", sent.stream().map(Outcome::messageId).toArray()));
            ps.setArray(6, c.createArrayOf("bigint", sent.stream().map(Outcome::subscriberId).toArray()));
            ps.executeUpdate();
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
     * taken again.
     */
    public List<DueRetry> claimRetries(String tenant, Instant now, Instant staleBefore, int n) {
        List<DueRetry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     with picked as (
                         select campaign_id, subscriber_id from retry_state
                          where tenant_id = ? and state = 'pending' and next_retry_at <= ?
                            and (claimed_at is null or claimed_at < ?)
                          order by next_retry_at limit ? for update skip locked),
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
     * Records one retry: the attempt row (outcome delivered, soft, hard or error) and the retry state: delivered,
     * hard or no longer eligible close it ('done'); soft waits for the pipeline to schedule the next step or to
     * convert it to hard; error tries again at {@code retryAt}. {@code outcome} null: closed without an attempt.
     */
    public void recordRetry(String tenant, DueRetry r, String outcome, String reply, Instant at, Instant retryAt) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (outcome != null) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into retry_attempt (tenant_id, campaign_id, subscriber_id, attempt, attempted_at, outcome, reply)
                            select ?, ?, ?, coalesce(max(attempt), 0) + 1, ?, ?, ? from retry_attempt
                             where tenant_id = ? and campaign_id = ? and subscriber_id = ?""")) {
                        ps.setString(1, tenant);
                        ps.setLong(2, r.campaignId());
                        ps.setLong(3, r.subscriberId());
                        ps.setTimestamp(4, Timestamp.from(at));
                        ps.setString(5, outcome);
                        ps.setString(6, clip(reply));
                        ps.setString(7, tenant);
                        ps.setLong(8, r.campaignId());
                        ps.setLong(9, r.subscriberId());
                        ps.executeUpdate();
                    }
                }
                String state = outcome == null || "delivered".equals(outcome) || "hard".equals(outcome) ? "done" : "pending";
                try (PreparedStatement ps = c.prepareStatement("""
                        update retry_state set state = ?, claimed_at = null, next_retry_at = ?
                         where tenant_id = ? and campaign_id = ? and subscriber_id = ?""")) {
                    ps.setString(1, state);
                    ps.setTimestamp(2, "error".equals(outcome) && retryAt != null ? Timestamp.from(retryAt) : null);
                    ps.setString(3, tenant);
                    ps.setLong(4, r.campaignId());
                    ps.setLong(5, r.subscriberId());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fail(e);
        }
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
