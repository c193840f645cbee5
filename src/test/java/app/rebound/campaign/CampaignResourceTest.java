package app.rebound.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignResourceTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (a == null) {
            // Subjects are fixed per test class (the @TestSecurity user); tenant ids are unique per run.
            String ta = fixtures.aTenant("camp-a");
            String tb = fixtures.aTenant("camp-b");
            fixtures.aMember(ta, "camp-user", app.rebound.tenant.Role.MARKETER);
            fixtures.aMember(tb, "camp-other", app.rebound.tenant.Role.ADMIN);
            a = fixtures.aWorld(ta, 120);
            b = fixtures.aWorld(tb, 3);
        }
    }

    @Test
    @TestSecurity(user = "camp-user", augmentors = MembershipAugmentor.class)
    void campaignListShowsOnlyOwnCampaigns() {
        given().get("/campaigns").then().statusCode(200)
                .body(containsString("/campaigns/" + a.campaignId()))
                .body(not(containsString("/campaigns/" + b.campaignId() + "\"")));
    }

    @Test
    @TestSecurity(user = "camp-user", augmentors = MembershipAugmentor.class)
    void bounceLogPagesForwardWithKeysetCursor() {
        Response first = given().get("/campaigns/" + a.campaignId()).then().statusCode(200)
                .body(containsString("Bounce log (120)")).body(containsString("<code>5.1.1</code>"))
                .extract().response();
        String html = first.asString();
        assertEquals(50, count(html, "class=\"chip hard\""));
        Matcher m = Pattern.compile("bounces\\?before=([A-Za-z0-9_-]+)").matcher(html);
        assertTrue(m.find(), "the first page links to older bounces");
        String cursor = m.group(1);
        String fragment = given().header("HX-Request", "true").get("/campaigns/" + a.campaignId() + "/bounces?before=" + cursor)
                .then().statusCode(200).header("Vary", containsString("HX-Request"))
                .body(not(containsString("<html"))).extract().asString();
        assertEquals(50, count(fragment, "class=\"chip hard\""));
        Matcher m2 = Pattern.compile("bounces\\?before=([A-Za-z0-9_-]+)").matcher(fragment);
        assertTrue(m2.find(), "the second page links to older bounces");
        assertFalse(m2.group(1).equals(cursor), "the cursor moves on");
        String third = given().get("/campaigns/" + a.campaignId() + "/bounces?before=" + m2.group(1)).then().statusCode(200)
                .body(containsString("<html")).extract().asString();
        assertEquals(20, count(third, "class=\"chip hard\""));
        assertEquals(-1, third.indexOf("rel=\"next\""));
    }

    @Test
    @TestSecurity(user = "camp-user", augmentors = MembershipAugmentor.class)
    void otherTenantsCampaignIs404() {
        given().get("/campaigns/" + b.campaignId()).then().statusCode(404);
        given().header("HX-Request", "true").get("/campaigns/" + b.campaignId() + "/bounces").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "camp-user", augmentors = MembershipAugmentor.class)
    void malformedIdsAndCursorsAre400() {
        given().get("/campaigns/abc").then().statusCode(400).body(containsString("Invalid campaign id"));
        given().get("/campaigns/99999999999999999999").then().statusCode(400);
        given().get("/campaigns/" + a.campaignId() + "/bounces?before=%%%").then().statusCode(400)
                .body(containsString("Invalid paging cursor"));
        given().get("/campaigns/" + a.campaignId() + "/bounces?before=bm90LWEtY3Vyc29y").then().statusCode(400);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
