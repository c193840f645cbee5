package app.rebound.crm;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Native SQL of CRM activity: the idempotent bulk insert ({@code ON CONFLICT DO NOTHING}, which Hibernate cannot
 * say). Hibernate's tenant filter does not apply here: every statement names its tenant explicitly.
 */
@ApplicationScoped
public class CrmSql {
    private final AgroalDataSource dataSource;

    public CrmSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Of these lower-case addresses, those that are a subscriber of the tenant (on any list). */
    Set<String> knownAddresses(String tenantId, Collection<String> emails) {
        String sql = "select distinct email from subscriber where tenant_id = ? and email = any(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("varchar", emails.toArray()));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up subscribers", e);
        }
    }

    /** Inserts the activities in one statement; returns the keys actually stored (the others were already there). */
    Set<ActivityItem.Key> insert(String tenantId, List<ActivityItem> items) {
        String sql = """
                insert into crm_activity (id, tenant_id, email, source, kind, occurred_at)
                select nextval('crm_activity_seq'), ?, k.e, k.s, k.k, k.t
                from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[]) as k(e, s, k, t)
                on conflict (tenant_id, email, source, kind, occurred_at) do nothing
                returning email, source, kind, occurred_at""";
        Set<ActivityItem.Key> stored = new HashSet<>();
        if (items.isEmpty()) {
            return stored;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("varchar", items.stream().map(ActivityItem::email).toArray()));
            ps.setArray(3, c.createArrayOf("varchar", items.stream().map(ActivityItem::source).toArray()));
            ps.setArray(4, c.createArrayOf("varchar", items.stream().map(ActivityItem::kind).toArray()));
            ps.setArray(5, c.createArrayOf("timestamptz", items.stream().map(i -> Timestamp.from(i.occurredAt())).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new ActivityItem.Key(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store CRM activity", e);
        }
    }
}
