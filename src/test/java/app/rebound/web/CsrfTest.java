package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutating requests need the CSRF token of the page (form field, or the X-CSRF-TOKEN header htmx sends) that
 * belongs to this browser's rebound-csrf cookie and to this login, and must not come from another site.
 */
@QuarkusTest
@TestSecurity(user = "csrf-user", augmentors = MembershipAugmentor.class)
class CsrfTest {
    static String tenantA;
    static String tenantB;

    @Inject
    Fixtures fixtures;

    @Inject
    CsrfTokens tokens;

    @TestHTTPResource("/")
    URI app;

    @BeforeEach
    void world() {
        if (tenantA == null) {
            tenantA = fixtures.aTenant("csrf-a");
            tenantB = fixtures.aTenant("csrf-b");
            fixtures.aMember(tenantA, "csrf-user", Role.MARKETER);
            fixtures.aMember(tenantB, "csrf-user", Role.MARKETER);
        }
    }

    private static Response switchWith(String cookie, String token, String origin) {
        var spec = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("tenant", tenantB);
        if (cookie != null) {
            spec = spec.cookie(Csrf.COOKIE, cookie);
        }
        if (token != null) {
            spec = spec.header(Csrf.HEADER, token);
        }
        if (origin != null) {
            spec = spec.header("Origin", origin);
        }
        return spec.post("/tenant");
    }

