package app.rebound.insight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.VerpKeys;
import app.rebound.ingest.IngestWorker;
import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.sending.SendingSql;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Thresholds page, pause/resume from the bad-import alert, and the detectors running after an ingested batch. */
@QuarkusTest
class AlertActionsTest {
    static Setup a;
    static Setup b;
    static long aCampaign;
    static long bCampaign;
    static List<Long> aSubscribers;

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    AlertService alerts;
    @Inject
    AfterIngest afterIngest;
    @Inject
    SendingSql sending;
    @Inject
    TenantRunner runner;
    @Inject
    Db db;
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;

    @BeforeEach
    void world() {
        if (a != null) {
            return;
        }
        a = insight.setup(fixtures.aTenant("act-a"));
        b = insight.setup(fixtures.aTenant("act-b"));
        // a bad import: 100 bought addresses, 12 answer 5.1.1 on the first campaign to the list
        long batch = insight.importBatch(a, 100, Instant.now().minus(Duration.ofDays(2)));
        aCampaign = insight.campaign(a, a.serverId(), "First to the bought list", 120, Instant.now().minus(Duration.ofDays(1)));
        insight.batchBounces(a.tenantId(), aCampaign, batch, 12, "5.1.1", Instant.now().minus(Duration.ofHours(6)));
        aSubscribers = insight.subscribers(a, List.of("wait-1@example.org", "wait-2@example.org", "wait-3@example.org"));
        insight.deliveries(a, aCampaign, aSubscribers, "pending", null);
        bCampaign = insight.campaign(b, b.serverId(), "Bravo", 100, Instant.now().minus(Duration.ofDays(1)));
    }

    private Map<AlertKind, Double> thresholds(Setup s) {
        return runner.inTenant(s.tenantId(), AlertThreshold::effective);
    }

    @Test
    @TestSecurity(user = "act-a-admin", augmentors = MembershipAugmentor.class)
    void adminEditsThresholdsAllOrNothing() {
        given().get("/alerts/thresholds").then().statusCode(200)
                .body(containsString("aria-label=\"Alert thresholds\""))
                .body(containsString("name=\"greylisting\""))
                .body(containsString("placeholder=\"30\"")) // the 30% default, shown
                .body(containsString("name=\"engaged-hard\""));

        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("greylisting", "40")
                .formParam("min-volume", "5").formParam("reputation", "2.5").redirects().follow(false)
                .post("/alerts/thresholds").then().statusCode(303);
        Map<AlertKind, Double> own = thresholds(a);
        assertEquals(0.40, own.get(AlertKind.GREYLISTING), 1e-9);
        assertEquals(5, own.get(AlertKind.MIN_VOLUME), 1e-9);
        assertEquals(0.025, own.get(AlertKind.REPUTATION), 1e-9);
        assertEquals(0.30, thresholds(b).get(AlertKind.GREYLISTING), 1e-9, "the other tenant keeps the default");
        given().get("/alerts/thresholds").then().statusCode(200).body(containsString("value=\"40\""));

        // one bad value: 422, the messages, and nothing changes
        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("greylisting", "140")
                .formParam("min-volume", "7").formParam("too-large", "abc").redirects().follow(false)
                .post("/alerts/thresholds").then().statusCode(422)
                .body(containsString("Nothing was saved"))
                .body(containsString("expected a percentage from 0 to 100"))
                .body(containsString("value=\"abc\""));
        assertEquals(0.40, thresholds(a).get(AlertKind.GREYLISTING), 1e-9);
        assertEquals(5, thresholds(a).get(AlertKind.MIN_VOLUME), 1e-9);
        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("min-volume", "0")
                .post("/alerts/thresholds").then().statusCode(422);

        // empty fields go back to the defaults
        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("greylisting", "").redirects().follow(false)
                .post("/alerts/thresholds").then().statusCode(303);
        assertEquals(0.30, thresholds(a).get(AlertKind.GREYLISTING), 1e-9);
        assertEquals(10, thresholds(a).get(AlertKind.MIN_VOLUME), 1e-9);
        assertEquals(0, db.count("select count(*) from alert_threshold where tenant_id = ?", a.tenantId()));
    }

