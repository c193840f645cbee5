package app.rebound.tenant;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place the current tenant is decided: a job's explicit tenant ({@link TenantRunner}), else the
 * logged-in member's tenant, else a placeholder that matches no row (Hibernate refuses null).
 */
@PersistenceUnitExtension
@ApplicationScoped
public class AppTenantResolver implements TenantResolver {
    public static final String NO_TENANT = "__none__";

    private final TenantContext context;
    private final CurrentMember member;

    public AppTenantResolver(TenantContext context, CurrentMember member) {
        this.context = context;
        this.member = member;
    }

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        String override = context.override();
        if (override != null) {
            return override;
        }
        return member.tenantId().orElse(NO_TENANT);
    }
}
