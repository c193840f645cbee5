package app.rebound.demo;

import java.util.List;

/** What one seeding run did, per tenant. */
public record DemoSummary(List<TenantSummary> tenants, long millis) {

    /** Counts of the rows written for one tenant; all zero when the tenant already existed and was skipped. */
    public record TenantSummary(String tenantId, boolean created, int memberships, int lists, int subscribers,
            int suppressed, int sendingServers, int campaigns, int bounces, int complaints, long millis) {

        static TenantSummary skipped(String tenantId) {
            return new TenantSummary(tenantId, false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public TenantSummary of(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equals(tenantId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not seeded: " + tenantId));
    }

    public boolean createdAnything() {
        return tenants.stream().anyMatch(TenantSummary::created);
    }
}
