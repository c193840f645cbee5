package app.rebound.insight;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The insight reports' native SQL over the sending side's per-recipient sends ({@code campaign_delivery}, which has
 * no entity): every statement names its tenant explicitly; {@code NativeSqlConfinementTest} allows native SQL here.
 * A send "bounced" when a hard or soft bounce of the same campaign and subscriber was recorded, whenever it came.
 */
@ApplicationScoped
public class InsightSql {
    private static final String BOUNCED_HARD = """
            exists (select 1 from bounce b where b.tenant_id = d.tenant_id and b.subscriber_id = d.subscriber_id
                      and b.campaign_id = d.campaign_id and b.type = 'hard')""";
    private static final String BOUNCED_SOFT = """
            exists (select 1 from bounce b where b.tenant_id = d.tenant_id and b.subscriber_id = d.subscriber_id
                      and b.campaign_id = d.campaign_id and b.type = 'soft')""";

    private final AgroalDataSource dataSource;

    public InsightSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sends in a window to one recipient host, and how many of them bounced (hard or soft). */
    public record HostSends(String host, long sends, long bounced) {
    }

    /** One day of a chart: sends that day, and how many of them bounced hard, or soft only. */
    public record Day(LocalDate day, long sends, long hard, long soft) {
    }

    /**
     * A hard bounce whose subscriber was engaged shortly before: the most recent sign of it, either a delivered send
     * without a bounce ({@code engagedCampaignId}) or activity the CRM reported ({@code crmActivity}, "source: kind").
     */
    public record EngagedHard(long campaignId, long subscriberId, String email, Instant bouncedAt, String code,
            String diagnostic, Long engagedCampaignId, String crmActivity, Instant engagedAt) {
    }

    /** What a chart is about. */
    public enum Scope { CAMPAIGN, SERVER, DOMAIN }

    private static RuntimeException fail(SQLException e) {
        return new IllegalStateException("Insight SQL failed: " + e.getMessage(), e);
    }

