package app.rebound.subscriber;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one lookup a confirmation link needs before any tenant is known: whose link is it. The public confirmation
 * page has no login; the token's hash is unique across tenants ({@code subscriber_readd.token_hash unique}), and
 * everything after this lookup runs as that tenant ({@code TenantRunner}).
 */
@ApplicationScoped
public class ConfirmationSql {
    private final AgroalDataSource dataSource;

    public ConfirmationSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant holding a confirmation with this token hash, or empty. */
    public Optional<String> tenantOf(String tokenHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select tenant_id from subscriber_readd where token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up a confirmation link", e);
        }
    }
}
