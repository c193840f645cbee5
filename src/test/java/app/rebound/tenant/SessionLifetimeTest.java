package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.testsupport.HttpBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue item 2 over real HTTP against the OIDC dev server, with its ID tokens living 3 seconds and an idle
 * timeout of 8 seconds: a person who keeps working stays logged in long after the ID token expired (the tokens
 * are refreshed), a person idle longer than the timeout is logged out, and an htmx request then is told to
 * navigate (401 + HX-Redirect) instead of following a login redirect it cannot see. Logout is a POST.
 */
@QuarkusTest
@TestProfile(SessionLifetimeTest.ShortSessions.class)
class SessionLifetimeTest {
    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.devservices.id-token-expires-in", "3S",
                    "quarkus.oidc.devservices.access-token-expires-in", "3S",
                    "rebound.session.idle-timeout", "8S");
        }
    }

    @TestHTTPResource("/")
    URI app;

    @Inject
    Fixtures fixtures;

    private HttpBrowser loggedIn(String prefix) throws Exception {
        String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = fixtures.aTenant(prefix);
        fixtures.aMember(tenant, user, Role.MARKETER);
        world = fixtures.aWorld(tenant, 1);
        HttpBrowser browser = new HttpBrowser(app);
        browser.login(user);
        return browser;
    }

    World world;

    @Test
    void workingKeepsTheSessionPastTheIdTokenAndIdlingEndsIt() throws Exception {
        HttpBrowser browser = loggedIn("sess");
        String campaign = "/campaigns/" + world.campaignId();
        for (int i = 0; i < 5; i++) { // 10 s of work, the ID token lives 3 s
            Thread.sleep(2_000);
            HttpResponse<String> page = browser.get(campaign);
            assertEquals(200, page.statusCode(), "still logged in after " + (i + 1) * 2 + " s: " + page.headers().map());
            assertEquals(200, browser.htmx(campaign + "/bounces", campaign).statusCode());
        }
        Thread.sleep(9_000); // longer than the idle timeout
        HttpResponse<String> idle = browser.htmx(campaign + "/bounces?x=1", campaign + "?tab=1");
        assertEquals(401, idle.statusCode(), "an idle session ends");
        assertEquals(campaign + "?tab=1", idle.headers().firstValue("HX-Redirect").orElse(null),
                "htmx is told to load the page it shows, which goes through the login");
        HttpResponse<String> page = browser.get(campaign);
        assertEquals(302, page.statusCode(), "the session is gone: the page sends the person to log in");
        assertTrue(page.headers().firstValue("Location").orElse("").contains("/authorize"));
    }

    @Test
    void logoutIsAPostThatEndsTheSession() throws Exception {
        HttpBrowser browser = loggedIn("logout");
        assertEquals(200, browser.get("/campaigns").statusCode());
        assertEquals(405, browser.get("/logout").statusCode(), "GET does not log out");
        assertEquals(200, browser.get("/campaigns").statusCode(), "still logged in");
        HttpResponse<String> out = browser.postForm("/logout", Map.of());
        assertEquals(303, out.statusCode(), out.body());
        HttpResponse<String> after = browser.get("/campaigns");
        assertEquals(302, after.statusCode(), "logged out");
        assertTrue(after.headers().firstValue("Location").orElse("").contains("/authorize"));
    }
}
