package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sending.SendingWorld;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Re-add by fresh confirmation, end to end: the link is mailed through the campaign's sending server (the bounce
 * simulator), read from what the simulator received, opened and confirmed on the public page without a login; the
 * first mail goes out as a watched test send, and a bounce on it (the simulator's DSN, back through the inbound
 * listener and the ingestion pipeline) flips the address back and blocks automatic reactivation.
 */
@QuarkusTest
class ConfirmationReaddTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/confirm/([A-Za-z0-9_-]{43})");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    Confirmations confirmations;
    @Inject
    Db db;

    final SendingWorld.Simulators simulators = new SendingWorld.Simulators();

    @AfterEach
    void stop() {
        simulators.closeAll();
    }

    SendingWorld world(String prefix) {
        SendingWorld w = simulators.open(fixtures, runner, listener, prefix);
        w.simulator.keepLastMessages();
        return w;
    }

    long bounced(SendingWorld x, String email) {
        return x.aBouncedSubscriber(fixtures, db, email);
    }

    /** The token in the last mail the simulator accepted for {@code email} (the body decoded as a mail reader would). */
    static String tokenMailedTo(SendingWorld x, String email) throws Exception {
        String raw = x.simulator.lastMessageTo(email).orElseThrow(() -> new AssertionError("nothing mailed to " + email));
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        Matcher link = LINK.matcher((String) m.getContent());
        assertTrue(link.find(), "a confirmation link in: " + m.getContent());
        return link.group(1);
    }

    Map<String, Object> subscriber(SendingWorld x, long id) {
        return db.one("select status, watch_sends_left, auto_reactivation_blocked from subscriber where tenant_id = ? and id = ?",
                x.tenant, id);
    }

    /** The page's CSRF pair: the nonce cookie it set and its form's token. */
    record PagePair(String cookie, String field) {
        Response post(String token) {
            return given().cookie(Csrf.COOKIE, cookie).formParam(Csrf.FORM_FIELD, field).post("/confirm/" + token);
        }
    }

    /** Opens the link's page as a browser without a login would (no identity): its cookie and its button's token. */
    static PagePair openPage(String token) {
        Response page = given().get("/confirm/" + token);
        page.then().statusCode(200).body(containsString("aria-label=\"Confirm the subscription\""));
        Matcher field = FORM_TOKEN.matcher(page.asString());
        assertTrue(field.find(), "the page's form carries a CSRF token");
        return new PagePair(page.getCookie(Csrf.COOKIE), field.group(1));
    }

    static Response confirmAsABrowser(String token) {
        return openPage(token).post(token);
    }

    Confirmations.Mailed mailLink(SendingWorld x, long id, String note) {
        return runner.inTenant(x.tenant, () -> confirmations.request(id, note, "confpub-support", "http://localhost:8081/", Instant.now()));
    }

    @Test
    void theOwnersClickOnTheMailedLinkResubscribesAndTheFirstMailIsAWatchedTestSend() throws Exception {
        SendingWorld x = world("confpub");
        String email = "back-again@example.net";
        long id = bounced(x, email);
        mailLink(x, id, "Asked on the phone <b>twice</b>");
        assertEquals(1, x.simulator.acceptedFor(email));
        String token = tokenMailedTo(x, email);
        Map<String, Object> readd = db.one("select method, token_hash, confirmed_at, expires_at, recorded_by from subscriber_readd"
                + " where tenant_id = ? and subscriber_id = ?", x.tenant, id);
        assertEquals("confirmation", readd.get("method"));
        assertEquals(new ConfirmationToken(token).hash(), readd.get("token_hash"), "only the hash is stored");
        assertEquals(0L, db.count("select count(*) from subscriber_readd where token_hash = ? or note like ?", token, "%" + token + "%"));
        assertEquals("bounced", subscriber(x, id).get("status"), "nothing changes before the click");

        // a GET (what a link scanner does) changes nothing
        given().get("/confirm/" + token).then().statusCode(200).body(containsString(email))
                .body(containsString("aria-label=\"Confirm the subscription\""));
        assertEquals("bounced", subscriber(x, id).get("status"));
        assertEquals(null, db.one("select confirmed_at from subscriber_readd where tenant_id = ? and subscriber_id = ?", x.tenant, id)
                .get("confirmed_at"));
        // the button without the page's token is refused
        given().post("/confirm/" + token).then().statusCode(400);
        assertEquals("bounced", subscriber(x, id).get("status"));

        PagePair pair = openPage(token);
        pair.post(token).then().statusCode(200).body(containsString("aria-label=\"Confirmed\""));
        Map<String, Object> s = subscriber(x, id);
        assertEquals("subscribed", s.get("status"));
        assertEquals(2, ((Number) s.get("watch_sends_left")).intValue(), "the next two sends are watched");
        assertNotNull(db.one("select confirmed_at from subscriber_readd where tenant_id = ? and subscriber_id = ?", x.tenant, id)
                .get("confirmed_at"));
        Map<String, Object> event = db.one("select from_status, to_status, actor, cause, why from subscriber_event"
                + " where tenant_id = ? and subscriber_id = ? and cause = 'readd'", x.tenant, id);
        assertEquals("bounced", event.get("from_status"));
        assertEquals(Confirmations.ACTOR, event.get("actor"));
        assertTrue(((String) event.get("why")).contains("at confpub-support's request"), (String) event.get("why"));
        assertEquals(0L, db.count("select count(*) from suppressed_address where tenant_id = ? and email = ?", x.tenant, email),
                "the pipeline's hard-bounce entry is lifted");
        assertEquals(1L, db.count("select count(*) from suppression_log where tenant_id = ? and email = ? and action = 'removed'"
                + " and actor = ?", x.tenant, email, Confirmations.ACTOR));
        // the first mail: one test send, recorded as a watched send of the campaign
        assertEquals(2, x.simulator.acceptedFor(email));
        assertTrue(x.simulator.lastMessageTo(email).orElseThrow().contains("you are back on the list"));
        assertEquals(1L, db.count("select count(*) from sent_message where tenant_id = ? and subscriber_id = ? and campaign_id = ?"
                + " and watched", x.tenant, id, x.world.campaignId()));

        // used: the link says so, twice over, and nothing more is sent
        given().get("/confirm/" + token).then().statusCode(200).body(containsString("aria-label=\"Already used\""))
                .body(not(containsString("aria-label=\"Confirm the subscription\"")));
        pair.post(token).then().statusCode(200).body(containsString("aria-label=\"Already used\""));
        assertEquals(2, x.simulator.acceptedFor(email));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ? and cause = 'readd'",
                x.tenant, id));
    }

    @Test
    void aBounceOnTheFirstMailFlipsTheAddressBackAndBlocksAutomaticReactivation() throws Exception {
        worker.drain();
        SendingWorld x = world("confdsn");
        String email = "dsn-back@example.net"; // the simulator accepts, then mails a DSN back
        long id = bounced(x, email);
        mailLink(x, id, null);
        String token = tokenMailedTo(x, email);
        x.simulator.awaitReports(); // the DSN of the confirmation mail itself is recorded while the address is still bounced
        worker.drain();

        confirmAsABrowser(token).then().statusCode(200).body(containsString("aria-label=\"Confirmed\""));
        assertEquals("subscribed", subscriber(x, id).get("status"));
        x.simulator.awaitReports();
        worker.drain();

        Map<String, Object> s = subscriber(x, id);
        assertEquals("bounced", s.get("status"), "a bounce on the watched first mail flips the address back");
        assertEquals(true, s.get("auto_reactivation_blocked"));
        assertEquals(1L, db.count("select count(*) from subscriber_event where tenant_id = ? and subscriber_id = ?"
                + " and cause = 'watched-bounce' and to_status = 'bounced'", x.tenant, id));
    }

    @Test
    void unknownMalformedExpiredAndRefusedLinksAnswerAPageNotAnError() {
        SendingWorld x = world("confbad");
        given().get("/confirm/" + ConfirmationToken.random().value()).then().statusCode(404)
                .body(containsString("aria-label=\"Unknown link\""));
        given().get("/confirm/not-a-token").then().statusCode(404).body(containsString("aria-label=\"Unknown link\""));
        given().get("/confirm/" + "x".repeat(300)).then().statusCode(404);
        given().get("/confirm/%3Cscript%3E").then().statusCode(404).body(not(containsString("<script>")));

        String email = "late@example.net";
        long id = bounced(x, email);
        mailLink(x, id, null);
        String token;
        try {
            token = tokenMailedTo(x, email);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        db.update("update subscriber_readd set expires_at = now() - interval '1 minute' where tenant_id = ? and subscriber_id = ?",
                x.tenant, id);
        given().get("/confirm/" + token).then().statusCode(410).body(containsString("aria-label=\"Expired\""))
                .body(not(containsString("aria-label=\"Confirm the subscription\"")));
        assertEquals("bounced", subscriber(x, id).get("status"));

        // an admin's own suppression entry: the link cannot re-subscribe, and says so
        String listed = "listed@example.net";
        long other = bounced(x, listed);
        mailLink(x, other, null);
        db.update("update suppressed_address set reason = 'manual', added_by = 'confbad-admin' where tenant_id = ? and email = ?",
                x.tenant, listed);
        String t2;
        try {
            t2 = tokenMailedTo(x, listed);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        given().get("/confirm/" + t2).then().statusCode(409).body(containsString("aria-label=\"Cannot confirm\""));
        assertEquals("bounced", subscriber(x, other).get("status"));
    }

    @Test
    void oneLinkAtATimeAtMostThreeAMonthAndARefusedMailLeavesNothing() {
        SendingWorld x = world("confrate");
        String email = "patient@example.net";
        long id = bounced(x, email);
        mailLink(x, id, null);
        SubscriberLifecycle.Refused pending = assertThrows(SubscriberLifecycle.Refused.class, () -> mailLink(x, id, null));
        assertTrue(pending.getMessage().contains("no second link while it is pending"), pending.getMessage());
        for (int i = 0; i < 2; i++) {
            db.update("update subscriber_readd set expires_at = now() - interval '1 minute' where tenant_id = ? and subscriber_id = ?",
                    x.tenant, id);
            mailLink(x, id, null);
        }
        db.update("update subscriber_readd set expires_at = now() - interval '1 minute' where tenant_id = ? and subscriber_id = ?",
                x.tenant, id);
        SubscriberLifecycle.Refused rate = assertThrows(SubscriberLifecycle.Refused.class, () -> mailLink(x, id, null));
        assertTrue(rate.getMessage().contains("Already 3 confirmation links"), rate.getMessage());
        assertEquals(3, x.simulator.acceptedFor(email));

        // the receiving server refuses the address at RCPT: said in words, nothing stored
        String dead = "unknown-gone@example.net";
        long deadId = bounced(x, dead);
        SubscriberLifecycle.Refused refused = assertThrows(SubscriberLifecycle.Refused.class, () -> mailLink(x, deadId, null));
        assertTrue(refused.getMessage().contains("The receiving server refused the address"), refused.getMessage());
        assertTrue(refused.getMessage().contains("5.1.1"), refused.getMessage());
        assertEquals(0L, db.count("select count(*) from subscriber_readd where tenant_id = ? and subscriber_id = ?", x.tenant, deadId));

        // hostile note: control characters refused before anything is stored or sent
        String fresh = "fresh@example.net";
        long freshId = bounced(x, fresh);
        assertThrows(SubscriberLifecycle.Refused.class, () -> mailLink(x, freshId, "bad\u0000note"));
        assertEquals(0L, db.count("select count(*) from subscriber_readd where tenant_id = ? and subscriber_id = ?", x.tenant, freshId));
        assertEquals(0, x.simulator.acceptedFor(fresh));
    }

    @Test
    @TestSecurity(user = "confsup-support", augmentors = MembershipAugmentor.class)
    void supportSendsTheLinkFromTheSubscriberPage() throws Exception {
        SendingWorld x = world("confsup");
        String email = "page@example.net";
        long id = bounced(x, email);
        given().get("/subscribers/" + id).then().statusCode(200).body(containsString("aria-label=\"Send a confirmation link\""));
        Csrf.withFormToken(given()).redirects().follow(false).formParam("note", "Customer <i>wrote</i> in")
                .post("/subscribers/" + id + "/confirmation").then().statusCode(303);
        String token = tokenMailedTo(x, email);
        given().get("/subscribers/" + id).then().statusCode(200)
                .body(containsString("Fresh confirmation: link mailed, waiting for the click"))
                .body(containsString("&lt;i&gt;wrote&lt;/i&gt;"))
                .body(not(containsString(token)));
        Csrf.withFormToken(given()).formParam("note", "again").post("/subscribers/" + id + "/confirmation").then().statusCode(422)
                .body(containsString("no second link while it is pending"));
        assertEquals(1, x.simulator.acceptedFor(email));
        // bulk: refused with the reason
        Csrf.withFormToken(given()).formParam("id", String.valueOf(id)).formParam("id", "1")
                .post("/subscribers/confirmation").then().statusCode(409).body(containsString("Bulk re-add is refused"));
    }
}
