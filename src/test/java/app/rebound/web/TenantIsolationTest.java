package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.BounceCursor;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.subscriber.SubscriberCursor;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants on every route: A's admin (who may see every page) gets 404 for B's ids and never sees B's rows
 * in a page or a fragment. B's data is recognisable: its tenant id is inside every B email, campaign name and
 * subject, and B's subscribers and server carry "bravo-secret".
 */
@QuarkusTest
@TestSecurity(user = "iso-user", augmentors = MembershipAugmentor.class)
class TenantIsolationTest {
    static World a;
    static World b;
    static long bServer;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (a == null) {
            String ta = fixtures.aTenant("iso-a");
            String tb = fixtures.aTenant("iso-b");
            fixtures.aMember(ta, "iso-user", Role.ADMIN);
            a = fixtures.aWorld(ta, 60);
            b = fixtures.aWorld(tb, 60);
            // Same local parts in both tenants: a search or a cursor must never cross over.
            fixtures.someSubscribers(a, "shared", "iso.example", 60);
            fixtures.someSubscribers(b, "shared", "bravo-secret.example", 60);
            fixtures.someSubscribers(b, "bravo-secret", "bravo-secret.example", 3);
            bServer = fixtures.aSendingServer(tb, "bravo-secret-mta", "bravo-secret-user", "bravo-secret-pass", RetryPolicy.DEFAULT);
        }
    }

    @Test
    void homeAndCampaignListShowOnlyOwnTenant() {
        given().redirects().follow(false).get("/").then().statusCode(303);
        assertOnlyA(given().get("/campaigns"), 200);
        assertTrue(given().get("/campaigns").asString().contains("Campaign of " + a.tenantId()));
    }

    @Test
    void campaignPagesAndBounceLogFragments() {
        String page = assertOnlyA(given().get("/campaigns/" + a.campaignId()), 200);
        assertTrue(page.contains(a.subscriberEmail()));
        assertOnlyA(given().get("/campaigns/" + a.campaignId() + "/bounces"), 200);
        Matcher m = Pattern.compile("bounces\\?before=([A-Za-z0-9_-]+)").matcher(page);
        assertTrue(m.find());
        String fragment = assertOnlyA(given().header("HX-Request", "true")
                .get("/campaigns/" + a.campaignId() + "/bounces?before=" + m.group(1)), 200);
        assertFalse(fragment.contains("<html"));
        assertTrue(fragment.contains(a.subscriberEmail()));
        // A cursor pointing into B's rows still pages only A's campaign.
        String far = new BounceCursor(Instant.now().plusSeconds(3600), Long.MAX_VALUE).token();
        assertOnlyA(given().header("HX-Request", "true").get("/campaigns/" + a.campaignId() + "/bounces?before=" + far), 200);
    }

    @Test
    void otherTenantsCampaignIs404Everywhere() {
        String cursor = new BounceCursor(Instant.now(), Long.MAX_VALUE).token();
        for (String path : List.of("/campaigns/" + b.campaignId(), "/campaigns/" + b.campaignId() + "/bounces",
                "/campaigns/" + b.campaignId() + "/bounces?before=" + cursor)) {
            assertOnlyA(given().get(path), 404);
            assertOnlyA(given().header("HX-Request", "true").get(path), 404);
        }
    }

    @Test
    void subscriberListSearchCursorAndFragment() {
        String list = assertOnlyA(given().get("/subscribers"), 200);
        assertTrue(list.contains("shared-000@iso.example"));
        String search = assertOnlyA(given().get("/subscribers?q=shared"), 200);
        assertEquals(50, count(search, "@iso.example</a>"));
        assertOnlyA(given().get("/subscribers?q=bravo"), 200);
        assertOnlyA(given().header("HX-Request", "true").get("/subscribers?q=shared-0"), 200);
        // A cursor built from one of B's rows: keyset position only, still A's rows.
        String after = new SubscriberCursor("shared-000@bravo-secret.example", 1).token();
        String page = assertOnlyA(given().get("/subscribers?q=shared&after=" + after), 200);
        assertTrue(page.contains("shared-001@iso.example"));
        assertOnlyA(given().header("HX-Request", "true").get("/subscribers?after=" + after), 200);
    }

    @Test
    void otherTenantsSubscriberIs404() {
        assertOnlyA(given().get("/subscribers/" + b.subscriberId()), 404);
        assertOnlyA(given().header("HX-Request", "true").get("/subscribers/" + b.subscriberId()), 404);
        assertOnlyA(given().get("/subscribers/" + a.subscriberId()), 200);
    }

    @Test
    void sendingServersOnlyOwn() {
        String list = assertOnlyA(given().get("/sending-servers"), 200);
        assertTrue(list.contains("/sending-servers/" + a.serverId()));
        assertOnlyA(given().get("/sending-servers/" + a.serverId()), 200);
        assertOnlyA(given().get("/sending-servers/" + bServer), 404);
        assertOnlyA(given().get("/sending-servers/" + b.serverId()), 404);
    }

    @Test
    void cannotSwitchIntoAnotherTenant() {
        Response r = Csrf.withFormToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .formParam("tenant", b.tenantId()).post("/tenant");
        assertEquals(400, r.statusCode());
        assertTrue(r.asString().contains("You are not a member of that organisation."));
        assertEquals(null, r.getCookie("rebound-tenant"));
        // Even with B's tenant cookie set by hand, the member stays in A (the cookie only picks among memberships).
        assertOnlyA(given().cookie("rebound-tenant", b.tenantId()).get("/subscribers?q=shared"), 200);
        assertOnlyA(given().cookie("rebound-tenant", b.tenantId()).get("/sending-servers/" + bServer), 404);
    }

    /** Asserts the status and that nothing of B is in the body; returns the body. */
    private String assertOnlyA(Response response, int status) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertFalse(body.contains(b.tenantId()), "B's tenant id leaked: " + b.tenantId());
        assertFalse(body.contains("bravo-secret"), "B's rows leaked");
        assertFalse(body.contains(b.subscriberEmail()), "B's subscriber leaked");
        return body;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
