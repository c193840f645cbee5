package app.rebound.crm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.ApiTokens;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/activity with real tenant tokens, and "Activity elsewhere" on the subscriber page. */
@QuarkusTest
class ActivityApiTest {
    static String tenant;
    static String other;
    static String token;
    static String otherToken;
    static long subscriber;
    static long otherShared;

    @Inject
    ApiTokens tokens;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("crmapi");
            other = fixtures.aTenant("crmapiother");
            token = tokens.create(tenant, "crm");
            otherToken = tokens.create(other, "crm");
            Fixtures.World w = fixtures.aWorld(tenant, 0);
            fixtures.someSubscribers(w, "a", "example.com", 3);
            subscriber = fixtures.someSubscribers(w, "shared", "example.net", 1).get(0);
            Fixtures.World o = fixtures.aWorld(other, 0);
            otherShared = fixtures.someSubscribers(o, "shared", "example.net", 1).get(0);
            fixtures.someSubscribers(o, "b", "example.org", 1);
        }
    }

    static String item(String email, String kind, String when) {
        return "{\"email\":\"" + email + "\",\"source\":\"hubspot\",\"kind\":\"" + kind + "\",\"occurred_at\":\"" + when + "\"}";
    }

    static RequestSpecification api(String t) {
        return given().header("Authorization", "Bearer " + t).contentType("application/json");
    }

    long stored(String t) {
        return db.count("select count(*) from crm_activity where tenant_id = ?", t);
    }

    @Test
    void eachItemIsAnsweredStoredDuplicateOrUnknownAndRepeatsStoreNothing() {
        api(token).body(item("A-000@Example.com", "email_open", "2026-11-20T10:00:00Z")).post("/api/v1/activity").then()
                .statusCode(200).body("stored", equalTo(1)).body("results[0].status", equalTo("stored"))
                .body("results[0].email", equalTo("a-000@example.com"));
        long before = stored(tenant);
        String batch = "[" + item("a-001@example.com", "login", "2026-11-21T10:00:00Z") + ","
                + item("a-000@example.com", "email_open", "2026-11-20T11:00:00+01:00") + ","   // the same instant as above
                + item("a-002@example.com", "login", "2026-11-22T10:00:00Z") + ","
                + item("a-002@example.com", "login", "2026-11-22T10:00:00Z") + ","             // twice in one batch
                + item("nobody@example.com", "login", "2026-11-22T10:00:00Z") + ","
                + item("b-000@example.org", "login", "2026-11-22T10:00:00Z") + "]";            // another tenant's address
        api(token).body(batch).post("/api/v1/activity").then().statusCode(200)
                .body("results.status", equalTo(List.of("stored", "duplicate", "stored", "duplicate", "unknown", "unknown")))
                .body("stored", equalTo(2)).body("duplicate", equalTo(2)).body("unknown", equalTo(2));
        assertEquals(before + 2, stored(tenant));
        api(token).body(batch).post("/api/v1/activity").then().statusCode(200).body("stored", equalTo(0))
                .body("duplicate", equalTo(4));
        assertEquals(before + 2, stored(tenant));
        assertEquals(0L, db.count("select count(*) from crm_activity where tenant_id = ? and email = 'b-000@example.org'", other));
        assertNotNull(db.one("select last_used_at from api_token where tenant_id = ? and name = 'crm'", tenant).get("last_used_at"));
    }

    @Test
    void oneBadItemAnswers422ListingItAndStoresNothing() {
        api(token).body(item("a-001@example.com", "visit", "2026-11-10T10:00:00Z")).post("/api/v1/activity").then().statusCode(200);
        long before = stored(tenant);
        assertTrue(before > 0);
        String batch = "[" + item("a-002@example.com", "visit", "2026-11-11T10:00:00Z") + ","
                + "{\"email\":\"a-001@example.com\",\"source\":\"hubspot\",\"kind\":\"visit\"},"
                + item("<b>@x", "visit", "2026-11-11T10:00:00Z") + "]";
        api(token).body(batch).post("/api/v1/activity").then().statusCode(422)
                .body("items.index", equalTo(List.of(1, 2)))
                .body("items[0].errors", equalTo(List.of("occurred_at is required")))
                .body("items[1].errors", equalTo(List.of("email is not an e-mail address")));
        assertEquals(before, stored(tenant));
        assertEquals(0L, db.count("select count(*) from crm_activity where tenant_id = ? and email = 'a-002@example.com' and kind = 'visit'", tenant));
    }

    @Test
    void tokensTypesAndSizesAreChecked() {
        given().contentType("application/json").body(item("a-000@example.com", "x", "2026-11-01T00:00:00Z"))
                .post("/api/v1/activity").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        api("rbd_" + "x".repeat(43)).body(item("a-000@example.com", "x", "2026-11-01T00:00:00Z")).post("/api/v1/activity")
                .then().statusCode(401);
        String revoked = tokens.create(tenant, "old");
        long id = ((Number) db.one("select id from api_token where tenant_id = ? and name = 'old'", tenant).get("id")).longValue();
        tokens.revoke(tenant, id);
        api(revoked).body(item("a-000@example.com", "x", "2026-11-01T00:00:00Z")).post("/api/v1/activity").then().statusCode(401);

        given().header("Authorization", "Bearer " + token).contentType("text/plain").body("hello").post("/api/v1/activity")
                .then().statusCode(415);
        api(token).body("{\"email\": ").post("/api/v1/activity").then().statusCode(400).body("error", containsString("not valid JSON"));
        api(token).body("[]").post("/api/v1/activity").then().statusCode(400);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append(item("a-000@example.com", "k" + i, "2026-11-01T00:00:00Z"));
        }
        api(token).body(many.append("]").toString()).post("/api/v1/activity").then().statusCode(400)
                .body("error", containsString("At most 1000"));
        api(token).body("[" + "\"x\",".repeat(200_000) + "\"x\"]").post("/api/v1/activity").then().statusCode(413);
    }

    @Test
    @TestSecurity(user = "crmapi-marketer", augmentors = MembershipAugmentor.class)
    void theSubscriberPageShowsActivityElsewhereNewestFirstForItsTenantOnly() {
        api(token).body("[" + item("shared-000@example.net", "older_kind", "2026-10-01T08:00:00Z") + ","
                + item("shared-000@example.net", "newest_kind", "2026-11-29T08:00:00Z") + ","
                + "{\"email\":\"shared-000@example.net\",\"source\":\"<b>crm</b>\",\"kind\":\"x\",\"occurred_at\":\"2026-11-01T00:00:00Z\"}]")
                .post("/api/v1/activity").then().statusCode(422); // the <b> source is refused, nothing stored
        api(token).body("[" + item("shared-000@example.net", "older_kind", "2026-10-01T08:00:00Z") + ","
                + item("shared-000@example.net", "newest_kind", "2026-11-29T08:00:00Z") + "]").post("/api/v1/activity")
                .then().statusCode(200).body("stored", equalTo(2));
        String page = given().get("/subscribers/" + subscriber).then().statusCode(200)
                .body(containsString("<table aria-label=\"Activity elsewhere\">")).extract().asString();
        assertTrue(page.indexOf("newest_kind") < page.indexOf("older_kind") && page.indexOf("newest_kind") > 0, "newest first");
        // the other tenant's subscriber with the same address: none of this tenant's activity, and its id is 404 here
        given().get("/subscribers/" + otherShared).then().statusCode(404).body(not(containsString("newest_kind")));
        assertEquals(0L, stored(other));
        api(otherToken).body(item("shared-000@example.net", "their_kind", "2026-11-28T08:00:00Z")).post("/api/v1/activity")
                .then().statusCode(200).body("stored", equalTo(1));
        given().get("/subscribers/" + subscriber).then().statusCode(200).body(not(containsString("their_kind")));
    }
}
