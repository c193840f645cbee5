package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-add with evidence: role matrix, refused without evidence, watched afterwards, no bulk re-add on any route. */
@QuarkusTest
class ReaddTest {
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

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
        return db.one("select status, watch_sends_left, auto_reactivation_blocked from subscriber where tenant_id = ? and id = ?",
                w.tenantId(), w.subscriberId());
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
}
