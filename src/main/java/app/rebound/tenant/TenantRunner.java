package app.rebound.tenant;

import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.function.Supplier;

/** Runs work as one tenant, in its own request context and transaction: how background jobs see data. */
@ApplicationScoped
@Unremovable
public class TenantRunner {
    private final TenantContext context;

    public TenantRunner(TenantContext context) {
        this.context = context;
    }

    @ActivateRequestContext
    public <T> T inTenant(String tenantId, Supplier<T> work) {
        context.set(tenantId);
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    @ActivateRequestContext
    public List<String> tenantIds() {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.allByName().stream().map(t -> t.id).toList());
    }
}
