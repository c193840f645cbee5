package app.rebound.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.subscriber.Subscriber;
import app.rebound.tenant.MemberTenant;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.tenant.TenantSql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real start-up path: with the flag on, acme and globex exist once the application is up. */
@QuarkusTest
@TestProfile(DemoStartupTest.SeedOnStart.class)
class DemoStartupTest {
    public static class SeedOnStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rebound.demo.seed", "true");
        }
    }

    @Inject
    DemoData demoData;
    @Inject
    TenantRunner runner;
    @Inject
    TenantSql tenantSql;

    @Test
    void startSeedsTheDemoTenantsAndTheirUsers() {
        for (String tenant : List.of("acme", "globex")) {
            assertTrue(runner.inTenant(tenant, () -> Subscriber.count()) >= 2_000, tenant);
        }
        assertEquals(List.of(new MemberTenant("acme", "Acme Outdoor Co.", Role.ADMIN),
                new MemberTenant("globex", "Globex Media", Role.MARKETER)), tenantSql.membershipsOf("alice"));
        assertEquals(List.of(new MemberTenant("acme", "Acme Outdoor Co.", Role.MARKETER)),
                tenantSql.membershipsOf("bob"));
        assertEquals(List.of(new MemberTenant("acme", "Acme Outdoor Co.", Role.SUPPORT)),
                tenantSql.membershipsOf("carol"));
        assertEquals(List.of(new MemberTenant("globex", "Globex Media", Role.ADMIN)),
                tenantSql.membershipsOf("dave"));
        assertEquals(List.of(new MemberTenant("globex", "Globex Media", Role.SUPPORT)),
                tenantSql.membershipsOf("erin"));
        assertFalse(demoData.seed().createdAnything(), "a restart seeds nothing");
    }
}
