package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutating requests need the CSRF token: as the hidden form field of plain forms or the X-CSRF-TOKEN header
 * htmx sends (base.html hx-headers), matching the rebound-csrf cookie.
 */
@QuarkusTest
@TestSecurity(user = "csrf-user", augmentors = MembershipAugmentor.class)
class CsrfTest {
    static String tenantA;
    static String tenantB;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (tenantA == null) {
            tenantA = fixtures.aTenant("csrf-a");
            tenantB = fixtures.aTenant("csrf-b");
            fixtures.aMember(tenantA, "csrf-user", Role.MARKETER);
            fixtures.aMember(tenantB, "csrf-user", Role.MARKETER);
        }
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
    void postWithCookieButNoTokenIsRefused() {
        Response r = given().redirects().follow(false).cookie(Csrf.COOKIE, Csrf.newToken()).contentType(ContentType.URLENC)
                .formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, r.statusCode());
        assertNull(r.getCookie("rebound-tenant"));
    }

    @Test
    void postWithWrongTokenIsRefused() {
        Response form = given().redirects().follow(false).cookie(Csrf.COOKIE, Csrf.newToken()).contentType(ContentType.URLENC)
                .formParam(Csrf.FORM_FIELD, Csrf.newToken()).formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, form.statusCode());
        Response header = given().redirects().follow(false).cookie(Csrf.COOKIE, Csrf.newToken())
                .header(Csrf.HEADER, Csrf.newToken()).contentType(ContentType.URLENC).formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, header.statusCode());
        Response tokenWithoutCookie = given().redirects().follow(false).header(Csrf.HEADER, Csrf.newToken())
                .contentType(ContentType.URLENC).formParam("tenant", tenantB).post("/tenant");
        assertEquals(400, tokenWithoutCookie.statusCode());
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
        Matcher m = Pattern.compile("\"X-CSRF-TOKEN\": \"([^\"]+)\"").matcher(page.asString());
        m.find();
        assertEquals(cookie, m.group(1), "htmx sends the cookie's token");
        // The real browser round trip: the token from the page, the cookie from the page.
        given().redirects().follow(false).cookie(Csrf.COOKIE, cookie).header(Csrf.HEADER, m.group(1))
                .contentType(ContentType.URLENC).formParam("tenant", tenantA).post("/tenant").then().statusCode(303);
    }
}
