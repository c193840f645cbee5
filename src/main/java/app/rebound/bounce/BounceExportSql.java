package app.rebound.bounce;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaign bounce-log CSV export, read as plain JDBC rows: a million rows through Hibernate's entities cost
 * ~114 s, most of it building and dirty-tracking entities nobody changes. Same rows, order and filters as the bounce
 * log ({@link BounceLogSql#where}): newest first, keyset batches on {@code (occurred_at, id)} with every known
 * bound on the partition key, each batch one statement in its own short read-only transaction on one connection (no
 * transaction spans the download, however slowly the client reads; rows recorded meanwhile may or may not appear;
 * the connection is held until the download ends). Hibernate's tenant filter does not apply here: every statement
 * names its tenant explicitly ({@code NativeSqlConfinementTest}).
 */
@ApplicationScoped
public class BounceExportSql {
    private static final String COLUMNS = "occurred_at, id, recipient_email, type, status_code, reply_code, reason, fault,"
            + " action, investigate, diagnostic, feedback_type";

    private final AgroalDataSource dataSource;

    public BounceExportSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One exported bounce as stored (type and fault are the lower-case codes of the engine's enums). */
    public record Row(Instant occurredAt, String recipient, String type, String statusCode, Integer replyCode, String reason,
            String fault, String action, boolean investigate, String diagnostic, String feedbackType) {
    }

    /** Receives the rows one by one (writing them to the download). */
    @FunctionalInterface
    public interface Sink {
        void accept(Row row) throws IOException;
    }

    /**
     * Hands every bounce of the tenant's campaign that passes {@code filter} to {@code sink}, newest first, reading
     * {@code batch} rows per statement; {@code first}/{@code last} are the campaign's earliest and latest bounce from
     * its stored counters (null when unknown), stated on the partition key so months without rows are pruned.
     */
    public long forEach(String tenant, long campaignId, BounceLogFilter filter, Instant first, Instant last, int batch, Sink sink)
            throws IOException {
        List<Object> params = new ArrayList<>();
        String where = BounceLogSql.where(tenant, campaignId, filter, null, first, last, params);
        String order = " order by occurred_at desc, id desc limit ?";
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true); // each batch a short read-only transaction (PostgreSQL's driver ignores it in autocommit)
            try (PreparedStatement head = c.prepareStatement("select " + COLUMNS + " from bounce where " + where + order);
                 PreparedStatement next = c.prepareStatement("select " + COLUMNS + " from bounce where " + where
                         + " and (occurred_at, id) < (?, ?) and occurred_at <= ?" + order)) {
                int n = bind(head, params);
                head.setInt(n, batch);
                Cursor cursor = read(c, head, sink);
                total += cursor.rows;
                while (cursor.rows == batch) {
                    n = bind(next, params);
                    OffsetDateTime t = BounceLogSql.at(cursor.occurredAt);
                    next.setObject(n, t);
                    next.setLong(n + 1, cursor.id);
                    next.setObject(n + 2, t);
                    next.setInt(n + 3, batch);
                    cursor = read(c, next, sink);
                    total += cursor.rows;
                }
            } finally {
                c.rollback(); // a download broken off mid-batch leaves its transaction open
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the bounces of campaign " + campaignId, e);
        }
        return total;
    }

    /** Where a batch ended: its last row's keyset position and how many rows it had. */
    private record Cursor(Instant occurredAt, long id, int rows) {
    }

    /**
     * Reads one batch in its own transaction, handing each row to {@code sink} as it comes. The batch's statement is
     * the same each time but for its cursor, so it is planned once (a generic plan, partitions pruned when it starts)
     * instead of once per batch over every partition of the table, which cost more than reading the rows.
     */
    private static Cursor read(Connection c, PreparedStatement ps, Sink sink) throws SQLException, IOException {
        Instant at = null;
        long id = 0;
        int rows = 0;
        try (Statement s = c.createStatement()) {
            s.execute("set local plan_cache_mode = force_generic_plan");
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                at = rs.getObject(1, OffsetDateTime.class).toInstant();
                id = rs.getLong(2);
                sink.accept(new Row(at, rs.getString(3), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getString(12)));
                rows++;
            }
        }
        c.commit();
        return new Cursor(at, id, rows);
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return params.size() + 1;
    }
}
