package app.rebound.webhook;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The webhook's SQL outside Hibernate: finding the tenant of an endpoint from the public id in the URL (a global
 * lookup: no tenant is known before it) and the Mailgun replay-token ledger. Every statement names its tenant or
 * endpoint explicitly.
 */
@ApplicationScoped
public class WebhookSql {
    /** The endpoint behind a URL: its tenant and row id. */
    public record EndpointRef(String tenantId, long id) {
    }

    private final AgroalDataSource dataSource;

    public WebhookSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<EndpointRef> endpoint(String provider, String publicId) {
        String sql = "select tenant_id, id from provider_endpoint where public_id = ? and provider = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, publicId);
            ps.setString(2, provider);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EndpointRef(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up the webhook endpoint", e);
        }
    }

    /**
     * Records a Mailgun token for the endpoint; false when it was recorded before (a replay). Tokens older than
     * {@code keepAfter} are swept in the same transaction.
     */
    public boolean firstUse(EndpointRef endpoint, String token, Instant keepAfter) {
        String insert = "insert into webhook_replay_token (tenant_id, endpoint_id, token) values (?, ?, ?) on conflict do nothing";
        String sweep = "delete from webhook_replay_token where endpoint_id = ? and seen_at < ?";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sweep)) {
                ps.setLong(1, endpoint.id());
                ps.setTimestamp(2, Timestamp.from(keepAfter));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, endpoint.tenantId());
                ps.setLong(2, endpoint.id());
                ps.setString(3, token);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the webhook token", e);
        }
    }

    /** Forgets a token recorded by {@link #firstUse} when its request could not be stored, so a retry is accepted. */
    public void forget(EndpointRef endpoint, String token) {
        String sql = "delete from webhook_replay_token where endpoint_id = ? and token = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, endpoint.id());
            ps.setString(2, token);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget the webhook token", e);
        }
    }
}
