package app.rebound.insight;

import app.rebound.bounce.Bounce;
import app.rebound.engine.BounceType;
import app.rebound.ingest.RecipientDomain;
import app.rebound.tenant.AppTenantResolver;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-domain bounce mining in the current tenant: bounces grouped by the registrable domain stored on each bounce at
 * ingestion ({@code recipient_domain}, public suffix + 1 from Guava's copy of the Public Suffix List), over a window,
 * with the previous window of the same length for the trend. HQL only, so the tenant filter applies.
 */
@ApplicationScoped
public class DomainReport {
    public static final int MAX_DOMAINS = 200;
    static final int TOP_CODES = 3;
    static final int SAMPLES = 3;

    public record CodeCount(String code, long count) {
    }

    public record Sample(Instant occurredAt, String recipient, String code, String diagnostic) {
    }

    /**
     * One group: a registrable domain, or a receiving provider with its member domains. {@code sends} are the sent
     * deliveries of the window to the group, {@code bouncedSends} those that drew a hard or soft bounce (whenever it
     * came); both 0 where the sending side recorded no sends.
     */
    public record Row(String domain, List<String> members, long total, long hard, long soft, long distinctCodes,
            List<CodeCount> topCodes, List<Sample> samples, long previousTotal, long sends, long bouncedSends) {
        /** "up", "down" or "same" against the previous window. */
        public String trend() {
            return total > previousTotal ? "up" : total < previousTotal ? "down" : "same";
        }

        /** "up 4", "down 2" or "same", for people. */
        public String trendText() {
            long change = total - previousTotal;
            return change > 0 ? "up " + change : change < 0 ? "down " + (-change) : "same";
        }

        /** Bounced sends / sends, or null where no send is known. */
        public Double bounceRate() {
            return sends == 0 ? null : (double) bouncedSends / sends;
        }

        /** "2.5% (5 of 200 sends)" or "sends not known". */
        public String rateText() {
            return sends == 0 ? "sends not known"
                    : "%s (%d of %d sends)".formatted(Detectors.percent(bounceRate()), bouncedSends, sends);
        }

        public boolean isProvider() {
            return members.size() > 1 || !members.get(0).equals(domain);
        }
    }

    public record Report(Instant from, Instant to, int days, long minBounces, boolean byProvider, List<Row> rows,
            boolean truncated) {
    }

    private final InsightSql sql;
    private final AppTenantResolver tenant;

    public DomainReport(InsightSql sql, @PersistenceUnitExtension AppTenantResolver tenant) {
        this.sql = sql;
        this.tenant = tenant;
    }

    public Report build(Instant now, int days, long minBounces) {
        return build(now, days, minBounces, false);
    }

    /**
     * Domains (or, {@code byProvider}, receiving providers: every Microsoft consumer domain together) with more than
     * {@code minBounces} bounces in the {@code days} before {@code now}, by hard total.
     */
    public Report build(Instant now, int days, long minBounces, boolean byProvider) {
        Instant from = now.minus(Duration.ofDays(days));
        Instant previousFrom = from.minus(Duration.ofDays(days));
        // Grouping by provider merges domains after the query, so each domain's counts are needed, not only the big ones.
        List<Object[]> perDomain = em().createQuery("""
                select b.recipientDomain, count(b),
                       sum(case when b.type = :hard then 1 else 0 end),
                       sum(case when b.type = :soft then 1 else 0 end)
                from Bounce b
                where b.occurredAt >= :from and b.occurredAt < :to and b.recipientDomain is not null
                group by b.recipientDomain
                having count(b) > :min""", Object[].class)
                .setParameter("hard", BounceType.HARD).setParameter("soft", BounceType.SOFT)
                .setParameter("from", from).setParameter("to", now).setParameter("min", byProvider ? 0 : minBounces)
                .getResultList();
        Map<String, long[]> groups = new HashMap<>(); // group -> {total, hard, soft}
        Map<String, List<String>> members = new HashMap<>();
        for (Object[] g : perDomain) {
            String d = (String) g[0];
            String key = ReceivingProvider.groupOf(d, byProvider);
            long[] acc = groups.computeIfAbsent(key, k -> new long[3]);
            acc[0] += (Long) g[1];
            acc[1] += (Long) g[2];
            acc[2] += (Long) g[3];
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        List<String> kept = groups.entrySet().stream().filter(e -> e.getValue()[0] > minBounces)
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).limit(MAX_DOMAINS + 1).toList();
        boolean truncated = kept.size() > MAX_DOMAINS;
        if (truncated) {
            kept = kept.subList(0, MAX_DOMAINS);
        }
        List<String> domains = kept.stream().flatMap(k -> members.get(k).stream()).toList();
        Map<String, Map<String, Long>> codes = codeCounts(domains, from, now);
        Map<String, Long> previous = totals(domains, previousFrom, from);
        Map<String, long[]> sends = new HashMap<>();
        for (InsightSql.HostSends h : sql.sendsByHost(tenant.resolveTenantId(), from, now)) {
            String key = ReceivingProvider.groupOf(RecipientDomain.of("x@" + h.host()), byProvider);
            long[] acc = sends.computeIfAbsent(key, k -> new long[2]);
            acc[0] += h.sends();
            acc[1] += h.bounced();
        }
        List<Row> rows = new ArrayList<>();
        for (String key : kept) {
            List<String> ms = members.get(key).stream().sorted().toList();
            Map<String, Long> byCode = new HashMap<>();
            long previousTotal = 0;
            for (String m : ms) {
                codes.getOrDefault(m, Map.of()).forEach((code, n) -> byCode.merge(code, n, Long::sum));
                previousTotal += previous.getOrDefault(m, 0L);
            }
            List<CodeCount> top = byCode.entrySet().stream().map(e -> new CodeCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(CodeCount::count).reversed().thenComparing(CodeCount::code))
                    .limit(TOP_CODES).toList();
            long[] acc = groups.get(key);
            long[] sent = sends.getOrDefault(key, new long[2]);
            rows.add(new Row(key, ms, acc[0], acc[1], acc[2], byCode.size(), top, samples(ms, from, now), previousTotal,
                    sent[0], sent[1]));
        }
        return new Report(from, now, days, minBounces, byProvider, rows, truncated);
    }

    /** The newest bounces of one domain in the window (the drill-down). */
    public List<Bounce> bouncesOf(String domain, Instant from, Instant to, int limit) {
        return Bounce.find("from Bounce b left join fetch b.campaign where b.recipientDomain = ?1 and b.occurredAt >= ?2"
                + " and b.occurredAt < ?3 order by b.occurredAt desc, b.id desc", domain, from, to).page(0, limit).list();
    }

    /** domain → status code → bounces, for the given domains. */
    private Map<String, Map<String, Long>> codeCounts(List<String> domains, Instant from, Instant to) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        if (domains.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em().createQuery("""
                select b.recipientDomain, b.statusCode, count(b) from Bounce b
                where b.recipientDomain in :domains and b.occurredAt >= :from and b.occurredAt < :to
                  and b.statusCode is not null
                group by b.recipientDomain, b.statusCode""", Object[].class)
                .setParameter("domains", domains).setParameter("from", from).setParameter("to", to).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (Long) r[2]);
        }
        return out;
    }

    private Map<String, Long> totals(List<String> domains, Instant from, Instant to) {
        Map<String, Long> out = new HashMap<>();
        if (domains.isEmpty()) {
            return out;
        }
        em().createQuery("""
                select b.recipientDomain, count(b) from Bounce b
                where b.recipientDomain in :domains and b.occurredAt >= :from and b.occurredAt < :to
                group by b.recipientDomain""", Object[].class)
                .setParameter("domains", domains).setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(r -> out.put((String) r[0], (Long) r[1]));
        return out;
    }

    private List<Sample> samples(List<String> domains, Instant from, Instant to) {
        return em().createQuery("""
                select b.occurredAt, b.recipientEmail, b.statusCode, b.diagnostic from Bounce b
                where b.recipientDomain in :d and b.occurredAt >= :from and b.occurredAt < :to
                order by b.occurredAt desc, b.id desc""", Object[].class)
                .setParameter("d", domains).setParameter("from", from).setParameter("to", to)
                .setMaxResults(SAMPLES).getResultList().stream()
                .map(r -> new Sample((Instant) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    private static EntityManager em() {
        return Bounce.getEntityManager();
    }
}
