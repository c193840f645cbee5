package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sending.SendingWorld;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-add with evidence: role matrix, refused without evidence, a single watched test mail through the list's sending
 * server (the bounce simulator) and the next sends watched afterwards, no bulk re-add on any route.
 */
@QuarkusTest
class ReaddTest {
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;

    final SendingWorld.Simulators simulators = new SendingWorld.Simulators();

    @AfterEach
    void stop() {
        simulators.closeAll();
    }

    static String tenant;
    static String otherTenant;
    World a;
    World other;

    /** One tenant per role subject (created once), and a fresh bounced subscriber in it for each test. */
    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("readd");
            otherTenant = fixtures.aTenant("readd-other");
        }
        a = fixtures.aWorld(tenant, 0);
        fixtures.aSoftBounceAndStatus(a, "550 5.1.1 <b>gone</b>", "Address is dead");
        other = fixtures.aWorld(otherTenant, 0);
        fixtures.aSoftBounceAndStatus(other, "550 5.1.1 gone", "Address is dead");
    }

    private static String minuteAgo() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
    }

    private static RequestSpecification evidence(String who, String when, String channel, String note) {
        RequestSpecification spec = Csrf.withFormToken(given()).redirects().follow(false);
        if (who != null) {
            spec = spec.formParam("requestedBy", who);
        }
        if (when != null) {
            spec = spec.formParam("requestedAt", when);
        }
        if (channel != null) {
            spec = spec.formParam("channel", channel);
        }
        if (note != null) {
            spec = spec.formParam("note", note);
        }
        return spec;
    }

    private Map<String, Object> subscriber(World w) {
        return subscriber(w.tenantId(), w.subscriberId());
    }

    private Map<String, Object> subscriber(String tenant, long id) {
        return db.one("select status, watch_sends_left, auto_reactivation_blocked from subscriber where tenant_id = ? and id = ?",
                tenant, id);
    }

    /** The message the re-add left for the next page. */
    private static String flash(Response r) {
        return URLDecoder.decode(r.getCookie("rebound-flash"), StandardCharsets.UTF_8);
    }

    @Test
    @TestSecurity(user = "readd-support", augmentors = MembershipAugmentor.class)
    void supportReaddsOnARecordedDirectRequestAndTheNextTwoSendsAreWatched() {
        evidence(a.subscriberEmail(), minuteAgo(), "phone", "Called: <script>alert(1)</script> wants the newsletter back")
                .post("/subscribers/" + a.subscriberId() + "/readd").then().statusCode(303);
        Map<String, Object> s = subscriber(a);
        assertEquals("subscribed", s.get("status"));
        assertEquals((short) 2, ((Number) s.get("watch_sends_left")).shortValue());
        assertEquals(1L, db.count("select count(*) from subscriber_readd where tenant_id = ? and subscriber_id = ?"
                + " and method = 'direct_request' and channel = 'phone' and recorded_by = 'readd-support'", a.tenantId(), a.subscriberId()));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and from_status = 'bounced' and to_status = 'subscribed' and cause = 'readd' and actor = 'readd-support'",
                a.tenantId(), a.subscriberId()));
        given().get("/subscribers/" + a.subscriberId()).then().statusCode(200)
                .body(containsString("aria-label=\"Status history\""))
                .body(containsString("aria-label=\"Re-adds\""))
                .body(containsString("Recorded direct request"))
                .body(containsString("aria-label=\"Watched sends\""))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")));
        // already subscribed: nothing to re-add
        evidence(a.subscriberEmail(), minuteAgo(), "phone", "again").post("/subscribers/" + a.subscriberId() + "/readd")
                .then().statusCode(422).body(containsString("already subscribed"));
    }

    @Test
    @TestSecurity(user = "readd-support", augmentors = MembershipAugmentor.class)
    void incompleteOrImplausibleEvidenceIsRefusedAndNothingChanges() {
        String path = "/subscribers/" + a.subscriberId() + "/readd";
        evidence(null, minuteAgo(), "phone", "note").post(path).then().statusCode(422).body(containsString("Who asked is required"));
        evidence("x@y.example", null, "phone", "note").post(path).then().statusCode(422).body(containsString("When they asked"));
        evidence("x@y.example", minuteAgo(), "carrier-pigeon", "note").post(path).then().statusCode(422);
        evidence("x@y.example", minuteAgo(), "phone", "  ").post(path).then().statusCode(422).body(containsString("A note is required"));
        evidence("x@y.example", "2999-01-01T10:00", "phone", "note").post(path).then().statusCode(422)
                .body(containsString("future"));
        evidence("x@y.example", "yesterday", "phone", "note").post(path).then().statusCode(422);
        evidence("x@y.example", minuteAgo(), "phone", "n".repeat(1001)).post(path).then().statusCode(422);
        assertEquals("bounced", subscriber(a).get("status"));
        assertEquals(0L, db.count("select count(*) from subscriber_readd where tenant_id = ? and subscriber_id = ?", a.tenantId(),
                a.subscriberId()));
        // another tenant's subscriber is invisible
        evidence("x@y.example", minuteAgo(), "phone", "note").post("/subscribers/" + other.subscriberId() + "/readd")
                .then().statusCode(404);
        assertEquals("bounced", subscriber(other).get("status"));
    }

    @Test
    @TestSecurity(user = "readd-marketer", augmentors = MembershipAugmentor.class)
    void aMarketerCannotReadd() {
        evidence("x@y.example", minuteAgo(), "phone", "note").post("/subscribers/" + a.subscriberId() + "/readd")
                .then().statusCode(403);
        assertEquals("bounced", subscriber(a).get("status"));
        given().get("/subscribers/" + a.subscriberId()).then().statusCode(200)
                .body(not(containsString("aria-label=\"Re-add on a recorded direct request\"")));
    }

    @Test
    @TestSecurity(user = "readd-admin", augmentors = MembershipAugmentor.class)
    void bulkReaddIsRefusedWithTheReason() {
        Csrf.withFormToken(given()).formParam("id", Long.toString(a.subscriberId())).formParam("id", "1")
                .post("/subscribers/readd").then().statusCode(409)
                .body(containsString("Bulk re-add is refused"))
                .body(containsString("bounce-rate damage compounds"));
        assertEquals("bounced", subscriber(a).get("status"));
        given().get("/subscribers/" + a.subscriberId()).then().statusCode(200)
                .body(containsString("aria-label=\"Re-add on a recorded direct request\""));
    }

    @Test
    @TestSecurity(user = "readdmail-support", augmentors = MembershipAugmentor.class)
    void aDirectReaddSendsOneWatchedTestMailThroughTheListsSendingServerAndTheHistorySaysSo() {
        SendingWorld x = simulators.open(fixtures, runner, listener, "readdmail");
        x.simulator.keepLastMessages();
        String email = "asked-back@example.net";
        long id = x.aBouncedSubscriber(fixtures, db, email);
        String server = (String) db.one("select name from sending_server where tenant_id = ? and id = ?", x.tenant,
                x.world.serverId()).get("name");

        Response r = evidence(email, minuteAgo(), "email", "Wrote to support: wants the newsletter back")
                .post("/subscribers/" + id + "/readd");
        r.then().statusCode(303);
        assertEquals(1, x.simulator.acceptedFor(email), "one test mail to the re-added address");
        assertEquals(1L, x.simulator.acceptedTotal(), "and nothing else");
        assertEquals(0L, x.simulator.refusedTotal());
        assertTrue(x.simulator.lastMessageTo(email).orElseThrow().contains("as you asked, you are back on the list"));
        assertEquals(1L, db.count("select count(*) from sent_message where tenant_id = ? and subscriber_id = ? and campaign_id = ?"
                + " and watched", x.tenant, id, x.world.campaignId()), "recorded as a watched send of the campaign");
        Map<String, Object> s = subscriber(x.tenant, id);
        assertEquals("subscribed", s.get("status"));
        assertEquals(2, ((Number) s.get("watch_sends_left")).intValue(), "the test mail comes on top of the two watched sends");
        assertTrue(flash(r).contains("A single test mail went out through the sending server " + server), flash(r));

        String why = (String) db.one("select why from subscriber_event where tenant_id = ? and subscriber_id = ? and cause = 'readd'",
                x.tenant, id).get("why");
        assertTrue(why.contains("a single watched test mail goes out through the sending server " + server), why);
        given().get("/subscribers/" + id).then().statusCode(200)
                .body(containsString("a single watched test mail goes out through the sending server " + server));
    }

    @Test
    @TestSecurity(user = "readdrefuse-support", augmentors = MembershipAugmentor.class)
    void aTestMailRefusedAtRcptIsABounceOnAWatchedSendAndFlipsTheAddressBackForGood() {
        worker.drain();
        SendingWorld x = simulators.open(fixtures, runner, listener, "readdrefuse");
        String email = "unknown-asked@example.net"; // the simulator refuses unknown-* at RCPT TO with 550 5.1.1
        long id = x.aBouncedSubscriber(fixtures, db, email);

        Response r = evidence(email, minuteAgo(), "phone", "Called: says the address works again")
                .post("/subscribers/" + id + "/readd");
        r.then().statusCode(303);
        assertEquals(1L, x.simulator.refusedTotal(), "exactly one try");
        assertEquals(0L, x.simulator.acceptedTotal());
        assertTrue(flash(r).contains("The receiving server refused the test mail"), flash(r));
        assertTrue(flash(r).contains("5.1.1"), flash(r));
        worker.drain();

        Map<String, Object> s = subscriber(x.tenant, id);
        assertEquals("bounced", s.get("status"), "a refusal of the watched test mail flips the address back");
        assertEquals(true, s.get("auto_reactivation_blocked"));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'watched-bounce' and to_status = 'bounced'", x.tenant, id));
        assertEquals(1L, db.count("select count(*) from bounce where tenant_id = ? and subscriber_id = ? and campaign_id = ?"
                + " and status_code = '5.1.1'", x.tenant, id, x.world.campaignId()), "recorded as a bounce like any other");
    }
}
