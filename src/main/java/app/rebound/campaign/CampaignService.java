package app.rebound.campaign;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.BounceCursor;
import app.rebound.bounce.BounceLogFilter;
import app.rebound.bounce.BounceLogSql;
import app.rebound.bounce.BounceRow;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

@ApplicationScoped
@Transactional
public class CampaignService {
    public static final int BOUNCE_PAGE_SIZE = 50;

    private final BounceLogSql logSql;
    /** Rows a text search (reason words, an address's domain part) reads at most per page (see {@link BounceLogSql#scanLimit}). */
    private final int textScan;
    /**
     * Matches an address search reads from the address index at most (all of them, then the newest page); a
     * beginning matching more reads the bounded scan like a text search.
     */
    private final int addressIndexCap;

    public CampaignService(BounceLogSql logSql,
            @ConfigProperty(name = "rebound.bounce-log.text-scan", defaultValue = "10000") int textScan,
            @ConfigProperty(name = "rebound.bounce-log.address-index-cap", defaultValue = "500") int addressIndexCap) {
        this.logSql = logSql;
        this.textScan = Math.max(1, textScan);
        this.addressIndexCap = Math.max(1, addressIndexCap);
    }


    /**
     * One page of the bounce log plus the cursor of the next page (null on the last). {@code searchedTo} is set when a
     * text search stopped at its scan limit ({@code scanned} rows read): the page holds the matches among the newest
     * rows up to there, and {@code next} continues the search from there.
     */
    public record BounceLogPage(List<BounceRow> rows, BounceCursor next, BounceCursor searchedTo, int scanned) {
        public BounceLogPage(List<BounceRow> rows, BounceCursor next) {
            this(rows, next, null, 0);
        }
    }

    public List<Campaign> list() {
        return Campaign.newestFirst();
    }

    /** The campaign, or 404: another tenant's campaign is invisible, not forbidden. */
    public Campaign get(long id) {
        return withListAndServer(id);
    }

    /** What the bounce-log tab shows: the campaign's heading, its counters and one page. */
    public record BounceLogView(CampaignHeading campaign, CampaignBounceCount counts, BounceLogPage page,
                                boolean ongoingAlerts) {
    }

    /**
     * The bounce-log tab's data in one transaction of two plain JDBC statements: the campaign's heading with its
     * stored counters, then the page. No entity is loaded: the tab is the busiest read of the app (issue 10).
     */
    public BounceLogView bounceLogView(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before) {
        BounceLogSql.Heading heading = logSql.heading(tenant, campaignId, BounceLogSql.genericPlanFits(filter));
        if (heading == null) {
            throw new NotFoundException("No campaign " + campaignId + " in this organisation.");
        }
        return new BounceLogView(heading.campaign(), heading.counts(),
                bounceLog(tenant, campaignId, filter, before, heading.counts()), heading.ongoingAlerts());
    }

    /** A bounce of a campaign, with the campaign (and its list and server) for the page around it. */
    public record BounceDetail(Campaign campaign, Bounce bounce) {
    }

    /** One bounce of the campaign at its keyset position, read in one read-only transaction, or 404. */
    public BounceDetail bounceDetail(long campaignId, BounceCursor at) {
        readOnly();
        Campaign campaign = withListAndServer(campaignId);
        Bounce b = Bounce.ofCampaignAt(campaign, at);
        if (b == null) {
            throw new NotFoundException("No such bounce in campaign " + campaignId + ".");
        }
        return new BounceDetail(campaign, b);
    }

    private static void readOnly() {
        Session session = Panache.getSession();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }

    private static Campaign withListAndServer(long campaignId) {
        Campaign c = Campaign.find("from Campaign c join fetch c.list join fetch c.sendingServer where c.id = :id",
                Parameters.with("id", campaignId)).firstResult();
        if (c == null) {
            throw new NotFoundException("No campaign " + campaignId + " in this organisation.");
        }
        return c;
    }

    /** The page, bounded on the partition key by the campaign's first and last bounce from its stored counters. */
    private BounceLogPage bounceLog(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before,
            CampaignBounceCount counts) {
        // a substring search (reason words, an address's domain part) has no index: it reads at most textScan rows a
        // page; an address search from the start reads the address index over the whole campaign
        // few matches of an address's beginning: all of them from the address index, the whole campaign covered;
        // many: the bounded scan, as for a text search
        BounceLogSql.AddressPage byIndex = filter.addressFromStart() ? logSql.addressPage(tenant, campaignId, filter,
                before, BOUNCE_PAGE_SIZE + 1, counts.firstAt, counts.lastAt, addressIndexCap) : null;
        boolean text = filter.searchesText() || byIndex != null && byIndex.overCap();
        List<BounceRow> rows = byIndex != null && !byIndex.overCap() ? byIndex.rows()
                : logSql.page(tenant, campaignId, filter, before, BOUNCE_PAGE_SIZE + 1, counts.firstAt, counts.lastAt,
                        text ? textScan : 0);
        if (rows.size() > BOUNCE_PAGE_SIZE) {
            List<BounceRow> page = rows.subList(0, BOUNCE_PAGE_SIZE);
            return new BounceLogPage(List.copyOf(page), page.get(page.size() - 1).position());
        }
        if (!text) {
            return new BounceLogPage(List.copyOf(rows), null);
        }
        // a search that did not fill the page read its whole scan: when the range holds more rows than that, it
        // stopped at the scan's last row, and "Older" continues below it
        BounceCursor limit = logSql.scanLimit(tenant, campaignId, filter, before, textScan, counts.firstAt, counts.lastAt);
        return new BounceLogPage(List.copyOf(rows), limit, limit, textScan);
    }

    /** The campaign's stored counters (one row, no count over its bounces). */
    public CampaignBounceCount counts(Campaign campaign) {
        return CampaignBounceCount.of(campaign.id);
    }

    /** The stored counters of every listed campaign, in one query. */
    public java.util.Map<Long, CampaignBounceCount> counts(List<Campaign> campaigns) {
        return CampaignBounceCount.of(campaigns.stream().map(c -> c.id).toList());
    }
}