    /** Sent deliveries with their send time in [from, to), grouped by the recipient's host (lower case). */
    public List<HostSends> sendsByHost(String tenant, Instant from, Instant to) {
        List<HostSends> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select lower(split_part(s.email, '@', 2)) as host, count(*),
                            count(*) filter (where %s or %s)
                       from campaign_delivery d join subscriber s on s.tenant_id = d.tenant_id and s.id = d.subscriber_id
                      where d.tenant_id = ? and d.state = 'sent' and d.done_at >= ? and d.done_at < ?
                      group by 1""".formatted(BOUNCED_HARD, BOUNCED_SOFT))) {
            ps.setString(1, tenant);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HostSends(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /**
     * Per UTC day of the send in [from, to): sends of the scope and how many bounced hard, or soft only. For a
     * domain, the recipient's host is the domain or one of its subdomains.
     */
    public List<Day> daily(String tenant, Scope scope, long id, String domain, Instant from, Instant to) {
        String condition = switch (scope) {
            case CAMPAIGN -> "d.campaign_id = ?";
            case SERVER -> "c.sending_server_id = ?";
            case DOMAIN -> "(lower(split_part(s.email, '@', 2)) = ? or lower(split_part(s.email, '@', 2)) like ?)";
        };
        Map<LocalDate, Day> byDay = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select (d.done_at at time zone 'UTC')::date as day, count(*),
                            count(*) filter (where %s),
                            count(*) filter (where not %s and %s)
                       from campaign_delivery d
                       join campaign c on c.tenant_id = d.tenant_id and c.id = d.campaign_id
                       join subscriber s on s.tenant_id = d.tenant_id and s.id = d.subscriber_id
                      where d.tenant_id = ? and d.state = 'sent' and d.done_at >= ? and d.done_at < ? and %s
                      group by 1""".formatted(BOUNCED_HARD, BOUNCED_HARD, BOUNCED_SOFT, condition))) {
            ps.setString(1, tenant);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            if (scope == Scope.DOMAIN) {
                ps.setString(4, domain);
                ps.setString(5, "%." + domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
            } else {
                ps.setLong(4, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    byDay.put(day, new Day(day, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        List<Day> out = new ArrayList<>();
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(byDay.getOrDefault(d, new Day(d, 0, 0, 0)));
        }
        return out;
    }

    /**
     * Hard bounces recorded in [since, now) on a subscriber who, within {@code days} before the bounce, either had a
     * send of another campaign delivered ('sent') that drew no bounce at all, or had activity reported by the CRM
     * (crm_activity, matched on the subscriber's address): the most recent such sign is returned.
     */
    public List<EngagedHard> engagedHardBounces(String tenant, Instant since, Instant now, int days, int limit) {
        List<EngagedHard> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select b.campaign_id, b.subscriber_id, b.recipient_email, b.occurred_at, b.status_code, b.diagnostic,
                            e.campaign_id, e.activity, e.at
                       from bounce b
                       join subscriber s on s.tenant_id = b.tenant_id and s.id = b.subscriber_id
                       join lateral (
                            select * from (
                              (select d.campaign_id, null::varchar as activity, d.done_at as at from campaign_delivery d
                                where d.tenant_id = b.tenant_id and d.subscriber_id = b.subscriber_id
                                  and d.campaign_id <> b.campaign_id and d.state = 'sent'
                                  and d.done_at < b.occurred_at and d.done_at >= b.occurred_at - make_interval(days => ?)
                                  and not exists (select 1 from bounce x where x.tenant_id = d.tenant_id
                                                    and x.subscriber_id = d.subscriber_id and x.campaign_id = d.campaign_id
                                                    and x.type in ('hard', 'soft'))
                                order by d.done_at desc limit 1)
                              union all
                              (select null::bigint, a.source || ': ' || a.kind, a.occurred_at from crm_activity a
                                where a.tenant_id = b.tenant_id and a.email = s.email
                                  and a.occurred_at < b.occurred_at and a.occurred_at >= b.occurred_at - make_interval(days => ?)
                                order by a.occurred_at desc limit 1)) signs
                             order by at desc limit 1) e on true
                      where b.tenant_id = ? and b.type = 'hard' and b.subscriber_id is not null
                        and b.campaign_id is not null and b.occurred_at >= ? and b.occurred_at < ?
                      order by b.occurred_at desc, b.id desc limit ?""")) {
            ps.setInt(1, days);
            ps.setInt(2, days);
            ps.setString(3, tenant);
            ps.setTimestamp(4, Timestamp.from(since));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long engagedCampaign = rs.getLong(7);
                    Long byCampaign = rs.wasNull() ? null : engagedCampaign;
                    out.add(new EngagedHard(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5), rs.getString(6), byCampaign, rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /** Bounces of one registrable domain, type and status code ({@code ""}: none), counted. */
    public record DomainTypeCode(String domain, String type, String code, long n) {
    }

    /**
     * Makes sure the rollup {@code bounce_domain_day} holds each UTC day in [first, end) of the tenant: days never
     * summarised or marked stale since (a late or changed bounce) are summarised from {@code bounce}. Call it in a
     * transaction of its own. Only days at least two days old are summarised (the trigger marks only those stale):
     * returns the end actually covered, {@code end} or earlier ({@code first} when none).
     */
    public LocalDate summarizeDays(String tenant, LocalDate first, LocalDate end) {
        List<LocalDate> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // The database's clock, as the trigger's; a day counts as two days old ten minutes after midnight, so a
            // bounce transaction that began before midnight has committed by then.
            try (PreparedStatement ps = c.prepareStatement(
                    "select least(?::date, ((now() - interval '10 minutes') at time zone 'UTC')::date - 1)")) {
                ps.setObject(1, end);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    end = rs.getObject(1, LocalDate.class);
                }
            }
            if (!first.isBefore(end)) {
                return first;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select d::date from generate_series(?::date, ?::date - 1, interval '1 day') d
                     where not exists (select 1 from bounce_domain_day_state s
                                        where s.tenant_id = ? and s.day = d::date and not s.stale)""")) {
                ps.setObject(1, first);
                ps.setObject(2, end);
                ps.setString(3, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getObject(1, LocalDate.class));
                    }
                }
            }
            for (LocalDate day : due) {
                // The state row first: it holds the trigger of a concurrent late bounce of this day until this summary
                // commits (that bounce then marks the day stale again); the aggregate below then sees every bounce
                // committed before it.
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into bounce_domain_day_state (tenant_id, day, stale, summarized_at) values (?, ?, false, now())
                            on conflict (tenant_id, day) do update set stale = false, summarized_at = now()""")) {
                    ps.setString(1, tenant);
                    ps.setObject(2, day);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "delete from bounce_domain_day where tenant_id = ? and day = ?")) {
                    ps.setString(1, tenant);
                    ps.setObject(2, day);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into bounce_domain_day (tenant_id, day, recipient_domain, type, status_code, n)
                        select tenant_id, ?, recipient_domain, type, coalesce(status_code, ''), count(*) from bounce
                         where tenant_id = ? and occurred_at >= ? and occurred_at < ? and recipient_domain is not null
                         group by tenant_id, recipient_domain, type, coalesce(status_code, '')""")) {
                    ps.setObject(1, day);
                    ps.setString(2, tenant);
                    ps.setTimestamp(3, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
                    ps.setTimestamp(4, Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return end;
    }

    /** Counts from the rollup over the UTC days [first, end), optionally only for {@code domains}. */
    public List<DomainTypeCode> rolledUpCounts(String tenant, LocalDate first, LocalDate end, List<String> domains) {
        if (!first.isBefore(end)) {
            return List.of();
        }
        return domainTypeCodes("""
                select recipient_domain, type, status_code, sum(n) from bounce_domain_day
                 where tenant_id = ? and day >= ? and day < ? %s
                 group by 1, 2, 3""".formatted(domains == null ? "" : "and recipient_domain = any (?)"),
                tenant, first, end, domains);
    }

    /** Counts straight from {@code bounce} over [from, to), optionally only for {@code domains}. */
    public List<DomainTypeCode> rawCounts(String tenant, Instant from, Instant to, List<String> domains) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return domainTypeCodes("""
                select recipient_domain, type, coalesce(status_code, ''), count(*) from bounce
                 where tenant_id = ? and occurred_at >= ? and occurred_at < ? and recipient_domain is not null %s
                 group by 1, 2, 3""".formatted(domains == null ? "" : "and recipient_domain = any (?)"),
                tenant, Timestamp.from(from), Timestamp.from(to), domains);
    }

    private List<DomainTypeCode> domainTypeCodes(String query, String tenant, Object from, Object to, List<String> domains) {
        List<DomainTypeCode> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, tenant);
            ps.setObject(2, from);
            ps.setObject(3, to);
            if (domains != null) {
                ps.setArray(4, c.createArrayOf("varchar", domains.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DomainTypeCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }

    /** One of a domain's newest bounces in a window (the report's samples). */
    public record DomainSample(String domain, long id, Instant occurredAt, String recipient, String code, String diagnostic) {
    }

    /**
     * The {@code n} newest bounces of each domain in [from, to), in one statement (one plan for every domain, each an
     * index range on (tenant, domain, occurred_at)), newest first.
     */
    public List<DomainSample> newestPerDomain(String tenant, List<String> domains, Instant from, Instant to, int n) {
        List<DomainSample> out = new ArrayList<>();
        if (domains.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select d, s.id, s.occurred_at, s.recipient_email, s.status_code, s.diagnostic
                       from unnest(?::varchar[]) d
                       cross join lateral (
                            select b.id, b.occurred_at, b.recipient_email, b.status_code, b.diagnostic from bounce b
                             where b.tenant_id = ? and b.recipient_domain = d and b.occurred_at >= ? and b.occurred_at < ?
                             order by b.occurred_at desc, b.id desc limit ?) s
                      order by s.occurred_at desc, s.id desc""")) {
            ps.setArray(1, c.createArrayOf("varchar", domains.toArray()));
            ps.setString(2, tenant);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setInt(5, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DomainSample(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }
}
