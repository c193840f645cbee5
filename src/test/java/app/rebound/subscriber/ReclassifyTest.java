package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reclassify: support corrects a bounce with a note, status re-derived from the corrected history, both versions kept. */
@QuarkusTest
class ReclassifyTest {
    static String tenant;
    static String otherTenant;
    World a;
    World other;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    Db db;

    /** A subscriber with one hard 5.1.1 bounce on the address's side, bounced because of it. */
    private World aBouncedSubscriber(String t) {
        World w = fixtures.aWorld(t, 1);
        runner.inTenant(t, () -> {
            Subscriber s = Subscriber.findById(w.subscriberId());
            s.changeStatus(SubscriberStatus.BOUNCED, "Address is dead", Instant.now());
            return null;
        });
        return w;
    }

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("recl");
            otherTenant = fixtures.aTenant("recl-other");
        }
        a = aBouncedSubscriber(tenant);
        other = aBouncedSubscriber(otherTenant);
    }

    private String status(World w) {
        return (String) db.one("select status from subscriber where tenant_id = ? and id = ?", w.tenantId(), w.subscriberId())
                .get("status");
    }

    @Test
    @TestSecurity(user = "recl-support", augmentors = MembershipAugmentor.class)
    void correctingTheOnlyHardBounceReDerivesTheStatusAndKeepsBothVersions() {
        long bounce = a.bounceIds().get(0);
        Csrf.withFormToken(given()).redirects().follow(false).formParam("type", "soft").formParam("fault", "recipient")
                .formParam("note", "Was a full mailbox <b>misread</b>").post("/subscribers/bounces/" + bounce + "/reclassify")
                .then().statusCode(303);
        assertEquals("subscribed", status(a));
        assertEquals("soft", db.one("select type from bounce where tenant_id = ? and id = ?", tenant, bounce).get("type"));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'reclassify' and from_status = 'bounced' and to_status = 'subscribed' and actor = 'recl-support'",
                tenant, a.subscriberId()));

        Csrf.withFormToken(given()).redirects().follow(false).formParam("type", "hard").formParam("fault", "recipient")
                .formParam("note", "It was dead after all").post("/subscribers/bounces/" + bounce + "/reclassify")
                .then().statusCode(303);
        assertEquals("bounced", status(a));
        assertEquals(2L, db.count("select count(*) from bounce_reclassification where tenant_id = ? and bounce_id = ?", tenant, bounce));
        assertEquals(1L, db.count("select count(*) from bounce_reclassification where tenant_id = ? and bounce_id = ?"
                + " and from_type = 'hard' and to_type = 'soft'", tenant, bounce));
        given().get("/subscribers/" + a.subscriberId()).then().statusCode(200)
                .body(containsString("aria-label=\"Reclassifications\""))
                .body(containsString("&lt;b&gt;misread&lt;/b&gt;"))
                .body(containsString("a bounce was reclassified"));
    }

    private void listed(World w, String reason, String addedBy) {
        db.update("insert into suppressed_address (id, tenant_id, email, reason, added_by) values (nextval('suppressed_address_seq'),"
                + " ?, ?, ?, ?)", w.tenantId(), w.subscriberEmail(), reason, addedBy);
    }

    private Map<String, Object> entry(World w) {
        return db.rows("select reason, added_by from suppressed_address where tenant_id = ? and email = ?", w.tenantId(),
                w.subscriberEmail()).stream().findFirst().orElse(null);
    }

    private static void reclassify(long bounce, String type, String note) {
        Csrf.withFormToken(given()).redirects().follow(false).formParam("type", type).formParam("fault", "recipient")
                .formParam("note", note).post("/subscribers/bounces/" + bounce + "/reclassify").then().statusCode(303);
    }

    @Test
    @TestSecurity(user = "recl-support", augmentors = MembershipAugmentor.class)
    void hardToSoftLiftsThePipelinesSuppressionEntryAndBackToHardListsItAgainWithEveryStepLogged() {
        listed(a, "hard_bounce", "auto-action"); // what the pipeline wrote when the hard bounce bounced the subscriber
        long bounce = a.bounceIds().get(0);
        reclassify(bounce, "soft", "Mailbox was full, the receiver said 550 by mistake");
        assertEquals("subscribed", status(a));
        assertNull(entry(a), "the entry the hard bounce caused is lifted");
        Map<String, Object> removed = db.one("select actor, reason, note from suppression_log where tenant_id = ? and email = ?"
                + " and action = 'removed'", tenant, a.subscriberEmail());
        assertEquals("recl-support", removed.get("actor"));
        assertEquals("hard_bounce", removed.get("reason"));
        assertTrue(((String) removed.get("note")).contains("reclassified hard/recipient → soft/recipient"), (String) removed.get("note"));

        reclassify(bounce, "hard", "Checked again: the mailbox is gone");
        assertEquals("bounced", status(a));
        assertEquals(Map.of("reason", "hard_bounce", "added_by", "auto-action"), entry(a), "listed again as the pipeline would");
        assertEquals(1L, db.count("select count(*) from suppression_log where tenant_id = ? and email = ? and action = 'added'"
                + " and actor = 'recl-support'", tenant, a.subscriberEmail()));
        // both versions stay in the audit trail: two reclassifications, two status changes
        assertEquals(2L, db.count("select count(*) from bounce_reclassification where tenant_id = ? and bounce_id = ?", tenant, bounce));
        assertEquals(2L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ? and cause = 'reclassify'",
                tenant, a.subscriberId()));
    }

    @Test
    @TestSecurity(user = "recl-support", augmentors = MembershipAugmentor.class)
    void anAdminsEntryAndAnotherBouncedSubscriberOfTheAddressKeepTheAddressListed() {
        listed(a, "manual", "recl-admin");
        reclassify(a.bounceIds().get(0), "soft", "not dead");
        assertEquals("subscribed", status(a));
        assertEquals(Map.of("reason", "manual", "added_by", "recl-admin"), entry(a), "an admin's entry is the admin's to remove");

        World b = aBouncedSubscriber(tenant);
        listed(b, "hard_bounce", "auto-action");
        World sameAddress = fixtures.aWorld(tenant, 0); // another list, same address, bounced there too
        db.update("update subscriber set email = ?, status = 'bounced' where tenant_id = ? and id = ?", b.subscriberEmail(), tenant,
                sameAddress.subscriberId());
        reclassify(b.bounceIds().get(0), "soft", "not dead on this list");
        assertEquals("subscribed", status(b));
        assertEquals(Map.of("reason", "hard_bounce", "added_by", "auto-action"), entry(b),
                "still listed: the address is bounced on another list");
    }

    @Test
    @TestSecurity(user = "recl-support", augmentors = MembershipAugmentor.class)
    void refusedWithoutANoteWithAnUnknownTypeOrForAnotherTenant() {
        long bounce = a.bounceIds().get(0);
        String path = "/subscribers/bounces/" + bounce + "/reclassify";
        Csrf.withFormToken(given()).formParam("type", "soft").formParam("fault", "recipient").post(path).then().statusCode(422)
                .body(containsString("note"));
        Csrf.withFormToken(given()).formParam("type", "bogus").formParam("fault", "recipient").formParam("note", "x").post(path)
                .then().statusCode(422);
        Csrf.withFormToken(given()).formParam("type", "hard").formParam("fault", "recipient").formParam("note", "x").post(path)
                .then().statusCode(422).body(containsString("already"));
        Csrf.withFormToken(given()).formParam("type", "soft").formParam("fault", "recipient").formParam("note", "x")
                .post("/subscribers/bounces/" + other.bounceIds().get(0) + "/reclassify").then().statusCode(404);
        assertEquals("bounced", status(a));
        assertEquals("bounced", status(other));
        assertEquals(0L, db.count("select count(*) from bounce_reclassification where tenant_id in (?, ?) and bounce_id in (?, ?)",
                tenant, otherTenant, bounce, other.bounceIds().get(0)));
    }

    @Test
    @TestSecurity(user = "recl-marketer", augmentors = MembershipAugmentor.class)
    void aMarketerCannotReclassify() {
        Csrf.withFormToken(given()).formParam("type", "soft").formParam("fault", "recipient").formParam("note", "x")
                .post("/subscribers/bounces/" + a.bounceIds().get(0) + "/reclassify").then().statusCode(403);
        assertEquals("bounced", status(a));
    }
}
