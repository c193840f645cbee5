package app.rebound.webhook;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the inbox stored, straight from the table, so the tests see exactly what is committed. */
@ApplicationScoped
public class InboundRows {
    public record Row(String source, String dedupeKey, byte[] body, String sourceRef) {
    }

    private final AgroalDataSource ds;

    public InboundRows(AgroalDataSource ds) {
        this.ds = ds;
    }

    public List<Row> of(String tenantId) {
        String sql = "select source, dedupe_key, body, source_ref from inbound_message where tenant_id = ? order by id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
