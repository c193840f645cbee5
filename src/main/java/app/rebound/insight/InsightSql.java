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

    /** A hard bounce whose subscriber had a delivered send without a bounce shortly before. */
    public record EngagedHard(long campaignId, long subscriberId, String email, Instant bouncedAt, String code,
            String diagnostic, long engagedCampaignId, Instant engagedAt) {
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
     * Hard bounces recorded in [since, now) on a subscriber who, within {@code days} before the bounce, had a send of
     * another campaign delivered ('sent') that drew no bounce at all: the most recent such send is returned.
     */
    public List<EngagedHard> engagedHardBounces(String tenant, Instant since, Instant now, int days, int limit) {
        List<EngagedHard> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select b.campaign_id, b.subscriber_id, b.recipient_email, b.occurred_at, b.status_code, b.diagnostic,
                            e.campaign_id, e.done_at
                       from bounce b
                       join lateral (
                            select d.campaign_id, d.done_at from campaign_delivery d
                             where d.tenant_id = b.tenant_id and d.subscriber_id = b.subscriber_id
                               and d.campaign_id <> b.campaign_id and d.state = 'sent'
                               and d.done_at < b.occurred_at and d.done_at >= b.occurred_at - make_interval(days => ?)
                               and not exists (select 1 from bounce x where x.tenant_id = d.tenant_id
                                                 and x.subscriber_id = d.subscriber_id and x.campaign_id = d.campaign_id
                                                 and x.type in ('hard', 'soft'))
                             order by d.done_at desc limit 1) e on true
                      where b.tenant_id = ? and b.type = 'hard' and b.subscriber_id is not null
                        and b.campaign_id is not null and b.occurred_at >= ? and b.occurred_at < ?
                      order by b.occurred_at desc, b.id desc limit ?""")) {
            ps.setInt(1, days);
            ps.setString(2, tenant);
            ps.setTimestamp(3, Timestamp.from(since));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EngagedHard(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return out;
    }
}
