package app.rebound.insight;

import app.rebound.bounce.Bounce;
import app.rebound.engine.BounceType;
import app.rebound.ingest.RecipientDomain;
import app.rebound.tenant.AppTenantResolver;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
        String t = tenant.resolveTenantId();
        // Grouping by provider merges domains after counting, so each domain's counts are needed, not only the big ones.
        Map<String, Counts> current = counts(t, from, now, null);
        Map<String, long[]> groups = new HashMap<>(); // group -> {total, hard, soft}
        Map<String, List<String>> members = new HashMap<>();
        for (Map.Entry<String, Counts> e : current.entrySet()) {
            Counts n = e.getValue();
            if (!byProvider && n.total <= minBounces) {
                continue;
            }
            String key = ReceivingProvider.groupOf(e.getKey(), byProvider);
            long[] acc = groups.computeIfAbsent(key, k -> new long[3]);
            acc[0] += n.total;
            acc[1] += n.hard;
            acc[2] += n.soft;
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getKey());
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
        Map<String, Counts> previous = domains.isEmpty() ? Map.of() : counts(t, previousFrom, from, domains);
        Map<String, long[]> sends = new HashMap<>();
        for (InsightSql.HostSends h : sql.sendsByHost(t, from, now)) {
            String key = ReceivingProvider.groupOf(RecipientDomain.of("x@" + h.host()), byProvider);
            long[] acc = sends.computeIfAbsent(key, k -> new long[2]);
            acc[0] += h.sends();
            acc[1] += h.bounced();
        }
        // newest first across every listed domain, so each group's first SAMPLES are its newest
        Map<String, List<Sample>> newest = new HashMap<>();
        for (InsightSql.DomainSample x : sql.newestPerDomain(t, domains, from, now, SAMPLES)) {
            String key = ReceivingProvider.groupOf(x.domain(), byProvider);
            List<Sample> l = newest.computeIfAbsent(key, k -> new ArrayList<>());
            if (l.size() < SAMPLES) {
                l.add(new Sample(x.occurredAt(), x.recipient(), x.code(), x.diagnostic()));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String key : kept) {
            List<String> ms = members.get(key).stream().sorted().toList();
            Map<String, Long> byCode = new HashMap<>();
            long previousTotal = 0;
            for (String m : ms) {
                current.get(m).codes.forEach((code, n) -> byCode.merge(code, n, Long::sum));
                Counts before = previous.get(m);
                previousTotal += before == null ? 0 : before.total;
            }
            List<CodeCount> top = byCode.entrySet().stream().map(e -> new CodeCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(CodeCount::count).reversed().thenComparing(CodeCount::code))
                    .limit(TOP_CODES).toList();
            long[] acc = groups.get(key);
            long[] sent = sends.getOrDefault(key, new long[2]);
            rows.add(new Row(key, ms, acc[0], acc[1], acc[2], byCode.size(), top, newest.getOrDefault(key, List.of()), previousTotal,
                    sent[0], sent[1]));
        }
        return new Report(from, now, days, minBounces, byProvider, rows, truncated);
    }

    /** The newest bounces of one domain in the window (the drill-down). */
    public List<Bounce> bouncesOf(String domain, Instant from, Instant to, int limit) {
        return Bounce.find("from Bounce b left join fetch b.campaign where b.recipientDomain = ?1 and b.occurredAt >= ?2"
                + " and b.occurredAt < ?3 order by b.occurredAt desc, b.id desc", domain, from, to).page(0, limit).list();
    }

    /** One domain's bounces in a window: total, hard, soft, and per status code. */
    static final class Counts {
        // the type column holds the BounceType names in lower case
        private static final String HARD = BounceType.HARD.name().toLowerCase(java.util.Locale.ROOT);
        private static final String SOFT = BounceType.SOFT.name().toLowerCase(java.util.Locale.ROOT);
        long total;
        long hard;
        long soft;
        final Map<String, Long> codes = new HashMap<>();

        void add(InsightSql.DomainTypeCode r) {
            total += r.n();
            if (HARD.equals(r.type())) {
                hard += r.n();
            } else if (SOFT.equals(r.type())) {
                soft += r.n();
            }
            if (!r.code().isEmpty()) {
                codes.merge(r.code(), r.n(), Long::sum);
            }
        }
    }

    /**
     * Per domain (all, or only {@code domains}), the bounces in [from, to): whole UTC days at least two days old from
     * the daily rollup (summarised first where missing or stale, in a transaction of its own), the rest (the window's
     * ragged start, the newest days) straight from the bounces. The same numbers as counting every bounce, from an
     * index range of about two days of bounces instead of the whole window.
     */
    Map<String, Counts> counts(String t, Instant from, Instant to, List<String> domains) {
        List<InsightSql.DomainTypeCode> rows = new ArrayList<>();
        LocalDate firstDay = from.atZone(ZoneOffset.UTC).toLocalDate();
        if (!firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().equals(from)) {
            firstDay = firstDay.plusDays(1); // the first whole day
        }
        LocalDate wanted = to.atZone(ZoneOffset.UTC).toLocalDate(); // whole days end where the last (partial) day begins
        LocalDate first = firstDay;
        LocalDate end = first.isBefore(wanted)
                ? QuarkusTransaction.requiringNew().call(() -> sql.summarizeDays(t, first, wanted)) : first;
        if (first.isBefore(end)) {
            rows.addAll(sql.rolledUpCounts(t, first, end, domains));
            rows.addAll(sql.rawCounts(t, from, first.atStartOfDay(ZoneOffset.UTC).toInstant(), domains));
            rows.addAll(sql.rawCounts(t, end.atStartOfDay(ZoneOffset.UTC).toInstant(), to, domains));
        } else {
            rows.addAll(sql.rawCounts(t, from, to, domains));
        }
        Map<String, Counts> out = new HashMap<>();
        for (InsightSql.DomainTypeCode r : rows) {
            out.computeIfAbsent(r.domain(), k -> new Counts()).add(r);
        }
        return out;
    }
}
