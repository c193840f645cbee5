package app.rebound.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The demo page sends real bounce mails over SMTP to the listener; the workers turn them into actions. */
@QuarkusTest
@TestSecurity(user = "demo-bounces", augmentors = MembershipAugmentor.class)
class DemoBouncesTest {
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    @Test
    void sendingDemoBouncesFillsTheBounceLogWithTheirActions() {
        worker.drain();
        String tenant = fixtures.aTenant("demo-b");
        db.update("delete from membership where subject = 'demo-bounces'");
        fixtures.aMember(tenant, "demo-bounces", Role.ADMIN);
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        // a return-path domain of its own: the fixtures' shared one may already be claimed by another test's tenant
        db.update("update sending_server set return_path_domain = ? where tenant_id = ? and id = ?",
                "bounces-" + tenant + ".example.net", tenant, world.serverId());
        fixtures.someSubscribers(world, "d", "example.com", 7);
        listener.stop();
        given().get("/demo/bounces").then().statusCode(200).body(containsString("listener is off"));
        listener.start(0);
        try {
            Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).post("/demo/bounces").then().statusCode(200)
                    .body(containsString("Sent 7 bounces"));
        } finally {
            listener.stop();
        }
        worker.drain();
        assertEquals(7, db.count("select count(*) from bounce where tenant_id = ? and campaign_id = ?", tenant, world.campaignId()));
        assertEquals(2, db.count("select count(*) from subscriber where tenant_id = ? and status = 'bounced'", tenant));
        assertEquals(2, db.count("select count(*) from bounce where tenant_id = ? and action = 'investigate'", tenant));
        assertEquals(1, db.count("select count(*) from bounce where tenant_id = ? and action = 'recorded'", tenant), "the delay");
        given().get("/campaigns/" + world.campaignId() + "/bounces").then().statusCode(200)
                .body(containsString("Reduce the message size"));
    }
}
