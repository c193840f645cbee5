package app.rebound.insight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.campaign.Campaign;
import app.rebound.insight.AlertService.Evaluation;
import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Open → refreshed (never a duplicate) → acknowledged → resolved; per-tenant thresholds; tenant isolation; pages. */
@QuarkusTest
class AlertLifecycleTest {
    static Setup a;
    static Setup b;
    static long aCampaign;
    static long bCampaign;

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    AlertService alerts;
    @Inject
    TenantRunner runner;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (a != null) {
            return;
        }
        a = insight.setup(fixtures.aTenant("alert-a"));
        b = insight.setup(fixtures.aTenant("alert-b"));
        Instant sent = Instant.now().minus(Duration.ofDays(1));
        aCampaign = insight.campaign(a, a.serverId(), "Alpha launch", 100, sent);
        bCampaign = insight.campaign(b, b.serverId(), "Bravo launch", 100, sent);
        insight.bounces(b.tenantId(), bCampaign, 60, "4.7.0", "bravo-greylists.example", sent.plusSeconds(60));
    }

    private Evaluation evaluate(Setup s) {
        return runner.inTenant(s.tenantId(), () -> alerts.evaluate(Instant.now()));
    }

    private long alertRows(Setup s, String status) {
        return db.count("select count(*) from alert where tenant_id = ? and kind = 'greylisting' and status = ?",
                s.tenantId(), status);
    }

    private void setRecipients(Setup s, long campaignId, int n) {
        runner.inTenant(s.tenantId(), () -> {
            Campaign.<Campaign>findById(campaignId).recipientsCount = n;
            return null;
        });
    }

    @Test
    void lifecycleWithoutDuplicatesAndIsolatedFromOtherTenants() {
        // tenant A sees nothing although tenant B greylists heavily
        assertEquals(new Evaluation(0, 0, 0), evaluate(a));
        assertEquals(0, db.count("select count(*) from alert where tenant_id = ?", a.tenantId()));

        insight.bounces(a.tenantId(), aCampaign, 40, "4.7.0", "gmail.com", Instant.now().minus(Duration.ofHours(2)));
        assertEquals(new Evaluation(1, 0, 0), evaluate(a));
        assertEquals(new Evaluation(0, 1, 0), evaluate(a), "the same ongoing condition: refreshed, not repeated");
        assertEquals(1, alertRows(a, "open"));

        long id = db.count("select id from alert where tenant_id = ? and kind = 'greylisting'", a.tenantId());
        runner.inTenant(a.tenantId(), () -> {
            alerts.acknowledge(id, Instant.now());
            return null;
        });
        assertEquals(new Evaluation(0, 1, 0), evaluate(a));
        assertEquals(1, alertRows(a, "acknowledged"), "acknowledged stays acknowledged while the condition lasts");

        setRecipients(a, aCampaign, 1000); // 40 of 1000 = 4%: the condition clears
        assertEquals(new Evaluation(0, 0, 1), evaluate(a));
        assertEquals(1, alertRows(a, "resolved"));
        assertEquals(0, alertRows(a, "acknowledged") + alertRows(a, "open"));

        setRecipients(a, aCampaign, 100); // it comes back: a new alert, the old one stays as history
        assertEquals(new Evaluation(1, 0, 0), evaluate(a));
        assertEquals(1, alertRows(a, "open"));
        assertEquals(1, alertRows(a, "resolved"));
        setRecipients(a, aCampaign, 1000);
        evaluate(a);
    }

    @Test
    void perTenantThresholdOverridesTheDefault() {
        Setup t = insight.setup(fixtures.aTenant("alert-th"));
        long c = insight.campaign(t, t.serverId(), "Thirty-five percent", 100, Instant.now().minus(Duration.ofDays(1)));
        insight.bounces(t.tenantId(), c, 35, "4.7.0", "gmail.com", Instant.now().minus(Duration.ofHours(3)));
        runner.inTenant(t.tenantId(), () -> {
            AlertThreshold th = new AlertThreshold();
            th.kind = AlertKind.GREYLISTING.code();
            th.value = 0.36;
            th.persist();
            return null;
        });
        assertEquals(new Evaluation(0, 0, 0), evaluate(t), "35% is under this tenant's 36%");
        runner.inTenant(t.tenantId(), () -> {
            AlertThreshold.<AlertThreshold>find("kind", AlertKind.GREYLISTING.code()).firstResult().value = 0.35;
            return null;
        });
        assertEquals(new Evaluation(1, 0, 0), evaluate(t));
    }

    @Test
    @TestSecurity(user = "alert-b-marketer", augmentors = MembershipAugmentor.class)
    void dashboardCampaignAndServerPagesShowTheTenantsOwnAlerts() {
        evaluate(b);
        given().get("/alerts").then().statusCode(200)
                .body(containsString("aria-label=\"Ongoing alerts\""))
                .body(containsString("Receivers are greylisting your mail."))
                .body(containsString("Wait: retries handle it. No action needed."))
                .body(containsString("60 distinct recipients answered 4.7.0 out of 100 sends"))
                .body(containsString("bravo-greylists.example"))
                .body(containsString("href=\"/campaigns/" + bCampaign + "\""))
                .body(not(containsString("Alpha launch")));
        given().get("/campaigns/" + bCampaign).then().statusCode(200)
                .body(containsString("<section aria-label=\"Alerts\">"))
                .body(containsString("4.7.0 greylisting on many sends"));
        long id = db.count("select id from alert where tenant_id = ? and status = 'open'", b.tenantId());
        // another tenant's alert id answers 404 and changes nothing
        Setup c = insight.setup(fixtures.aTenant("alert-c"));
        long cc = insight.campaign(c, c.serverId(), "Charlie", 100, Instant.now().minus(Duration.ofDays(1)));
        insight.bounces(c.tenantId(), cc, 50, "4.7.0", "gmail.com", Instant.now().minus(Duration.ofHours(1)));
        assertEquals(1, evaluate(c).opened());
        long cAlert = db.count("select id from alert where tenant_id = ?", c.tenantId());
        Csrf.Pair p0 = Csrf.fromPage();
        given().cookie(Csrf.COOKIE, p0.cookie()).formParam(Csrf.FORM_FIELD, p0.token()).redirects().follow(false)
                .post("/alerts/" + cAlert + "/acknowledge").then().statusCode(404);
        assertEquals("open", db.one("select status from alert where id = ? and tenant_id = ?", cAlert, c.tenantId())
                .get("status"));
        given().get("/alerts").then().statusCode(200).body(not(containsString("Charlie")));
        Csrf.Pair p = Csrf.fromPage();
        given().redirects().follow(false).post("/alerts/" + id + "/acknowledge").then().statusCode(400); // no CSRF token
        assertEquals("open", db.one("select status from alert where id = ? and tenant_id = ?", id, b.tenantId())
                .get("status"));
        given().cookie(Csrf.COOKIE, p.cookie()).formParam(Csrf.FORM_FIELD, p.token()).redirects().follow(false)
                .post("/alerts/" + id + "/acknowledge").then().statusCode(303);
        assertEquals("acknowledged", db.one("select status from alert where id = ? and tenant_id = ?", id, b.tenantId())
                .get("status"));
        given().cookie(Csrf.COOKIE, p.cookie()).formParam(Csrf.FORM_FIELD, p.token()).redirects().follow(false)
                .post("/alerts/x/acknowledge").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "alert-b-admin", augmentors = MembershipAugmentor.class)
    void serverPageShowsTheServersAlerts() {
        evaluate(b);
        given().get("/sending-servers/" + b.serverId()).then().statusCode(200)
                .body(containsString("<section aria-label=\"Alerts\">"))
                .body(containsString("Open the campaign"));
        given().get("/sending-servers/" + a.serverId()).then().statusCode(404);
    }
}
