package app.rebound.tenant;

import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs work as one tenant, in its own transaction: how background jobs and webhook handlers see data. When the
 * caller already has a request context (a web request, a job, another {@code inTenant}), the override is set on
 * that context, so it is always put back afterwards, on success and on failure, and nested calls restore the
 * outer tenant: work done for a tenant never leaks its tenant into the request or job that called it.
 */
@ApplicationScoped
@Unremovable
public class TenantRunner {
    private static final Logger LOG = Logger.getLogger(TenantRunner.class);
    private final TenantContext context;

    public TenantRunner(TenantContext context) {
        this.context = context;
    }

    @ActivateRequestContext
    public <T> T inTenant(String tenantId, Supplier<T> work) {
        return within(tenantId, () -> QuarkusTransaction.requiringNew().call(work::get));
    }

    /** As {@link #inTenant(String, Supplier)}, for long work: the transaction may last {@code timeoutSeconds}. */
    @ActivateRequestContext
    public <T> T inTenant(String tenantId, int timeoutSeconds, Supplier<T> work) {
        return within(tenantId, () -> QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(work::get));
    }

    private <T> T within(String tenantId, Supplier<T> transaction) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("a tenant id is required");
        }
        String previous = context.override();
        context.set(tenantId);
        try {
            return transaction.get();
        } finally {
            context.set(previous);
        }
    }

    /**
     * Runs a job's {@code work} for every tenant, one after the other and each on its own: a tenant whose work fails
     * is logged ("{@code what} failed for tenant ...") and the others still run.
     */
    public void forEachTenant(String what, Consumer<String> work) {
        for (String tenant : tenantIds()) {
            try {
                work.accept(tenant);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed for tenant %s", what, tenant);
            }
        }
    }

    @ActivateRequestContext
    public List<String> tenantIds() {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.allByName().stream().map(t -> t.id).toList());
    }
}
