package app.rebound.bounce;

import app.rebound.campaign.CampaignBounceCount;
import app.rebound.campaign.CampaignHeading;
import app.rebound.engine.BounceType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounce-log tab's reads in plain JDBC: the rows it renders, no entities (no hydration, no per-call query
 * translation). Every statement is the filter's conditions on the campaign's keyset range ({@link #where}): the cursor
 * as a row-value comparison, every known bound stated on the partition key (occurred_at) so PostgreSQL prunes the
 * months that cannot hold a row. An address search from the start reads the campaign's address index
 * (tenant_id, campaign_id, lower(recipient_email) text_pattern_ops, V076). Hibernate's tenant filter does not apply to
 * native SQL: every statement names its tenant, and NativeSqlConfinementTest allows native SQL here. Called inside
 * the caller's transaction (the data source enlists the connection).
 */
@ApplicationScoped
public class BounceLogSql {
    static final String COLUMNS = "id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action,"
            + " investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification";

    private final AgroalDataSource dataSource;

    public BounceLogSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The campaign's heading and stored counters, or null when the tenant has no such campaign; {@code ongoingAlerts}:
     * whether an alert about the campaign is open (only then does the page read the alerts themselves).
     */
    public record Heading(CampaignHeading campaign, CampaignBounceCount counts, boolean ongoingAlerts) {
    }

    private static final String HEADING = """
            select c.name, c.subject, l.name, s.name, c.sent_at, c.recipients_count, k.hard, k.soft, k.complaint,
                   k.auto_reply, k.other, k.investigate, k.first_at, k.last_at, k.id,
                   exists (select 1 from alert a where a.tenant_id = c.tenant_id and a.campaign_id = c.id
                                                   and a.status <> 'resolved')%s
              from campaign c
              join mailing_list l on l.tenant_id = c.tenant_id and l.id = c.list_id
              join sending_server s on s.tenant_id = c.tenant_id and s.id = c.sending_server_id
              left join campaign_bounce_count k on k.tenant_id = c.tenant_id and k.campaign_id = c.id
             where c.tenant_id = ? and c.id = ?""";
    private static final String HEADING_CUSTOM = HEADING.formatted(
            ",\n                   set_config('plan_cache_mode', 'force_custom_plan', true)");
    private static final String HEADING_GENERIC = HEADING.formatted(
            ",\n                   set_config('plan_cache_mode', 'force_generic_plan', true)");

    /**
     * The tab's heading in one statement: the campaign with its list's and sending server's names, its stored
     * counters (zero when it has no bounce yet) and whether an alert about it is open. With {@code genericPlan}
     * ({@link #genericPlanFits}) the same statement sets {@code plan_cache_mode = force_generic_plan} for the rest of
     * the transaction (set_config's "local", as {@code set local}): the page that follows runs on a cached generic
     * plan without a statement of its own for the setting. Without it, {@code force_custom_plan}: PostgreSQL's
     * default ("auto") compares the two after five executions of a prepared statement and may keep the generic plan
     * of a filtered page from then on, which reads the whole campaign where the best index depends on the value
     * (the domain filter in BounceLogPlanCacheTest; a text search measured 0.3 ms custom, 0.7-1.2 s generic on a
     * million-row campaign). Call it inside a transaction.
     */
    public Heading heading(String tenant, long campaignId, boolean genericPlan) {
        List<Heading> out = new ArrayList<>(1);
        query(genericPlan ? HEADING_GENERIC : HEADING_CUSTOM, List.of(tenant, campaignId), rs -> {
            Timestamp sent = rs.getTimestamp(5);
            CampaignHeading campaign = new CampaignHeading(campaignId, tenant, rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), sent == null ? null : sent.toInstant(), rs.getInt(6));
            CampaignBounceCount counts = CampaignBounceCount.zero(campaignId);
            counts.tenantId = tenant;
            long id = rs.getLong(15);
            if (!rs.wasNull()) {
                counts.id = id;
                counts.hard = rs.getLong(7);
                counts.soft = rs.getLong(8);
                counts.complaint = rs.getLong(9);
                counts.autoReply = rs.getLong(10);
                counts.other = rs.getLong(11);
                counts.investigate = rs.getLong(12);
                counts.firstAt = instant(rs.getTimestamp(13));
                counts.lastAt = instant(rs.getTimestamp(14));
            }
            out.add(new Heading(campaign, counts, rs.getBoolean(16)));
        });
        return out.isEmpty() ? null : out.get(0);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * A page of the log, newest first. It runs on whatever plan-cache mode the transaction has: {@link #heading} sets
     * the generic one where it fits. With {@code scan} &gt; 0 (a text search: reason words, part of an address, which
     * no index serves) the filter is applied to the newest {@code scan} rows of the keyset range only (the cursor and
     * the dates, as {@link #scanLimit} counts them), read lazily: the scan stops as soon as the page is full, so a
     * search for common words reads a few hundred rows, a rare one at most {@code scan}.
     */
    public List<BounceRow> page(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before, int size,
            Instant first, Instant last, int scan) {
        List<Object> args = new ArrayList<>();
        StringBuilder q = new StringBuilder("select ").append(COLUMNS);
        if (scan > 0) {
            q.append(" from (select ").append(COLUMNS).append(", fault, recipient_domain from bounce where ")
                    .append(where(tenant, campaignId, filter.datesOnly(), before, first, last, args))
                    .append(" order by occurred_at desc, id desc limit ?) scanned where true");
            args.add(scan);
            q.append(filter.sqlWhere(args));
        } else {
            q.append(" from bounce where ").append(where(tenant, campaignId, filter, before, first, last, args));
        }
        q.append(" order by occurred_at desc, id desc limit ?");
        args.add(size);
        List<BounceRow> out = new ArrayList<>(size);
        query(q.toString(), args, rs -> out.add(row(campaignId, rs)));
        return out;
    }

    /** A row of {@link #COLUMNS}, in their order. */
    private static BounceRow row(long campaignId, ResultSet rs) throws SQLException {
        long sub = rs.getLong(2);
        Long subscriberId = rs.wasNull() ? null : sub;
        long inbound = rs.getLong(11);
        Long inboundId = rs.wasNull() ? null : inbound;
        String type = rs.getString(4);
        return BounceRow.of(campaignId, rs.getLong(1), subscriberId, rs.getString(3),
                type == null ? null : BounceType.valueOf(type.toUpperCase(Locale.ROOT)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10), inboundId,
                rs.getTimestamp(12).toInstant(), rs.getString(13), rs.getString(14), rs.getString(15));
    }

    /** An address search's page from the address index, or none when the beginning matches more than the cap. */
    public record AddressPage(List<BounceRow> rows, boolean overCap) {
    }

    /**
     * A page of an address search from the campaign's address index (V076): the keyset range's rows whose address
     * starts with the words, read in the index's order ({@code order by lower(recipient_email) using ~<~}, the
     * operator class's order, so PostgreSQL reads the index ranges of the months in order and stops) no further than
     * {@code cap} + 1, counted on the way ({@code count(*) over ()}); the other filters on top, then the newest
     * {@code size}. Without the order, PostgreSQL picks for a beginning it believes common the log index in time
     * order with the address as a filter, which reads the whole campaign when the matches cluster in time (4.3 s
     * measured on the million-row campaign), or a bitmap of every match. With more than {@code cap} matches the
     * rows are not the newest: {@code overCap}, and the caller reads the bounded scan instead.
     */
    public AddressPage addressPage(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before,
            int size, Instant first, Instant last, int cap) {
        List<Object> args = new ArrayList<>();
        // the count comes on a row of its own when no match passes the other filters (an empty page is not the
        // end of the search when the cap was reached)
        StringBuilder q = new StringBuilder("with capped as (select ").append(COLUMNS)
                .append(", fault, recipient_domain from bounce where ")
                .append(where(tenant, campaignId, filter.addressAndDates(), before, first, last, args))
                .append(" order by lower(recipient_email) using ~<~ limit ?) select ").append(COLUMNS)
                .append(", k.matches from (select count(*) as matches from capped) k left join lateral (select ")
                .append(COLUMNS).append(" from capped where true");
        args.add(cap + 1);
        q.append(filter.sqlWhere(args)).append(" order by occurred_at desc, id desc limit ?) c on true");
        args.add(size);
        List<BounceRow> out = new ArrayList<>(size);
        int[] matches = new int[1];
        query(q.toString(), args, rs -> {
            matches[0] = rs.getInt(16);
            rs.getLong(1);
            if (!rs.wasNull()) {
                out.add(row(campaignId, rs));
            }
        });
        return new AddressPage(out, matches[0] > cap);
    }

    /**
     * Where a bounded text search stops: the {@code scan}-th row of the campaign's keyset range (the cursor and the
     * dates applied, not the other filters), or null when the range holds fewer rows.
     */
    public BounceCursor scanLimit(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before, int scan,
            Instant first, Instant last) {
        List<Object> args = new ArrayList<>();
        StringBuilder q = new StringBuilder("select occurred_at, id from bounce where ")
                .append(where(tenant, campaignId, filter.datesOnly(), before, first, last, args))
                .append(" order by occurred_at desc, id desc offset ? limit 1");
        args.add(scan - 1);
        List<BounceCursor> out = new ArrayList<>(1);
        query(q.toString(), args, rs -> out.add(new BounceCursor(rs.getTimestamp(1).toInstant(), rs.getLong(2))));
        return out.isEmpty() ? null : out.get(0);
    }

    /**
     * The log's conditions, tenant first: the campaign, the filter's columns ({@link BounceLogFilter#sqlWhere}), every
     * known bound on the partition key (the later of {@code first} and the filter's 'from', {@code last}, the day after
     * the filter's 'to') and the cursor as a row-value comparison plus its own bound. Their values go to {@code args}.
     * The page, the scan limit and the CSV export ({@link BounceExportSql}) all read this.
     */
    static String where(String tenant, long campaignId, BounceLogFilter filter, BounceCursor before, Instant first,
            Instant last, List<Object> args) {
        StringBuilder q = new StringBuilder("tenant_id = ? and campaign_id = ?");
        args.add(tenant);
        args.add(campaignId);
        q.append(filter.sqlWhere(args));
        Instant lo = max(first, filter.fromInstant());
        if (lo != null) {
            q.append(" and occurred_at >= ?");
            args.add(at(lo));
        }
        if (last != null) {
            q.append(" and occurred_at <= ?");
            args.add(at(last));
        }
        if (filter.toInstantExclusive() != null) {
            q.append(" and occurred_at < ?");
            args.add(at(filter.toInstantExclusive()));
        }
        if (before != null) {
            q.append(" and (occurred_at, id) < (?, ?) and occurred_at <= ?");
            args.add(at(before.occurredAt()));
            args.add(before.id());
            args.add(at(before.occurredAt()));
        }
        return q.toString();
    }

    /** A bound on occurred_at (timestamptz) as the driver binds it. */
    static OffsetDateTime at(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The plan-cache choice, per query: the page and its cursor with no filter but dates, type, side (fault) and
     * the investigate flag read the log index in the order of the limit whatever the values, so a cached generic plan
     * fits them (planned once per connection, the months pruned when it starts; a custom plan is re-planned over the
     * partitions on every call). Type, side and investigate have no index of their own: every plan of theirs is that
     * index read in order with the column as a filter, custom or generic (EXPLAIN on the million-row campaign: the
     * same plan, 0.2-0.3 ms; a value the campaign does not hold reads its whole range either way, 0.3-0.4 s). With a
     * code, a domain or a text search the best plan depends on the value (a common domain or a rare one, a code
     * class's LIKE, an address prefix, the scan of a text search), where a generic plan measured 0.4-2.3 s instead
     * of under a millisecond: those get custom plans.
     */
    public static boolean genericPlanFits(BounceLogFilter filter) {
        return filter.code().isEmpty() && filter.domain().isEmpty() && filter.address().isEmpty()
                && filter.reason().isEmpty();
    }

    private void query(String sql, List<Object> args, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the bounce log", e);
        }
    }
}
