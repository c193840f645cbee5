package app.rebound.insight;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.mailinglist.ImportBatch;
import app.rebound.tenant.AppTenantResolver;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The symptom detectors, run in the current tenant (HQL only: Hibernate's tenant filter applies to every query).
 * Campaign rates use the campaign's recipients as sends and count distinct recipients per status code, so a soft
 * bounce retried three times counts once.
 */
@ApplicationScoped
public class Detectors {
    static final List<String> WATCHED_CODES = List.of("5.7.1", "4.7.0", "4.7.1", "4.2.2", "5.2.5", "5.3.4");
    private static final int SAMPLES = 3;
    private static final int ENGAGED_ROWS = 500;

    private final InsightSql sql;
    private final AppTenantResolver tenant;

    public Detectors(InsightSql sql, @PersistenceUnitExtension AppTenantResolver tenant) {
        this.sql = sql;
        this.tenant = tenant;
    }

    /** Every condition present now, for campaigns sent (and bounces) within {@code window} before {@code now}. */
    public List<Finding> detect(Map<AlertKind, Double> thresholds, Instant now, Duration window) {
        Instant since = now.minus(window);
        double minVolume = thresholds.get(AlertKind.MIN_VOLUME);
        List<Campaign> campaigns = Campaign.list("sentAt >= ?1 and sentAt <= ?2 and recipientsCount > 0 order by sentAt, id",
                since, now);
        Map<Long, Map<String, Long>> counts = codeCounts(campaigns.stream().map(c -> c.id).toList());
        List<Finding> out = new ArrayList<>();
        for (Campaign c : campaigns) {
            if (c.recipientsCount < minVolume) {
                continue;
            }
            Map<String, Long> byCode = counts.getOrDefault(c.id, Map.of());
            campaignRate(out, c, byCode, AlertKind.GREYLISTING, thresholds, List.of("4.7.0"), false);
            campaignRate(out, c, byCode, AlertKind.REPUTATION, thresholds, List.of("4.7.1"), true);
            campaignRate(out, c, byCode, AlertKind.TOO_LARGE, thresholds, List.of("5.2.5", "5.3.4"), false);
        }
        dkim(out, campaigns, counts, thresholds, minVolume);
        badImports(out, since, now, thresholds, minVolume);
        domainBlocks(out, since, now, thresholds, minVolume);
        mailboxFullRising(out, thresholds, minVolume, now);
        engagedHard(out, since, now, thresholds);
        return out;
    }

    /**
     * Engagement within the threshold's days before the hard bounce: a send of another campaign delivered ('sent' by
     * our SMTP server) that drew no bounce, or activity the CRM reported for the address (opens, clicks, logins...
     * through the activity API). One alert per campaign, listing the subscribers with the most recent sign.
     */
    private void engagedHard(List<Finding> out, Instant since, Instant now, Map<AlertKind, Double> thresholds) {
        double days = thresholds.get(AlertKind.ENGAGED_HARD);
        Map<Long, List<InsightSql.EngagedHard>> byCampaign = new LinkedHashMap<>();
        for (InsightSql.EngagedHard e : sql.engagedHardBounces(tenant.resolveTenantId(), since, now, (int) days, ENGAGED_ROWS)) {
            byCampaign.computeIfAbsent(e.campaignId(), k -> new ArrayList<>()).add(e);
        }
        byCampaign.forEach((campaignId, rows) -> {
            Campaign c = Campaign.findById(campaignId);
            long subscribers = rows.stream().map(InsightSql.EngagedHard::subscriberId).distinct().count();
            String summary = "%s: %d subscriber%s of campaign “%s” bounced hard although engaged (mail delivered or CRM activity) in the %d days before"
                    .formatted(AlertKind.ENGAGED_HARD.title(), subscribers, subscribers == 1 ? "" : "s", c.name, (long) days);
            StringBuilder evidence = new StringBuilder("%d hard bounce%s on subscribers with a delivered, unbounced send or CRM activity in the %d days before (newest first):"
                    .formatted(rows.size(), rows.size() == 1 ? "" : "s", (long) days));
            for (InsightSql.EngagedHard e : rows.subList(0, Math.min(10, rows.size()))) {
                String sign = e.engagedCampaignId() != null ? "delivered by campaign " + e.engagedCampaignId()
                        : "CRM activity " + abbreviate(e.crmActivity());
                evidence.append("%n  %s  %s  %s  %s  (%s on %s)".formatted(
                        e.bouncedAt().toString().substring(0, 16).replace('T', ' '), e.email(), e.code(),
                        abbreviate(e.diagnostic()), sign, e.engagedAt().toString().substring(0, 10)));
            }
            out.add(new Finding(AlertKind.ENGAGED_HARD, "engaged:campaign:" + campaignId, summary, evidence.toString(),
                    subscribers, days, campaignId, c.sendingServer.id, null));
        });
    }

    private void campaignRate(List<Finding> out, Campaign c, Map<String, Long> byCode, AlertKind kind,
            Map<AlertKind, Double> thresholds, List<String> codes, boolean strictlyAbove) {
        long hits = codes.stream().mapToLong(code -> byCode.getOrDefault(code, 0L)).sum();
        double rate = (double) hits / c.recipientsCount;
        double threshold = thresholds.get(kind);
        if (hits == 0 || (strictlyAbove ? rate <= threshold : rate < threshold)) {
            return;
        }
        String summary = "%s: %s of %d sends of campaign “%s” answered %s".formatted(kind.title(), percent(rate),
                c.recipientsCount, c.name, String.join(" or ", codes));
        String evidence = "%d distinct recipients answered %s out of %d sends (threshold %s%s).%n%s".formatted(hits,
                String.join("/", codes), c.recipientsCount, strictlyAbove ? "above " : "", percent(threshold),
                samples("b.campaign.id = :scope", c.id, codes));
        out.add(new Finding(kind, "campaign:" + c.id, summary, evidence, rate, threshold, c.id, c.sendingServer.id, null));
    }

    private void badImports(List<Finding> out, Instant since, Instant now, Map<AlertKind, Double> thresholds,
            double minVolume) {
        double threshold = thresholds.get(AlertKind.BAD_IMPORT);
        List<ImportBatch> batches = ImportBatch.list("createdAt >= ?1 and createdAt <= ?2 and imported >= ?3",
                since, now, (int) Math.ceil(minVolume));
        for (ImportBatch batch : batches) {
            Campaign first = Campaign.find("list.id = ?1 and sentAt >= ?2 and sentAt <= ?3 order by sentAt, id",
                    batch.listId, batch.createdAt, now).firstResult();
            if (first == null) {
                continue;
            }
            long hits = em().createQuery("""
                    select count(distinct b.recipientEmail) from Bounce b, ImportBatchMember m
                    where m.batchId = :batch and b.subscriber.id = m.subscriberId and b.campaign.id = :c
                      and b.statusCode = '5.1.1'""", Long.class)
                    .setParameter("batch", batch.id).setParameter("c", first.id).getSingleResult();
            double rate = (double) hits / batch.imported;
            if (hits == 0 || rate < threshold) {
                continue;
            }
            String summary = "%s: %s of the %d addresses imported from “%s” answered 5.1.1 on “%s”".formatted(
                    AlertKind.BAD_IMPORT.title(), percent(rate), batch.imported, batch.fileName, first.name);
            String evidence = "Import batch %d (%s, %d new addresses): %d answered 5.1.1 (user unknown) on the first campaign sent after the import (threshold %s).%n%s"
                    .formatted(batch.id, batch.fileName, batch.imported, hits, percent(threshold),
                            samples("b.campaign.id = :scope", first.id, List.of("5.1.1")));
            out.add(new Finding(AlertKind.BAD_IMPORT, "batch:" + batch.id, summary, evidence, rate, threshold, first.id,
                    first.sendingServer.id, null));
        }
    }

    private void dkim(List<Finding> out, List<Campaign> campaigns, Map<Long, Map<String, Long>> counts,
            Map<AlertKind, Double> thresholds, double minVolume) {
        Map<Long, long[]> perServer = new LinkedHashMap<>(); // server id -> {sends, 5.7.1 recipients}
        Map<Long, String> names = new HashMap<>();
        for (Campaign c : campaigns) {
            long[] acc = perServer.computeIfAbsent(c.sendingServer.id, k -> new long[2]);
            acc[0] += c.recipientsCount;
            acc[1] += counts.getOrDefault(c.id, Map.of()).getOrDefault("5.7.1", 0L);
            names.put(c.sendingServer.id, c.sendingServer.name);
        }
        double threshold = thresholds.get(AlertKind.DKIM_BROKEN);
        perServer.forEach((serverId, acc) -> {
            double rate = (double) acc[1] / acc[0];
            if (acc[0] < minVolume || acc[1] == 0 || rate < threshold) {
                return;
            }
            String summary = "%s: %s of %d sends through “%s” answered 5.7.1".formatted(AlertKind.DKIM_BROKEN.title(),
                    percent(rate), acc[0], names.get(serverId));
            String evidence = "%d of %d sends of the recent campaigns on this server were refused with 5.7.1 (threshold %s).%n%s"
                    .formatted(acc[1], acc[0], percent(threshold), samples("b.campaign.sendingServer.id = :scope", serverId,
                            List.of("5.7.1")));
            out.add(new Finding(AlertKind.DKIM_BROKEN, "server:" + serverId, summary, evidence, rate, threshold, null,
                    serverId, null));
        });
    }

    private void domainBlocks(List<Finding> out, Instant since, Instant now, Map<AlertKind, Double> thresholds,
            double minVolume) {
        List<Object[]> rows = em().createQuery("""
                select b.recipientDomain, count(distinct b.recipientEmail) from Bounce b
                where b.occurredAt >= :since and b.occurredAt <= :now and b.statusCode like '5.7.%'
                  and b.recipientDomain is not null
                group by b.recipientDomain""", Object[].class)
                .setParameter("since", since).setParameter("now", now).getResultList();
        long total = rows.stream().mapToLong(r -> (Long) r[1]).sum();
        double threshold = thresholds.get(AlertKind.DOMAIN_BLOCKS);
        for (Object[] r : rows) {
            String domain = (String) r[0];
            long n = (Long) r[1];
            double share = (double) n / total;
            if (n < minVolume || share < threshold) {
                continue;
            }
            String summary = "%s: %d recipients at %s refused with 5.7.x (%s of all 5.7.x)".formatted(
                    AlertKind.DOMAIN_BLOCKS.title(), n, domain, percent(share));
            String evidence = "%d of the %d recipients refused with 5.7.x in the window are at %s (threshold %s, at least %d).%n%s"
                    .formatted(n, total, domain, percent(threshold), (long) minVolume, domainSamples(domain, since));
            out.add(new Finding(AlertKind.DOMAIN_BLOCKS, "domain:" + domain, summary, evidence, share, threshold, null,
                    null, domain));
        }
    }

    private void mailboxFullRising(List<Finding> out, Map<AlertKind, Double> thresholds, double minVolume, Instant now) {
        List<Campaign> newest = Campaign.find("sentAt is not null and sentAt <= ?1 and recipientsCount >= ?2 order by sentAt desc, id desc",
                now, (int) Math.ceil(minVolume)).page(0, 3).list();
        if (newest.size() < 3) {
            return;
        }
        Map<Long, Map<String, Long>> counts = codeCounts(newest.stream().map(c -> c.id).toList());
        double[] rates = new double[3];
        for (int i = 0; i < 3; i++) { // oldest first
            Campaign c = newest.get(2 - i);
            rates[i] = (double) counts.getOrDefault(c.id, Map.of()).getOrDefault("4.2.2", 0L) / c.recipientsCount;
        }
        double threshold = thresholds.get(AlertKind.MAILBOX_FULL_RISING);
        if (!(rates[0] < rates[1] && rates[1] < rates[2]) || rates[2] < threshold) {
            return;
        }
        Campaign last = newest.get(0);
        String summary = "%s: %s → %s → %s over the last three campaigns".formatted(AlertKind.MAILBOX_FULL_RISING.title(),
                percent(rates[0]), percent(rates[1]), percent(rates[2]));
        StringBuilder evidence = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Campaign c = newest.get(2 - i);
            evidence.append("“%s” (%d sends): %s answered 4.2.2%n".formatted(c.name, c.recipientsCount, percent(rates[i])));
        }
        evidence.append(samples("b.campaign.id = :scope", last.id, List.of("4.2.2")));
        out.add(new Finding(AlertKind.MAILBOX_FULL_RISING, "tenant", summary, evidence.toString(), rates[2], threshold,
                last.id, last.sendingServer.id, null));
    }

    /** campaign id → status code → distinct recipients, for the watched codes. */
    private Map<Long, Map<String, Long>> codeCounts(List<Long> campaignIds) {
        Map<Long, Map<String, Long>> out = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em().createQuery("""
                select b.campaign.id, b.statusCode, count(distinct b.recipientEmail) from Bounce b
                where b.campaign.id in :ids and b.statusCode in :codes
                group by b.campaign.id, b.statusCode""", Object[].class)
                .setParameter("ids", campaignIds).setParameter("codes", WATCHED_CODES).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((Long) r[0], k -> new HashMap<>()).put((String) r[1], (Long) r[2]);
        }
        return out;
    }

    private String samples(String scopeCondition, Object scope, List<String> codes) {
        List<Bounce> rows = Bounce.find("from Bounce b where " + scopeCondition
                + " and b.statusCode in :codes order by b.occurredAt desc, b.id desc",
                io.quarkus.panache.common.Parameters.with("scope", scope).and("codes", codes)).page(0, SAMPLES).list();
        return sampleLines(rows);
    }

    private String domainSamples(String domain, Instant since) {
        List<Bounce> rows = Bounce.find("from Bounce b where b.recipientDomain = :d and b.occurredAt >= :since"
                + " and b.statusCode like '5.7.%' order by b.occurredAt desc, b.id desc",
                io.quarkus.panache.common.Parameters.with("d", domain).and("since", since)).page(0, SAMPLES).list();
        return sampleLines(rows);
    }

    private static String sampleLines(List<Bounce> rows) {
        StringBuilder sb = new StringBuilder("Newest samples:");
        for (Bounce b : rows) {
            sb.append("%n  %s  %s  %s  %s".formatted(b.occurredAt.toString().substring(0, 16).replace('T', ' '),
                    b.recipientEmail, b.statusCode, abbreviate(b.diagnostic)));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static EntityManager em() {
        return Bounce.getEntityManager();
    }
}
