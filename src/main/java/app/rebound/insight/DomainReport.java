package app.rebound.insight;

import app.rebound.bounce.Bounce;
import app.rebound.engine.BounceType;
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

    public record Row(String domain, long total, long hard, long soft, long distinctCodes, List<CodeCount> topCodes,
            List<Sample> samples, long previousTotal) {
        /** "up", "down" or "same" against the previous window. */
        public String trend() {
            return total > previousTotal ? "up" : total < previousTotal ? "down" : "same";
        }

        /** "up 4", "down 2" or "same", for people. */
        public String trendText() {
            long change = total - previousTotal;
            return change > 0 ? "up " + change : change < 0 ? "down " + (-change) : "same";
        }
    }

    public record Report(Instant from, Instant to, int days, long minBounces, List<Row> rows, boolean truncated) {
    }

    /** Domains with more than {@code minBounces} bounces in the {@code days} before {@code now}, by hard total. */
    public Report build(Instant now, int days, long minBounces) {
        Instant from = now.minus(Duration.ofDays(days));
        Instant previousFrom = from.minus(Duration.ofDays(days));
        List<Object[]> groups = em().createQuery("""
                select b.recipientDomain, count(b),
                       sum(case when b.type = :hard then 1 else 0 end),
                       sum(case when b.type = :soft then 1 else 0 end),
                       count(distinct b.statusCode)
                from Bounce b
                where b.occurredAt >= :from and b.occurredAt < :to and b.recipientDomain is not null
                group by b.recipientDomain
                having count(b) > :min
                order by 3 desc, 2 desc, 1""", Object[].class)
                .setParameter("hard", BounceType.HARD).setParameter("soft", BounceType.SOFT)
                .setParameter("from", from).setParameter("to", now).setParameter("min", minBounces)
                .setMaxResults(MAX_DOMAINS + 1).getResultList();
        boolean truncated = groups.size() > MAX_DOMAINS;
        if (truncated) {
            groups = groups.subList(0, MAX_DOMAINS);
        }
        List<String> domains = groups.stream().map(g -> (String) g[0]).toList();
        Map<String, List<CodeCount>> codes = topCodes(domains, from, now);
        Map<String, Long> previous = totals(domains, previousFrom, from);
        List<Row> rows = new ArrayList<>();
        for (Object[] g : groups) {
            String d = (String) g[0];
            rows.add(new Row(d, (Long) g[1], (Long) g[2], (Long) g[3], (Long) g[4], codes.getOrDefault(d, List.of()),
                    samples(d, from, now), previous.getOrDefault(d, 0L)));
        }
        return new Report(from, now, days, minBounces, rows, truncated);
    }

    /** The newest bounces of one domain in the window (the drill-down). */
    public List<Bounce> bouncesOf(String domain, Instant from, Instant to, int limit) {
        return Bounce.find("from Bounce b left join fetch b.campaign where b.recipientDomain = ?1 and b.occurredAt >= ?2"
                + " and b.occurredAt < ?3 order by b.occurredAt desc, b.id desc", domain, from, to).page(0, limit).list();
    }

    private Map<String, List<CodeCount>> topCodes(List<String> domains, Instant from, Instant to) {
        Map<String, List<CodeCount>> out = new HashMap<>();
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
            out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new CodeCount((String) r[1], (Long) r[2]));
        }
        out.replaceAll((d, list) -> list.stream()
                .sorted(Comparator.comparingLong(CodeCount::count).reversed().thenComparing(CodeCount::code))
                .limit(TOP_CODES).toList());
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

    private List<Sample> samples(String domain, Instant from, Instant to) {
        return em().createQuery("""
                select b.occurredAt, b.recipientEmail, b.statusCode, b.diagnostic from Bounce b
                where b.recipientDomain = :d and b.occurredAt >= :from and b.occurredAt < :to
                order by b.occurredAt desc, b.id desc""", Object[].class)
                .setParameter("d", domain).setParameter("from", from).setParameter("to", to)
                .setMaxResults(SAMPLES).getResultList().stream()
                .map(r -> new Sample((Instant) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    private static EntityManager em() {
        return Bounce.getEntityManager();
    }
}