    @Test
    void postWithoutTokenIsRefused() {
        Response r = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("tenant", tenantB)
                .post("/tenant");
        assertEquals(400, r.statusCode());
        assertNull(r.getCookie("rebound-tenant"), "no switch happened");
        assertTrue(r.asString().contains("security token is missing or out of date"), r.asString());
        Response htmx = given().redirects().follow(false).header("HX-Request", "true").contentType(ContentType.URLENC)
                .formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, htmx.statusCode());
        assertTrue(htmx.asString().contains("security token") && !htmx.asString().contains("<html"), htmx.asString());
    }

    @Test
    void cookieAloneOrTokenAloneOrAWrongTokenIsRefused() {
        Csrf.Pair p = Csrf.fromPage();
        assertEquals(400, switchWith(p.cookie(), null, null).statusCode(), "cookie without token");
        assertEquals(400, switchWith(null, p.token(), null).statusCode(), "token without its cookie");
        assertEquals(400, switchWith(Csrf.newToken(), p.token(), null).statusCode(), "token with another cookie");
        assertEquals(400, switchWith(p.cookie(), Csrf.newToken(), null).statusCode(), "random token");
        Response form = given().redirects().follow(false).cookie(Csrf.COOKIE, p.cookie()).contentType(ContentType.URLENC)
                .formParam(Csrf.FORM_FIELD, Csrf.newToken()).formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, form.statusCode());
        assertNull(form.getCookie("rebound-tenant"));
    }

    @Test
    void theCookieValueItselfIsNotAToken() {
        // Plain double-submit (token == cookie) is what an attacker who can plant a cookie would send.
        String planted = Csrf.newToken();
        assertEquals(400, switchWith(planted, planted, null).statusCode());
    }

    @Test
    void tokenIsBoundToTheLoggedInIdentity() {
        Csrf.Pair p = Csrf.fromPage();
        assertEquals(p.token(), tokens.token(p.cookie(), "name:csrf-user"), "the page's token is this identity's");
        String someoneElses = tokens.token(p.cookie(), "name:csrf-other-user");
        assertNotEquals(p.token(), someoneElses);
        assertEquals(400, switchWith(p.cookie(), someoneElses, null).statusCode(), "another person's token");
        assertEquals(303, switchWith(p.cookie(), p.token(), null).statusCode(), "own token");
    }

    @Test
    void requestsFromAnotherOriginAreRefused() {
        Csrf.Pair p = Csrf.fromPage();
        for (String origin : new String[] {"https://evil.example", "null", "http://localhost.evil.example:" + app.getPort()}) {
            Response r = switchWith(p.cookie(), p.token(), origin);
            assertEquals(403, r.statusCode(), origin);
            assertTrue(r.asString().contains("came from another site"), r.asString());
            assertNull(r.getCookie("rebound-tenant"));
        }
        Response crossSite = given().redirects().follow(false).cookie(Csrf.COOKIE, p.cookie()).header(Csrf.HEADER, p.token())
                .header("Sec-Fetch-Site", "cross-site").contentType(ContentType.URLENC).formParam("tenant", tenantB)
                .post("/tenant");
        assertEquals(403, crossSite.statusCode());
        String own = "http://" + app.getHost() + ":" + app.getPort();
        assertEquals(303, switchWith(p.cookie(), p.token(), own).statusCode(), "same origin " + own);
    }

    @Test
    void plainFormWithTokenFieldSwitches() {
        Response r = Csrf.withFormToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .formParam("tenant", tenantB).post("/tenant");
        assertEquals(303, r.statusCode());
        assertEquals(tenantB, r.getCookie("rebound-tenant"));
    }

    @Test
    void htmxHeaderTokenSwitches() {
        Response r = Csrf.withHeaderToken(given().redirects().follow(false).header("HX-Request", "true"))
                .contentType(ContentType.URLENC).formParam("tenant", tenantA).post("/tenant");
        assertEquals(303, r.statusCode());
        assertEquals(tenantA, r.getCookie("rebound-tenant"));
    }

    @Test
    void pagesCarryTheTokenForFormsAndHtmx() {
        Response page = given().get("/subscribers");
        page.then().statusCode(200).body(containsString("name=\"csrf-token\""));
        String cookie = page.getCookie(Csrf.COOKIE);
        assertNotNull(cookie, "the page sets the CSRF cookie");
        Matcher m = Csrf.PAGE_TOKEN.matcher(page.asString());
        assertTrue(m.find(), "the page gives htmx the token");
        assertNotEquals(cookie, m.group(1), "the token is derived from the cookie, not a copy of it");
        assertTrue(page.asString().contains("name=\"csrf-token\" value=\"" + m.group(1) + "\""), "forms carry it too");
        String setCookie = page.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("SameSite=Strict") && setCookie.toLowerCase().contains("httponly"), setCookie);
        // The real browser round trip: the token from the page, the cookie from the page.
        given().redirects().follow(false).cookie(Csrf.COOKIE, cookie).header(Csrf.HEADER, m.group(1))
                .contentType(ContentType.URLENC).formParam("tenant", tenantA).post("/tenant").then().statusCode(303);
    }

    /** Issue item 4: 403 and 404 pages show the tenant switcher, and its token works. */
    @Test
    void errorPagesCarryAWorkingToken() {
        for (String path : new String[] {"/sending-servers", "/no-such-page", "/campaigns/999999999"}) {
            Response page = given().get(path);
            assertTrue(page.statusCode() == 403 || page.statusCode() == 404, path + " " + page.statusCode());
            String html = page.asString();
            assertTrue(html.contains("aria-label=\"Organisation\""), path + " shows the switcher");
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(html);
            assertTrue(m.find(), path);
            assertFalse(m.group(1).isEmpty(), path + " has a token");
            String cookie = page.getCookie(Csrf.COOKIE);
            assertNotNull(cookie, path + " sets the cookie");
            Response r = given().redirects().follow(false).cookie(Csrf.COOKIE, cookie).contentType(ContentType.URLENC)
                    .formParam(Csrf.FORM_FIELD, m.group(1)).formParam("tenant", tenantB).post("/tenant");
            assertEquals(303, r.statusCode(), "switching from " + path);
        }
    }

    @Test
    void logoutIsAPostWithToken() {
        assertEquals(405, given().redirects().follow(false).get("/logout").statusCode(), "a link cannot log out");
        assertEquals(400, given().redirects().follow(false).post("/logout").statusCode(), "no token, no logout");
        String page = given().get("/campaigns").asString();
        assertTrue(page.contains("<form method=\"post\" action=\"/logout\""), "the header has a logout form");
    }
}
