package app.rebound.insight;

import app.rebound.campaign.Campaign;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.AppTenantResolver;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Bounce rate over time for a campaign, a sending server or a recipient domain, split by type: per UTC day of the
 * send, the sends and how many of them bounced hard, or soft only (a soft bounce later turned hard counts as hard).
 */
@ApplicationScoped
@Transactional
public class BounceRateSeries {
    private final InsightSql sql;
    private final AppTenantResolver tenant;

    public BounceRateSeries(InsightSql sql, @PersistenceUnitExtension AppTenantResolver tenant) {
        this.sql = sql;
        this.tenant = tenant;
    }

    public record Point(LocalDate day, long sends, long hard, long soft) {
        public double hardRate() {
            return sends == 0 ? 0 : (double) hard / sends;
        }

        public double softRate() {
            return sends == 0 ? 0 : (double) soft / sends;
        }

        public String hardText() {
            return sends == 0 ? "—" : Detectors.percent(hardRate());
        }

        public String softText() {
            return sends == 0 ? "—" : Detectors.percent(softRate());
        }
    }

    public record Series(String scope, String key, String title, int days, List<Point> points) {
        /** Whether this series is about the given campaign or server (the pickers preselect it). */
        public boolean shows(String scope, Long id) {
            return this.scope.equals(scope) && id != null && key.equals(id.toString());
        }

        public long sends() {
            return points.stream().mapToLong(Point::sends).sum();
        }
    }

    /** {@code key} is the campaign or server id, or the registrable domain; another tenant's ids answer 404. */
    public Series of(InsightSql.Scope scope, String key, int days, Instant now) {
        // whole UTC days: today and the days - 1 before it
        Instant from = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(days - 1L)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        long id = 0;
        String title;
        switch (scope) {
            case CAMPAIGN -> {
                id = Long.parseLong(key);
                Campaign c = Campaign.findById(id);
                if (c == null) {
                    throw new NotFoundException("No campaign " + key + " in this organisation.");
                }
                title = "Campaign “" + c.name + "”";
            }
            case SERVER -> {
                id = Long.parseLong(key);
                SendingServer s = SendingServer.findById(id);
                if (s == null) {
                    throw new NotFoundException("No sending server " + key + " in this organisation.");
                }
                title = "Sending server “" + s.name + "”";
            }
            default -> title = "Recipients at " + key;
        }
        List<Point> points = sql.daily(tenant.resolveTenantId(), scope, id, key, from, now).stream()
                .map(d -> new Point(d.day(), d.sends(), d.hard(), d.soft())).toList();
        return new Series(scope.name().toLowerCase(java.util.Locale.ROOT), key, title, days, points);
    }
}
