package app.rebound.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.SignedPayloads;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin page of webhook endpoints: admins only, this tenant's endpoints only, CSRF on every change. */
@QuarkusTest
class ProviderEndpointResourceTest {
    static String mine;
    static String theirs;
    static long theirEndpoint;
    static final String MAILGUN_KEY = "key-mailgun-never-shown-0f9e8d7c";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    ProviderEndpointService service;

    @BeforeEach
    void world() {
        if (mine == null) {
            mine = fixtures.aTenant("epg-a");
            theirs = fixtures.aTenant("epg-b");
            fixtures.aMember(mine, "epg-admin-user", Role.ADMIN);
            fixtures.aMember(mine, "epg-support-user", Role.SUPPORT);
            runner.inTenant(mine, () -> service.create(Provider.MAILGUN, "Mailgun main", MAILGUN_KEY, null));
            runner.inTenant(mine, () -> service.create(Provider.POSTMARK, "Postmark transactional", null, null));
            theirEndpoint = runner.inTenant(theirs, () -> service.create(Provider.SES, "Their SES", null, null)).id();
        }
    }

    private List<ProviderEndpointService.EndpointView> endpointsOf(String tenant) {
        return runner.inTenant(tenant, service::list);
    }

    @Test
    @TestSecurity(user = "epg-admin-user", augmentors = MembershipAugmentor.class)
    void adminSeesTheUrlsToPasteButNeverTheMailgunKeyNorAnotherTenantsEndpoints() {
        var postmark = endpointsOf(mine).stream().filter(e -> e.provider() == Provider.POSTMARK).findFirst().orElseThrow();
        given().get("/webhook-endpoints").then().statusCode(200)
                .body(containsString("aria-label=\"Webhook endpoints\""))
                .body(containsString("Mailgun main"))
                .body(containsString(postmark.path()))
                .body(containsString("rebound:" + postmark.basicPassword() + "@"))
                .body(not(containsString(MAILGUN_KEY)))
                .body(not(containsString("Their SES")));
    }

    @Test
    @TestSecurity(user = "epg-admin-user", augmentors = MembershipAugmentor.class)
    void createValidatesAndNeedsTheCsrfToken() {
        int before = endpointsOf(mine).size();
        Csrf.withFormToken(given()).formParam("provider", "sendgrid").formParam("name", "SendGrid marketing")
                .formParam("key", SignedPayloads.sendGridPublicKey(SignedPayloads.ecKeyPair()))
                .redirects().follow(false).post("/webhook-endpoints").then().statusCode(303);
        assertEquals(before + 1, endpointsOf(mine).size());

        Csrf.withFormToken(given()).formParam("provider", "sendgrid").formParam("name", "Broken key")
                .formParam("key", "not a key").post("/webhook-endpoints").then().statusCode(400)
                .body(containsString("not a SendGrid verification key"));
        Csrf.withFormToken(given()).formParam("provider", "mandrill").formParam("name", "x")
                .post("/webhook-endpoints").then().statusCode(400).body(containsString("unknown provider"));
        given().formParam("provider", "ses").formParam("name", "No token").post("/webhook-endpoints")
                .then().statusCode(400);
        assertEquals(before + 1, endpointsOf(mine).size());
    }

    @Test
    @TestSecurity(user = "epg-admin-user", augmentors = MembershipAugmentor.class)
    void rotateGivesANewUrlAndTheOldOneStopsWorking() {
        var ses = runner.inTenant(mine, () -> service.create(Provider.SES, "SES to rotate " + System.nanoTime(), null, null));
        Csrf.withFormToken(given()).redirects().follow(false).post("/webhook-endpoints/" + ses.id() + "/rotate")
                .then().statusCode(303);
        var rotated = endpointsOf(mine).stream().filter(e -> e.id() == ses.id()).findFirst().orElseThrow();
        assertNotEquals(ses.path(), rotated.path());
        given().contentType("text/plain").body("{}").post(ses.path()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "epg-admin-user", augmentors = MembershipAugmentor.class)
    void anotherTenantsEndpointCannotBeRotatedOrDeleted() {
        Csrf.withFormToken(given()).post("/webhook-endpoints/" + theirEndpoint + "/delete").then().statusCode(404);
        Csrf.withFormToken(given()).post("/webhook-endpoints/" + theirEndpoint + "/rotate").then().statusCode(404);
        assertEquals(1, endpointsOf(theirs).size());
        Csrf.withFormToken(given()).post("/webhook-endpoints/abc/delete").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "epg-support-user", augmentors = MembershipAugmentor.class)
    void supportCannotManageWebhooks() {
        given().get("/webhook-endpoints").then().statusCode(403);
        Csrf.withFormToken(given()).formParam("provider", "ses").formParam("name", "nope")
                .post("/webhook-endpoints").then().statusCode(403);
    }
}
