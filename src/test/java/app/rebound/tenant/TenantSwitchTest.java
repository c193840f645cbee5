package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.HttpBrowser;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole login path over real HTTP, without a browser: OIDC code flow against Quarkus's in-process OIDC dev
 * server, then the tenant switcher. This is the one place the real {@link MembershipAugmentor} reads the
 * switcher cookie from a real request (@TestSecurity identities carry no HTTP request).
 */
@QuarkusTest
class TenantSwitchTest {
    @TestHTTPResource("/")
    URI app;

    @Inject
    Fixtures fixtures;

    @Test
    void memberOfTwoTenantsSwitchesFromTheHeaderAndGetsThatTenantsRole() throws Exception {
        String user = "switcher-" + UUID.randomUUID().toString().substring(0, 8);
        String a = fixtures.aTenant("swa");
        String b = fixtures.aTenant("swb");
        QuarkusTransaction.requiringNew().run(() -> {
            fixtures.aMember(a, user, Role.ADMIN);
            fixtures.aMember(b, user, Role.MARKETER);
        });
        World wa = fixtures.aWorld(a, 1);
        World wb = fixtures.aWorld(b, 1);

        HttpBrowser browser = new HttpBrowser(app);
        browser.login(user);

        // First membership (tenants ordered by name: "SWA Org" before "SWB Org") is the default.
        String campaigns = browser.get("/campaigns").body();
        assertTrue(campaigns.contains("/campaigns/" + wa.campaignId() + "\""), "starts in tenant A");
        assertFalse(campaigns.contains("/campaigns/" + wb.campaignId() + "\""), "does not see tenant B");
        assertTrue(campaigns.contains("aria-label=\"Organisation\""), "the switcher is shown");
        assertEquals(200, browser.get("/sending-servers").statusCode(), "admin in A");

        HttpResponse<String> switched = browser.postForm("/tenant", Map.of("tenant", b));
        assertEquals(303, switched.statusCode());
        campaigns = browser.get("/campaigns").body();
        assertTrue(campaigns.contains("Now working in SWB Org"), "a flash message confirms the switch");
        assertTrue(campaigns.contains("/campaigns/" + wb.campaignId() + "\""), "now in tenant B");
        assertFalse(browser.get("/campaigns").body().contains("Now working in"), "the flash shows once");
        assertFalse(campaigns.contains("/campaigns/" + wa.campaignId() + "\""), "no longer sees tenant A");
        assertEquals(404, browser.get("/campaigns/" + wa.campaignId()).statusCode());
        assertEquals(403, browser.get("/sending-servers").statusCode(), "only a marketer in B");

        String stranger = fixtures.aTenant("swc");
        assertEquals(400, browser.postForm("/tenant", Map.of("tenant", stranger)).statusCode(),
                "cannot switch into a tenant one is not a member of");
        assertTrue(browser.get("/campaigns").body().contains("/campaigns/" + wb.campaignId() + "\""));
    }
}
