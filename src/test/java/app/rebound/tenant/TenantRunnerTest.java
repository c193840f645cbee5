package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.rebound.subscriber.Subscriber;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Work run for a tenant (a job, a webhook handler) inside a caller that already has a request context must not
 * leak its tenant into that caller: the override is restored after success, after failure, and by nested calls.
 */
@QuarkusTest
class TenantRunnerTest {
    @Inject
    TenantRunner runner;
    @Inject
    Caller caller;
    @Inject
    Fixtures fixtures;

    /** A caller with its own request context, like a web request or a scheduled job. */
    @ApplicationScoped
    static class Caller {
        @jakarta.inject.Inject
        TenantContext context;
        @jakarta.inject.Inject
        @io.quarkus.hibernate.orm.PersistenceUnitExtension
        AppTenantResolver resolver;

        @ActivateRequestContext
        <T> T withinOneRequest(Supplier<T> work) {
            return work.get();
        }

        String current() {
            return resolver.resolveTenantId();
        }

        String override() {
            return context.override();
        }
    }

    @Test
    void theOverrideIsRestoredAfterSuccessFailureAndNesting() {
        List<String> seen = caller.withinOneRequest(() -> {
            List<String> out = new ArrayList<>();
            out.add(caller.current());
            out.add(runner.inTenant("tenant-a", () -> {
                String outer = caller.current();
                String inner = runner.inTenant("tenant-b", caller::current);
                return outer + ">" + inner + ">" + caller.current();
            }));
            out.add(caller.current());
            assertThrows(IllegalStateException.class, () -> runner.inTenant("tenant-c", () -> {
                throw new IllegalStateException("the job failed");
            }));
            out.add(caller.current());
            out.add(String.valueOf(caller.override()));
            return out;
        });
        assertEquals(List.of(AppTenantResolver.NO_TENANT, "tenant-a>tenant-b>tenant-a", AppTenantResolver.NO_TENANT,
                AppTenantResolver.NO_TENANT, "null"), seen);
    }

    @Test
    void aJobForOneTenantCalledFromAnotherSeesOnlyItsRowsAndGivesTheCallerItsOwnBack() {
        String a = fixtures.aTenant("run-a");
        String b = fixtures.aTenant("run-b");
        fixtures.aWorld(a, 1);
        fixtures.someSubscribers(fixtures.aWorld(b, 1), "extra", "run-b.example", 4);
        List<Long> counts = caller.withinOneRequest(() -> runner.inTenant(a, () -> {
            long before = Subscriber.count();
            long other = runner.inTenant(b, () -> Subscriber.count());
            long after = runner.inTenant(caller.current(), () -> Subscriber.count());
            return List.of(before, other, after);
        }));
        assertEquals(List.of(1L, 5L, 1L), counts, "A, then B inside A's job, then A again");
        caller.withinOneRequest(() -> {
            assertNull(caller.override(), "nothing left behind in the caller's context");
            return null;
        });
    }

    @Test
    void aTenantIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> runner.inTenant(" ", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> runner.inTenant(null, () -> 1));
    }

    @Test
    void aJobGoesOnWithTheOtherTenantsWhenOneFails() {
        String first = fixtures.aTenant("each-a");
        String second = fixtures.aTenant("each-b");
        List<String> done = new ArrayList<>();
        runner.forEachTenant("Test job", tenant -> {
            if (tenant.equals(first)) {
                throw new IllegalStateException("this tenant's work fails");
            }
            done.add(tenant);
        });
        assertEquals(false, done.contains(first));
        assertEquals(true, done.contains(second), "the other tenants still ran");
        assertEquals(runner.tenantIds().size() - 1, done.size());
    }
}
