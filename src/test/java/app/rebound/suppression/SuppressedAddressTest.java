package app.rebound.suppression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The suppression check sends rely on: per tenant, case-insensitive, and another tenant's entry never counts. */
@QuarkusTest
class SuppressedAddressTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;

    @Test
    void suppressedOnlyInItsOwnTenantAndCaseInsensitive() {
        String a = fixtures.aTenant("sup-a");
        String b = fixtures.aTenant("sup-b");
        runner.inTenant(a, () -> {
            SuppressedAddress s = new SuppressedAddress();
            s.email = SuppressedAddress.normalize(" Gone@Example.COM ");
            s.reason = "manual";
            s.note = "asked by phone";
            s.addedBy = "sup-a-admin";
            s.persist();
            return null;
        });
        assertTrue(runner.inTenant(a, () -> SuppressedAddress.isSuppressed("gone@example.com")));
        assertTrue(runner.inTenant(a, () -> SuppressedAddress.isSuppressed("GONE@example.com")));
        assertFalse(runner.inTenant(a, () -> SuppressedAddress.isSuppressed("other@example.com")));
        assertFalse(runner.inTenant(b, () -> SuppressedAddress.isSuppressed("gone@example.com")));
        assertFalse(runner.inTenant(a, () -> SuppressedAddress.isSuppressed(null)));
    }
}
