package app.rebound.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The ingestion pipeline's SQL, kept outside Hibernate for throughput (one round trip per statement batch, no
 * entity state). Hibernate's tenant filter does not apply here: every statement names its tenant explicitly,
 * and {@code NativeSqlConfinementTest} allows native SQL in this class only besides {@code TenantSql}.
 * Callers run it inside a JTA transaction, so the connections are enlisted in it.
 */
@ApplicationScoped
public class IngestSql {
    private final AgroalDataSource dataSource;

    public IngestSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    boolean tenantExists(String tenantId) {
        return exists("select 1 from tenant where id = ?", ps -> ps.setString(1, tenantId));
    }

    boolean sendingServerExists(String tenantId, long serverId) {
        return exists("select 1 from sending_server where tenant_id = ? and id = ?", ps -> {
            ps.setString(1, tenantId);
            ps.setLong(2, serverId);
        });
    }

    Receipt insertInbound(InboundInput in, String dedupeKey, String sourceRef, Duration retention) {
        String insert = """
                insert into inbound_message (id, tenant_id, source, dedupe_key, content_type, body, body_size, source_ref,
                                             sending_server_id, retain_until)
                values (nextval('inbound_message_seq'), ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
                on conflict (tenant_id, source, dedupe_key) do nothing
                returning id""";
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, in.tenantId());
                ps.setString(2, in.source().code());
                ps.setString(3, dedupeKey);
                ps.setString(4, in.contentType() == null ? null : in.contentType().substring(0, Math.min(200, in.contentType().length())));
                ps.setBytes(5, in.body());
                ps.setInt(6, in.body().length);
                ps.setString(7, sourceRef);
                if (in.sendingServerId() == null) {
                    ps.setNull(8, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(8, in.sendingServerId());
                }
                ps.setLong(9, retention.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Receipt(rs.getLong(1), false);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from inbound_message where tenant_id = ? and source = ? and dedupe_key = ?")) {
                ps.setString(1, in.tenantId());
                ps.setString(2, in.source().code());
                ps.setString(3, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("duplicate input vanished: " + dedupeKey);
                    }
                    return new Receipt(rs.getLong(1), true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the input", e);
        }
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean exists(String sql, Binder binder) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not query " + sql, e);
        }
    }
}
