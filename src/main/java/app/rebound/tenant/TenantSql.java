package app.rebound.tenant;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that runs SQL outside Hibernate. Hibernate's tenant filter does not apply here, so every
 * method that touches tenant-owned data takes the tenant explicitly; {@code NativeSqlConfinementTest}
 * checks that no other class uses native SQL.
 */
@ApplicationScoped
public class TenantSql {
    private final AgroalDataSource dataSource;

    public TenantSql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The tenants the identity belongs to, by its token subject only (global lookup, before a tenant is known). A
     * display or login name is never used: anyone may choose one at an identity provider.
     */
    public List<MemberTenant> membershipsOf(String subject) {
        String sql = """
                select m.tenant_id, t.name, m.role from membership m join tenant t on t.id = m.tenant_id
                where m.subject = ? order by t.name, t.id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject);
            List<MemberTenant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MemberTenant(rs.getString(1), rs.getString(2), Role.fromCode(rs.getString(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read memberships", e);
        }
    }

    /**
     * Binds the memberships added by e-mail (no subject yet) to this login, whose identity provider vouched for the
     * e-mail (verified claim): the first such login takes them. A tenant where the subject is already a member keeps
     * its existing membership and the pending one stays. Returns how many were bound.
     */
    public int bindPendingByEmail(String subject, String verifiedEmail) {
        String sql = """
                update membership p set subject = ?
                where p.subject is null and lower(p.email) = lower(?)
                  and not exists (select 1 from membership m where m.tenant_id = p.tenant_id and m.subject = ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject);
            ps.setString(2, verifiedEmail);
            ps.setString(3, subject);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bind memberships by e-mail", e);
        }
    }

    /** Creates the monthly bounce partitions up to {@code monthsAhead} months from now (idempotent). */
    public int ensureBouncePartitions(int monthsAhead) {
        String sql = """
                do $$
                declare m date := date_trunc('month', now())::date;
                begin
                  while m <= date_trunc('month', now() + make_interval(months => %d))::date loop
                    execute format('create table if not exists %%I partition of bounce for values from (%%L) to (%%L)',
                                   'bounce_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
                    m := (m + interval '1 month')::date;
                  end loop;
                end $$""".formatted(Math.max(0, Math.min(monthsAhead, 60)));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
            return monthsAhead;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create bounce partitions", e);
        }
    }
}
