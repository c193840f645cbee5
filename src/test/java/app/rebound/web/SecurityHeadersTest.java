package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every response carries the security headers (pages, fragments, error pages, static files, the login redirect);
 * no template has inline script; cookies are Secure over HTTPS (here: behind a proxy that says so); an htmx
 * request without a session is told to navigate to the login instead of following a redirect it cannot see.
 */
@QuarkusTest
class SecurityHeadersTest {
    @Inject
    Fixtures fixtures;

    private static void assertHeaders(Response r, String what) {
        String csp = r.getHeader("Content-Security-Policy");
        assertNotNull(csp, what + ": CSP");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
                what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
        assertEquals("DENY", r.getHeader("X-Frame-Options"), what);
        assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), what);
        assertEquals("same-origin", r.getHeader("Referrer-Policy"), what);
    }

    @Test
    void anonymousResponsesCarryTheHeaders() {
        assertHeaders(given().redirects().follow(false).get("/campaigns"), "login redirect");
        assertHeaders(given().get("/static/app.css"), "static file");
        assertHeaders(given().get("/static/app.js"), "static script");
        assertHeaders(given().get("/webjars/htmx.org/dist/htmx.min.js"), "htmx");
        assertHeaders(given().get("/q/health"), "health");
    }

    @Test
    @TestSecurity(user = "hdr-user", augmentors = MembershipAugmentor.class)
    void pagesFragmentsAndErrorsCarryTheHeaders() {
        String t = fixtures.aTenant("hdr");
        fixtures.aMember(t, "hdr-user", Role.MARKETER);
        assertHeaders(given().get("/campaigns"), "page");
        assertHeaders(given().header("HX-Request", "true").get("/subscribers?q=x"), "fragment");
        assertHeaders(given().get("/sending-servers"), "403 page");
        assertHeaders(given().get("/no-such-page"), "404 page");
        assertHeaders(given().get("/subscribers/abc"), "400 page");
        assertHeaders(given().redirects().follow(false).post("/tenant"), "refused post");
    }

    @Test
    void noTemplateOrStaticFileHasInlineScript() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|javascript:|\\sstyle\\s*=|<style",
                Pattern.CASE_INSENSITIVE);
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/main/resources/templates"))) {
            files = s.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertTrue(files.size() >= 8, "templates found: " + files);
        for (Path f : files) {
            String html = Files.readString(f);
            assertFalse(inline.matcher(html).find(), f + " has inline script or style: " + inline.matcher(html).results()
                    .map(m -> m.group()).toList());
        }
        String base = Files.readString(Path.of("src/main/resources/templates/base.html"));
        assertTrue(base.contains("\"includeIndicatorStyles\":false"), "htmx must not inject inline styles");
        assertTrue(base.contains("<script src=\"/static/app.js\""));
        assertTrue(base.contains("id=\"request-error\""), "every page has the error region");
    }

    @Test
    void htmxRequestWithoutSessionIsSentToTheLogin() {
        Response r = given().redirects().follow(false).header("HX-Request", "true")
                .header("HX-Current-URL", "http://localhost/campaigns/7/bounces?before=abc").get("/campaigns/7/bounces");
        assertEquals(401, r.statusCode(), r.asString());
        assertEquals("/campaigns/7/bounces?before=abc", r.getHeader("HX-Redirect"));
        Response foreign = given().redirects().follow(false).header("HX-Request", "true")
                .header("HX-Current-URL", "https://evil.example/phish").get("/campaigns");
        assertEquals("/", foreign.getHeader("HX-Redirect"), "never a redirect to another site");
        // A page (not htmx) still gets the login redirect.
        assertEquals(302, given().redirects().follow(false).get("/campaigns").statusCode());
    }

    @Test
    @TestSecurity(user = "hdr-proxy-user", augmentors = MembershipAugmentor.class)
    void cookiesAreSecureOverHttpsBehindAProxy() {
        Response plain = given().get("/campaigns");
        assertFalse(plain.getHeader("Set-Cookie").contains("Secure"), plain.getHeader("Set-Cookie"));
        Response tls = given().header("X-Forwarded-Proto", "https").get("/campaigns");
        List<String> cookies = tls.getHeaders().getValues("Set-Cookie");
        assertFalse(cookies.isEmpty());
        for (String c : cookies) {
            assertTrue(c.contains("Secure"), c);
        }
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith(Csrf.COOKIE + "=") && c.contains("SameSite=Strict")), cookies.toString());
    }

    @Test
    void webhookPathsNeedNeitherLoginNorCsrfToken() {
        given().redirects().follow(false).contentType(ContentType.JSON).body("{}").header("Origin", "https://provider.example")
                .post("/webhooks/test-probe").then().statusCode(200).body(containsString("received"))
                .header("X-Content-Type-Options", "nosniff");
    }
}
