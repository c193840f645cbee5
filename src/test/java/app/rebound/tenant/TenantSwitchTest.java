package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

        Browser browser = new Browser();
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

    /** A cookie-keeping HTTP client that follows redirects by hand, as a browser would. */
    final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        void login(String name) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(app.resolve("/campaigns")).GET().build());
            assertEquals(302, r.statusCode());
            URI authorize = URI.create(r.headers().firstValue("Location").orElseThrow());
            String loginPage = send(HttpRequest.newBuilder(authorize).GET().build()).body();
            Matcher m = Pattern.compile("name='redirect_uri' value='([^']*)'").matcher(loginPage);
            assertTrue(m.find(), "the OIDC dev server shows its login form");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("redirect_uri", m.group(1));
            form.put("response_type", "code");
            form.put("client_id", "quarkus-app");
            form.put("scope", "openid");
            form.put("name", name);
            form.put("roles", "");
            form.put("login", "");
            r = send(post(authorize.resolve("/login"), form));
            assertEquals(302, r.statusCode(), "the dev server redirects back with a code");
            URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
            r = send(HttpRequest.newBuilder(back).GET().build());
            for (int i = 0; i < 3 && r.statusCode() == 302; i++) {
                r = send(HttpRequest.newBuilder(app.resolve(r.headers().firstValue("Location").orElseThrow())).GET().build());
            }
            assertEquals(200, r.statusCode(), "logged in and back in Rebound");
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(app.resolve(path)).GET().build());
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
            HttpCookie csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("rebound-csrf")).findFirst().orElse(null);
            assertNotNull(csrf, "pages set the CSRF cookie");
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("csrf-token", csrf.getValue());
            return send(post(app.resolve(path), form));
        }

        private HttpRequest post(URI uri, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
