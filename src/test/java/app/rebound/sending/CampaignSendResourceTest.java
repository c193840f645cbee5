package app.rebound.sending;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The campaign's sending tab: send button (CSRF), progress, retries; another tenant's campaign is not found. */
@QuarkusTest
class CampaignSendResourceTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    CampaignSender sender;
    @Inject
    Db db;

    SendingWorld w;

    @AfterEach
    void stop() {
        if (w != null) {
            w.simulator.close();
        }
    }

    @Test
    @TestSecurity(user = "send-marketer", augmentors = MembershipAugmentor.class)
    void aMarketerSendsFromTheCampaignPageAndSeesProgressAndRetries() {
        w = new SendingWorld(fixtures, runner, listener, "sendweb", RetryPolicy.AGGRESSIVE, null);
        fixtures.aMember(w.tenant, "send-marketer", Role.MARKETER);
        w.subscribers(fixtures, "greylist", 2);
        String other = fixtures.aTenant("sendweb-other");
        Fixtures.World foreign = fixtures.aWorld(other, 0);

        given().get("/campaigns/" + w.world.campaignId() + "/bounces").then().statusCode(200)
                .body(containsString("href=\"/campaigns/" + w.world.campaignId() + "/sending\""));
        given().get("/campaigns/" + w.world.campaignId() + "/sending").then().statusCode(200)
                .body(containsString("aria-label=\"Send the campaign\""))
                .body(containsString("5 retries: after 1 hour, 6 hours, 1 day, 3 days, 7 days; then hard"));
        // without the CSRF token: refused (400 from the CSRF filter), nothing requested
        given().redirects().follow(false).post("/campaigns/" + w.world.campaignId() + "/sending").then().statusCode(400);
        assertEquals(0L, db.count("select count(*) from campaign_send where tenant_id = ?", w.tenant));

        Csrf.withFormToken(given()).redirects().follow(false).post("/campaigns/" + w.world.campaignId() + "/sending")
                .then().statusCode(303);
        assertEquals(3L, db.count("select total from campaign_send where tenant_id = ?", w.tenant));
        // nothing was sent on the web thread
        assertEquals(0L, w.simulator.acceptedTotal() + w.simulator.refusedTotal());
        // the server disabled: the tab says the send is paused and why, and nothing goes out
        db.update("update sending_server set enabled = false where tenant_id = ?", w.tenant);
        assertEquals(0, sender.sendCampaign(w.tenant, w.world.campaignId()));
        given().get("/campaigns/" + w.world.campaignId() + "/sending").then().statusCode(200)
                .body(containsString("Paused:</strong> the sending server"))
                .body(containsString("0 of 3 handled"));
        db.update("update sending_server set enabled = true where tenant_id = ?", w.tenant);
        // paused by an alert action: said so, with the resume button, which resumes it
        db.update("update campaign set paused_at = now() where tenant_id = ?", w.tenant);
        given().get("/campaigns/" + w.world.campaignId() + "/sending").then().statusCode(200)
                .body(containsString("Paused:</strong> the campaign was paused"))
                .body(containsString("aria-label=\"Resume the campaign\""));
        Csrf.withFormToken(given()).formParam("back", "sending").redirects().follow(false)
                .post("/campaigns/" + w.world.campaignId() + "/resume")
                .then().statusCode(303).header("Location", containsString("/campaigns/" + w.world.campaignId() + "/sending"));
        assertEquals(0L, db.count("select count(*) from campaign where tenant_id = ? and paused_at is not null", w.tenant));

        sender.sendCampaign(w.tenant, w.world.campaignId());
        given().get("/campaigns/" + w.world.campaignId() + "/sending").then().statusCode(200)
                .body(containsString("Sent:"))
                .body(not(containsString("Paused:")))
                .body(containsString("3 of 3 handled (100%)"))
                .body(not(containsString("aria-label=\"Send the campaign\"")));

        given().get("/campaigns/" + foreign.campaignId() + "/sending").then().statusCode(404);
        Csrf.withFormToken(given()).redirects().follow(false).post("/campaigns/" + foreign.campaignId() + "/sending")
                .then().statusCode(404);
        assertEquals(0L, db.count("select count(*) from campaign_send where tenant_id = ?", other));
    }
}
