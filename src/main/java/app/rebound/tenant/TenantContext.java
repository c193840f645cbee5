package app.rebound.tenant;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant chosen for the current request or job. Web requests leave it empty and the tenant comes from
 * the logged-in member ({@link CurrentMember}); background jobs set it through {@link TenantRunner}.
 */
@RequestScoped
public class TenantContext {
    private String override;

    public String override() {
        return override;
    }

    void set(String tenantId) {
        this.override = tenantId;
    }
}
