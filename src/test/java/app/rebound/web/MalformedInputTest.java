package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad ids, cursors and parameters answer 4xx with a message a person can act on, never a 500. */
@QuarkusTest
@TestSecurity(user = "bad-input-user", augmentors = MembershipAugmentor.class)
class MalformedInputTest {
    static World world;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (world == null) {
            String t = fixtures.aTenant("badin");
            fixtures.aMember(t, "bad-input-user", Role.ADMIN);
            world = fixtures.aWorld(t, 1);
        }
    }

    static Stream<Arguments> badRequests() {
        String campaign = "/campaigns/{campaign}";
        return Stream.of(
                Arguments.of("/subscribers/abc", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/-1", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/0", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/99999999999999999999", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/9223372036854775808", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/1e3", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/%20", 400, "Invalid subscriber id"),
                Arguments.of("/subscribers/9223372036854775807", 404, "Not found"),
                Arguments.of("/sending-servers/abc", 400, "Invalid sending server id"),
                Arguments.of("/sending-servers/-5", 400, "Invalid sending server id"),
                Arguments.of("/sending-servers/99999999999999999999", 400, "Invalid sending server id"),
                Arguments.of("/campaigns/abc", 400, "Invalid campaign id"),
                Arguments.of("/campaigns/-1/bounces", 400, "Invalid campaign id"),
                Arguments.of(campaign + "/bounces?before=%25%25%25", 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + "A".repeat(500), 400, "Invalid paging cursor"),
                // Well-formed tokens with values the database cannot compare (issue item 5: these were 500s).
                Arguments.of(campaign + "/bounces?before=" + b64("9000000000000000.0.1"), 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + b64("-9000000000000000.0.1"), 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + b64("31556889864403199.999999999.1"), 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + b64("1700000000.0.0"), 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + b64("1700000000.-1.5"), 400, "Invalid paging cursor"),
                Arguments.of(campaign + "/bounces?before=" + b64("1700000000.0.99999999999999999999"), 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?after=%25%25%25", 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?after=bm90LWEtY3Vyc29y", 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?after=" + b64("0:a@b"), 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?after=" + b64("7:a\u0000b"), 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?after=" + "A".repeat(1000), 400, "Invalid paging cursor"),
                Arguments.of("/subscribers?q=" + "x".repeat(321), 400, "Search text is too long"),
                Arguments.of("/subscribers?q=a%00b", 400, "control characters"),
                Arguments.of("/subscribers?q=%FF%FE", 200, "No subscribers match"),
                Arguments.of("/subscribers?q=%25%27%22%3Cb%3E", 200, "&lt;b&gt;"),
                Arguments.of("/no-such-page", 404, "Not found"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void answersWithClearMessage(String path, int status, String message) {
        String url = path.replace("{campaign}", String.valueOf(world.campaignId()));
        for (boolean htmx : new boolean[] {false, true}) {
            Response r = given().urlEncodingEnabled(false).header("HX-Request", String.valueOf(htmx)).get(url);
            assertEquals(status, r.statusCode(), url + (htmx ? " (htmx)" : "") + ": " + r.asString());
            assertTrue(r.asString().contains(message), url + " should say \"" + message + "\": " + r.asString());
        }
    }

    @Test
    void hugeSearchTextIsRefusedNotCrashed() {
        // 10,000 characters exceed the HTTP server's request-line limit (4096): refused before Rebound runs.
        Response r = given().get("/subscribers?q=" + "x".repeat(10_000));
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "answered " + r.statusCode());
        Response fragment = given().header("HX-Request", "true").get("/subscribers?q=" + "y".repeat(10_000));
        assertTrue(fragment.statusCode() >= 400 && fragment.statusCode() < 500, "answered " + fragment.statusCode());
        // Just under that limit it reaches Rebound, which explains the limit.
        given().get("/subscribers?q=" + "z".repeat(3_000)).then().statusCode(400);
    }

    @Test
    void switchingToATenantYouDoNotBelongToIs400() {
        String other = fixtures.aTenant("badin-other");
        for (String tenant : new String[] {other, "no-such-tenant", "", "x".repeat(64)}) {
            Response r = Csrf.withFormToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                    .formParam("tenant", tenant).post("/tenant");
            assertEquals(400, r.statusCode(), tenant);
            assertTrue(r.asString().contains("You are not a member of that organisation."));
        }
        // Bigger than the server accepts for a form field: refused before Rebound runs, but never a 500.
        Response huge = Csrf.withFormToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .formParam("tenant", "x".repeat(10_000)).post("/tenant");
        assertTrue(huge.statusCode() >= 400 && huge.statusCode() < 500, "answered " + huge.statusCode());
        assertEquals(null, huge.getCookie("rebound-tenant"));
        Response missing = Csrf.withFormToken(given().redirects().follow(false)).contentType(ContentType.URLENC).post("/tenant");
        assertEquals(400, missing.statusCode());
    }

    /** Anything unexpected is a plain 500 page: no exception text, SQL or source reaches the browser. */
    @Test
    void unexpectedErrorsShowNoInternals() {
        for (boolean htmx : new boolean[] {false, true}) {
            Response r = given().header("HX-Request", String.valueOf(htmx)).get("/test-probe/boom");
            assertEquals(500, r.statusCode());
            String body = r.asString();
            assertTrue(body.contains("Something went wrong") && body.contains("reference"), body);
            for (String secret : new String[] {"secret_table", "select", "Secret.java", "PersistenceException", "at app."}) {
                assertFalse(body.contains(secret), "500 page shows " + secret + ": " + body);
            }
        }
    }

    @Test
    void wrongMethodIs405() {
        given().redirects().follow(false).delete("/subscribers").then().statusCode(405);
    }

    private static String b64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
