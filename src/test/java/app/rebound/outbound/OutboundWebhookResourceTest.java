package app.rebound.outbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "API & Webhooks" page: admins of this tenant only, the secret shown once, bad input refused with a message. */
@QuarkusTest
class OutboundWebhookResourceTest {
    static String mine;
    static String theirs;
    static long theirEndpoint;
    static long theirDelivery;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    EndpointService service;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (mine == null) {
            mine = fixtures.aTenant("owr-a");
            theirs = fixtures.aTenant("owr-b");
            fixtures.aMember(mine, "owr-admin-user", Role.ADMIN);
            theirEndpoint = runner.inTenant(theirs, () -> service.create("http://127.0.0.1:9/theirs", List.of("alert.raised"), "their CRM")).endpoint().id;
            runner.inTenant(theirs, () -> service.sendTest(theirEndpoint));
            theirDelivery = ((Number) db.one("select id from outbound_delivery where endpoint_id = ?", theirEndpoint).get("id")).longValue();
        }
    }

    @AfterEach
    void quiet() {
        db.update("update outbound_endpoint set enabled = false");
    }

    private static Response create(String url, String... events) {
        var spec = Csrf.withFormToken(given()).redirects().follow(false).formParam("url", url).formParam("description", "CRM");
        for (String e : events) {
            spec = spec.formParam("events", e);
        }
        return spec.post("/admin/webhooks");
    }

    @Test
    @TestSecurity(user = "owr-admin-user", augmentors = MembershipAugmentor.class)
    void createShowsTheSecretOnceAndKeepsItSealed() {
        Response r = create("http://127.0.0.1:9/crm", "subscriber.bounced", "alert.raised");
        assertEquals(201, r.statusCode());
        Matcher m = Pattern.compile("aria-label=\"Signing secret\">(whsec_[A-Za-z0-9_-]+)<").matcher(r.asString());
        assertTrue(m.find(), r.asString());
        String secret = m.group(1);
        long id = ((Number) db.one("select id from outbound_endpoint where tenant_id = ? and url = ?", mine, "http://127.0.0.1:9/crm").get("id")).longValue();
        String stored = (String) db.one("select secret from outbound_endpoint where id = ?", id).get("secret");
        assertFalse(stored.contains(secret), "sealed at rest");
        given().get("/admin/webhooks/" + id).then().statusCode(200)
                .body(containsString("http://127.0.0.1:9/crm"))
                .body(not(containsString(secret)));
        given().get("/admin/webhooks").then().statusCode(200)
                .body(containsString("aria-label=\"Outgoing webhook endpoints\""))
                .body(containsString("http://127.0.0.1:9/crm"))
                .body(not(containsString(secret)))
                .body(not(containsString("their CRM")));
    }

    @Test
    @TestSecurity(user = "owr-admin-user", augmentors = MembershipAugmentor.class)
    void badInputIsRefusedWithAMessageAndStoresNothing() {
        long before = db.count("select count(*) from outbound_endpoint where tenant_id = ?", mine);
        create("ftp://example.com/", "subscriber.bounced").then().statusCode(422).body(containsString("must start with https://"));
        create("http://127.0.0.1:9/x").then().statusCode(422).body(containsString("Choose at least one event"));
        create("http://127.0.0.1:9/x", "subscriber.exploded").then().statusCode(422).body(containsString("Unknown event type"));
        create("https://nowhere.invalid/x", "subscriber.bounced").then().statusCode(422).body(containsString("does not resolve"));
        create("http://127.0.0.1:9/<script>", "subscriber.bounced").then().statusCode(422).body(not(containsString("<script>")));
        assertEquals(before, db.count("select count(*) from outbound_endpoint where tenant_id = ?", mine));
        // no CSRF token: refused before anything happens
        given().redirects().follow(false).formParam("url", "http://127.0.0.1:9/y").formParam("events", "alert.raised")
                .post("/admin/webhooks").then().statusCode(400);
        assertEquals(before, db.count("select count(*) from outbound_endpoint where tenant_id = ?", mine));
    }

    @Test
    @TestSecurity(user = "owr-admin-user", augmentors = MembershipAugmentor.class)
    void theLogShowsTheReceiversAnswerAsEscapedTextAndTheFragmentAlone() {
        long id = runner.inTenant(mine, () -> service.create("http://127.0.0.1:9/log", List.of("alert.raised"), "log")).endpoint().id;
        runner.inTenant(mine, () -> service.sendTest(id));
        long delivery = ((Number) db.one("select id from outbound_delivery where endpoint_id = ?", id).get("id")).longValue();
        db.update("""
                insert into outbound_attempt (id, tenant_id, delivery_id, endpoint_id, attempted_at, duration_ms, status_code, error, response_excerpt)
                values (nextval('outbound_attempt_seq'), ?, ?, ?, now(), 12, 500, 'HTTP 500 (a 2xx answer is needed)', '<script>alert(1)</script>')""",
                mine, delivery, id);
        db.update("update outbound_delivery set attempts = 1, last_status = 500 where id = ?", delivery);
        given().get("/admin/webhooks/" + id).then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")))
                .body(containsString("aria-label=\"Redeliver "));
        given().header("HX-Request", "true").get("/admin/webhooks/" + id).then().statusCode(200)
                .body(containsString("id=\"delivery-log\""))
                .body(not(containsString("<html")));
        Csrf.withFormToken(given()).redirects().follow(false)
                .post("/admin/webhooks/" + id + "/deliveries/" + delivery + "/redeliver").then().statusCode(303);
        Csrf.withFormToken(given()).redirects().follow(false).post("/admin/webhooks/" + id + "/disable").then().statusCode(303);
        assertEquals(false, db.one("select enabled from outbound_endpoint where id = ?", id).get("enabled"));
        Csrf.withFormToken(given()).redirects().follow(false).formParam("url", "http://127.0.0.1:9/log2")
                .formParam("events", "subscriber.bounced").formParam("description", "renamed")
                .post("/admin/webhooks/" + id).then().statusCode(303);
        assertEquals("http://127.0.0.1:9/log2", db.one("select url from outbound_endpoint where id = ?", id).get("url"));
        Csrf.withFormToken(given()).redirects().follow(false).post("/admin/webhooks/" + id + "/test").then().statusCode(303);
        assertEquals(2, db.count("select count(*) from outbound_delivery where endpoint_id = ?", id));
        Csrf.withFormToken(given()).redirects().follow(false).post("/admin/webhooks/" + id + "/delete").then().statusCode(303);
        assertEquals(0, db.count("select count(*) from outbound_endpoint where id = ?", id));
    }

    @Test
    @TestSecurity(user = "owr-admin-user", augmentors = MembershipAugmentor.class)
    void anotherTenantsEndpointAndLogAnswer404() {
        given().get("/admin/webhooks/" + theirEndpoint).then().statusCode(404);
        given().header("HX-Request", "true").get("/admin/webhooks/" + theirEndpoint).then().statusCode(404);
        for (String action : List.of("/test", "/enable", "/disable", "/delete", "/deliveries/" + theirDelivery + "/redeliver")) {
            Csrf.withFormToken(given()).redirects().follow(false).post("/admin/webhooks/" + theirEndpoint + action)
                    .then().statusCode(404);
        }
        Csrf.withFormToken(given()).redirects().follow(false).formParam("url", "http://127.0.0.1:9/stolen")
                .formParam("events", "alert.raised").post("/admin/webhooks/" + theirEndpoint).then().statusCode(404);
        assertEquals("http://127.0.0.1:9/theirs", db.one("select url from outbound_endpoint where id = ?", theirEndpoint).get("url"));
        assertEquals(1, db.count("select count(*) from outbound_delivery where endpoint_id = ?", theirEndpoint));
        given().get("/admin/webhooks/abc").then().statusCode(400);
    }
}
