package app.rebound.sendingserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendingServerResourceTest {
    static World a;
    static World b;
    static long secretServer;
    static long otherTenantServer;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (a == null) {
            String ta = fixtures.aTenant("srv-a");
            String tb = fixtures.aTenant("srv-b");
            fixtures.aMember(ta, "srv-admin-user", Role.ADMIN);
            fixtures.aMember(ta, "srv-support-user", Role.SUPPORT);
            a = fixtures.aWorld(ta, 0);
            b = fixtures.aWorld(tb, 0);
            secretServer = fixtures.aSendingServer(ta, "relay-one", "smtp-user-do-not-show", "hunter2-do-not-show",
                    RetryPolicy.CONSERVATIVE);
            otherTenantServer = fixtures.aSendingServer(tb, "bravo-relay", "bravo-user", "bravo-pass", RetryPolicy.AGGRESSIVE);
        }
    }

    @Test
    @TestSecurity(user = "srv-admin-user", augmentors = MembershipAugmentor.class)
    void listShowsSettingsButNeverCredentials() {
        given().get("/sending-servers").then().statusCode(200)
                .body(containsString("aria-label=\"Sending servers\""))
                .body(containsString("<a href=\"/sending-servers/" + secretServer + "\">relay-one</a>"))
                .body(containsString("<code>smtp.relay-one.example:2525</code>"))
                .body(containsString("Implicit TLS"))
                .body(containsString("rp.relay-one.example"))
                .body(containsString("Conservative"))
                .body(containsString("2 retries: after 1 hour, 1 day; then hard"))
                .body(containsString("Username set"))
                .body(containsString("No username")) // the world's server has none
                .body(not(containsString("smtp-user-do-not-show")))
                .body(not(containsString("hunter2-do-not-show")))
                .body(not(containsString("bravo-relay")));
    }

    @Test
    @TestSecurity(user = "srv-admin-user", augmentors = MembershipAugmentor.class)
    void detailShowsNoCredentialsAndNoFormPrefillsASecret() {
        String html = given().get("/sending-servers/" + secretServer).then().statusCode(200)
                .body(containsString("<h1>relay-one</h1>"))
                .body(containsString("Username set (not shown)"))
                .body(not(containsString("smtp-user-do-not-show")))
                .body(not(containsString("hunter2-do-not-show")))
                .extract().asString();
        String main = html.substring(html.indexOf("<main>"));
        // forms: enable/disable, test connection, bounce mailbox (settings are edited on their own page), and the DKIM
        // check, a GET lookup that stores nothing.
        org.junit.jupiter.api.Assertions.assertTrue(main.contains("<form method=\"get\" action=\"/sending-servers/" + secretServer
                + "/dkim\""), main);
        org.junit.jupiter.api.Assertions.assertTrue(main.contains("action=\"/sending-servers/" + secretServer + "/mailbox\""), main);
        org.junit.jupiter.api.Assertions.assertTrue(main.contains("href=\"/sending-servers/" + secretServer + "/edit\""), main);
        org.junit.jupiter.api.Assertions.assertFalse(main.contains("type=\"password\" value"), main);
        String edit = given().get("/sending-servers/" + secretServer + "/edit").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(edit.contains("hunter2-do-not-show"), edit);
        org.junit.jupiter.api.Assertions.assertFalse(edit.contains("type=\"password\" value"), edit);
    }

    @Test
    @TestSecurity(user = "srv-admin-user", augmentors = MembershipAugmentor.class)
    void otherTenantsServerIs404() {
        given().get("/sending-servers/" + otherTenantServer).then().statusCode(404).body(not(containsString("bravo")));
        given().get("/sending-servers/" + b.serverId()).then().statusCode(404);
        given().get("/sending-servers/x1").then().statusCode(400).body(containsString("Invalid sending server id"));
    }

    @Test
    @TestSecurity(user = "srv-support-user", augmentors = MembershipAugmentor.class)
    void supportIsNotAllowed() {
        given().get("/sending-servers").then().statusCode(403).body(not(containsString("relay-one")));
        given().get("/sending-servers/" + secretServer).then().statusCode(403);
    }
}