    @Test
    @TestSecurity(user = "act-a-marketer", augmentors = MembershipAugmentor.class)
    void pauseFromTheBadImportAlertStopsTheSenderUntilResumed() {
        runner.inTenant(a.tenantId(), () -> alerts.evaluate(Instant.now()));
        given().get("/alerts").then().statusCode(200)
                .body(containsString("aria-label=\"Alert 5.1.1 on the first send to a freshly imported batch\""))
                .body(containsString("aria-label=\"Pause campaign " + aCampaign + "\""));

        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("back", "alerts").redirects().follow(false)
                .post("/campaigns/" + aCampaign + "/pause").then().statusCode(303)
                .header("Location", containsString("/alerts"));
        assertEquals(List.of(), sending.claim(a.tenantId(), aCampaign, 10, Instant.now()), "paused: nothing claimed");
        assertEquals(3, db.count("select count(*) from campaign_delivery where tenant_id = ? and campaign_id = ? and state = 'pending'",
                a.tenantId(), aCampaign), "the recipients wait, untouched");
        given().get("/alerts").then().statusCode(200)
                .body(containsString("The campaign is paused"))
                .body(containsString("aria-label=\"Resume campaign " + aCampaign + "\""));

        // another tenant's campaign: 404, and it is not paused
        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).post("/campaigns/" + bCampaign + "/pause")
                .then().statusCode(404);
        assertEquals(0, db.count("select count(*) from campaign where tenant_id = ? and paused_at is not null", b.tenantId()));
        // without the CSRF token nothing happens
        given().contentType(ContentType.URLENC).post("/campaigns/" + aCampaign + "/resume").then().statusCode(400);
        assertEquals(List.of(), sending.claim(a.tenantId(), aCampaign, 10, Instant.now()));

        Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).redirects().follow(false)
                .post("/campaigns/" + aCampaign + "/resume").then().statusCode(303)
                .header("Location", containsString("/campaigns/" + aCampaign));
        List<SendingSql.Recipient> claimed = sending.claim(a.tenantId(), aCampaign, 10, Instant.now());
        assertEquals(aSubscribers, claimed.stream().map(SendingSql.Recipient::subscriberId).toList(), "resumed: claimed");
    }

    @Test
    void detectorsRunSoonAfterAnIngestedBatchOncePerTenant() {
        String t = fixtures.aTenant("act-ing");
        Fixtures.World w = fixtures.aWorld(t, 0); // a campaign with one recipient
        List<Long> subs = fixtures.someSubscribers(w, "big", "example.com", 1);
        runner.inTenant(t, () -> {
            AlertThreshold min = new AlertThreshold();
            min.kind = AlertKind.MIN_VOLUME.code();
            min.value = 1;
            min.persist();
            return null;
        });
        Verp verp = verpKeys.activeKey(t);
        String rp = verp.encode(t, Long.toString(w.campaignId()), Long.toString(subs.get(0)), "bounces." + t + ".test");
        worker.drain();
        afterIngest.runPending(); // whatever earlier tests left

        inbox.accept(new InboundInput(t, InboundSource.API, null, "message/rfc822", BounceMails.dsn(BounceMails.aBounce(rp,
                "big-000@example.com", "5.3.4", "552 5.3.4 Message too big for system")), "test", null));
        assertFalse(afterIngest.pending().contains(t), "stored, not recorded yet");
        worker.drain();
        assertTrue(afterIngest.pending().contains(t), "the committed batch marked its tenant");
        assertEquals(0, db.count("select count(*) from alert where tenant_id = ?", t), "marked, not run yet (debounced)");
        afterIngest.runPending();
        assertFalse(afterIngest.pending().contains(t));
        assertEquals(1, db.count("select count(*) from alert where tenant_id = ? and kind = 'too-large' and status = 'open'", t));
        assertFalse(afterIngest.pending().contains(a.tenantId()), "a tenant without new bounces is not run");
    }

    @Test
    @TestSecurity(user = "act-a-admin", augmentors = MembershipAugmentor.class)
    void dkimCheckFromTheServerPage() {
        given().get("/sending-servers/" + a.serverId()).then().statusCode(200)
                .body(containsString("action=\"/sending-servers/" + a.serverId() + "/dkim\""));
        // tests point the resolver at a closed local port (DkimCheckTest runs a real DNS server): the failure is shown
        given().get("/sending-servers/" + a.serverId() + "/dkim?selector=s1&domain=example.com").then().statusCode(200)
                .body(containsString("s1._domainkey.example.com"))
                .body(containsString("No usable DKIM key"))
                .body(containsString("<html"));
        given().header("HX-Request", "true").get("/sending-servers/" + a.serverId() + "/dkim?selector=s1&domain=example.com")
                .then().statusCode(200).body(containsString("aria-label=\"DKIM check result\"")).body(not(containsString("<html")));
        given().get("/sending-servers/" + a.serverId() + "/dkim?selector=a%20b&domain=example.com").then().statusCode(422)
                .body(containsString("The selector must be"));
        given().get("/sending-servers/" + a.serverId() + "/dkim?selector=s1&domain=nodots").then().statusCode(422);
        given().get("/sending-servers/" + b.serverId() + "/dkim?selector=s1&domain=example.com").then().statusCode(404);
    }
}
