package app.rebound.campaign;

import app.rebound.engine.BounceType;
import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's stored bounce counters (V034): one row read per view instead of counting the campaign's bounces.
 * Written by the ingestion pipeline in the transaction that inserts the bounces (IngestSql.insertBounces) and
 * adjusted by {@link #move} when support reclassifies a bounce. The bounce rate is (hard + soft) over the
 * campaign's recipients (see {@link Campaign#sentCount}).
 */
@Entity
@Table(name = "campaign_bounce_count")
public class CampaignBounceCount extends TenantOwned {
    public long campaignId;
    public long hard;
    public long soft;
    public long complaint;
    public long autoReply;
    public long other;
    public long investigate;
    /** Earliest and latest occurredAt of the campaign's bounces (null without any): the log query's partition bounds. */
    public java.time.Instant firstAt;
    public java.time.Instant lastAt;

    /** A campaign without a row yet: all zero. */
    public static CampaignBounceCount zero(long campaignId) {
        CampaignBounceCount c = new CampaignBounceCount();
        c.campaignId = campaignId;
        return c;
    }

    public static CampaignBounceCount of(long campaignId) {
        CampaignBounceCount c = find("campaignId", campaignId).firstResult();
        return c == null ? zero(campaignId) : c;
    }

    /** The counters of these campaigns in one query, zero for campaigns without bounces. */
    public static Map<Long, CampaignBounceCount> of(Collection<Long> campaignIds) {
        Map<Long, CampaignBounceCount> out = new HashMap<>();
        if (!campaignIds.isEmpty()) {
            List<CampaignBounceCount> rows = list("campaignId in :ids", Parameters.with("ids", campaignIds));
            rows.forEach(r -> out.put(r.campaignId, r));
        }
        campaignIds.forEach(id -> out.computeIfAbsent(id, CampaignBounceCount::zero));
        return out;
    }

    /**
     * Sets the counters of a campaign from its bounces, for data seeded through Hibernate (demo data, tests): one
     * count when the seed is written, never per view. The pipeline keeps the counters itself.
     */
    public static CampaignBounceCount recount(long campaignId) {
        delete("campaignId", campaignId);
        CampaignBounceCount k = zero(campaignId);
        List<Object[]> rows = getEntityManager().createQuery("select b.type, b.investigate, count(b) from Bounce b"
                + " where b.campaign.id = :c group by b.type, b.investigate", Object[].class)
                .setParameter("c", campaignId).getResultList();
        for (Object[] r : rows) {
            long n = (Long) r[2];
            switch ((BounceType) r[0]) {
                case HARD -> k.hard += n;
                case SOFT -> k.soft += n;
                case COMPLAINT -> k.complaint += n;
                case AUTO_REPLY -> k.autoReply += n;
                default -> k.other += n;
            }
            if ((Boolean) r[1]) {
                k.investigate += n;
            }
        }
        Object[] range = getEntityManager().createQuery("select min(b.occurredAt), max(b.occurredAt) from Bounce b"
                + " where b.campaign.id = :c", Object[].class).setParameter("c", campaignId).getSingleResult();
        k.firstAt = (java.time.Instant) range[0];
        k.lastAt = (java.time.Instant) range[1];
        k.persist();
        return k;
    }

    /** Bounces in the rate's sense: hard and soft (complaints and auto-replies are not bounces). */
    public long bounces() {
        return hard + soft;
    }

    public long total() {
        return hard + soft + complaint + autoReply + other;
    }

    /** The bounce rate in percent with one decimal, or null when the campaign has no recipients yet. */
    public String ratePercent(int recipients) {
        if (recipients <= 0) {
            return null;
        }
        // tenths of a percent, rounded half up, in exact integer arithmetic (no Formatter per view)
        long tenths = (bounces() * 2000 + recipients) / (2L * recipients);
        return tenths / 10 + "." + tenths % 10;
    }

    /** The counter column of a bounce type. */
    static String column(BounceType t) {
        return switch (t) {
            case HARD -> "hard";
            case SOFT -> "soft";
            case COMPLAINT -> "complaint";
            case AUTO_REPLY -> "autoReply";
            default -> "other";
        };
    }

    /**
     * A reclassified bounce moves from one type (and investigate flag) to another: one atomic update of the row in
     * the reclassify transaction (no read-modify-write that a concurrent ingestion batch could overwrite).
     */
    public static void move(long campaignId, BounceType from, boolean fromInvestigate, BounceType to, boolean toInvestigate) {
        String f = column(from);
        String t = column(to);
        long inv = (toInvestigate ? 1 : 0) - (fromInvestigate ? 1 : 0);
        if (f.equals(t) && inv == 0) {
            return;
        }
        String set = f.equals(t) ? "" : f + " = " + f + " - 1, " + t + " = " + t + " + 1, ";
        update(set + "investigate = investigate + :inv where campaignId = :c",
                Parameters.with("inv", inv).and("c", campaignId));
    }
}
