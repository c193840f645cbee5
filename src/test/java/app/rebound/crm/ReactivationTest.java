package app.rebound.crm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sending.SendingWorld;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.web.Csrf;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daily auto-reactivation against a table of cases, with its test mails going to the real bounce simulator and
 * the simulator's reports coming back through the real inbound listener and ingestion pipeline.
 */
@QuarkusTest
class ReactivationTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    Reactivation reactivation;
    @Inject
    Db db;

    final SendingWorld.Simulators simulators = new SendingWorld.Simulators();

    @AfterEach
    void stop() {
        simulators.closeAll();
    }

    /** A tenant whose campaign's sending server is a fresh bounce simulator mailing its reports to Rebound. */
    SendingWorld world(String prefix) {
        return simulators.open(fixtures, runner, listener, prefix);
    }

    static Timestamp daysAgo(double days) {
        return Timestamp.from(NOW.minus(Duration.ofMinutes((long) (days * 24 * 60))));
    }

    /** A subscriber on the world's list, with the given status (subscribed when null). */
    long subscriber(SendingWorld x, String email, String status) {
        long id = fixtures.someSubscribers(x.world, email.substring(0, email.indexOf('@')), email.substring(email.indexOf('@') + 1), 1)
                .get(0);
        // someSubscribers appends -000 to the prefix: put the exact address back
        db.update("update subscriber set email = ?, status = coalesce(?, status) where tenant_id = ? and id = ?", email, status,
                x.tenant, id);
        return id;
    }

    long bounce(SendingWorld x, long sub, String email, String type, String reason, boolean trap, double daysAgo) {
        long id = ((Number) db.one("select nextval('bounce_seq') as id").get("id")).longValue();
        db.update("""
                insert into bounce (id, tenant_id, campaign_id, subscriber_id, recipient_email, type, reason, fault, occurred_at,
                                    trap_suspicion, action)
                values (?, ?, ?, ?, ?, ?, ?, 'recipient', ?, ?, 'bounced')""",
                id, x.tenant, x.world.campaignId(), sub, email, type, reason, daysAgo(daysAgo), trap);
        return id;
    }

    void event(SendingWorld x, long sub, String from, String to, String cause, Long bounceId, double daysAgo) {
        db.update("""
                insert into subscriber_event (id, tenant_id, subscriber_id, from_status, to_status, changed_at, why, actor, cause, bounce_id)
                values (nextval('subscriber_event_seq'), ?, ?, ?, ?, ?, 'seeded', 'test', ?, ?)""",
                x.tenant, sub, from, to, daysAgo(daysAgo), cause, bounceId);
    }

    /** Bounced by a soft-to-hard conversion {@code days} ago (a mailbox-full soft bounce whose retries ran out). */
    long converted(SendingWorld x, String email, double days) {
        long s = subscriber(x, email, "bounced");
        long b = bounce(x, s, email, "soft", "mailboxfull", false, days);
        event(x, s, "subscribed", "bounced", "retry-exhausted", b, days);
        return s;
    }

    void activity(String tenant, String email, double daysAgo) {
        db.update("insert into crm_activity (id, tenant_id, email, source, kind, occurred_at) values (nextval('crm_activity_seq'), ?, ?, 'crm', 'login', ?)",
                tenant, email, daysAgo(daysAgo));
    }

    String status(SendingWorld x, long id) {
        return (String) db.one("select status from subscriber where tenant_id = ? and id = ?", x.tenant, id).get("status");
    }

    @Test
    @TestSecurity(user = "react-admin", augmentors = MembershipAugmentor.class)
    void exactlyTheEligibleSubscribersAreReactivatedAndGetOneTestMail() throws Exception {
        SendingWorld x = world("react");
        String d = "@example.net";
        // eligible: converted 10 days ago, CRM activity 2 days ago
        long eligible = converted(x, "ok-recent" + d, 10);
        activity(x.tenant, "ok-recent" + d, 2);
        // eligible: converted 35 days ago, activity 29 days ago (after the conversion, inside the 30-day window)
        long edge = converted(x, "ok-edge" + d, 35);
        activity(x.tenant, "ok-edge" + d, 29);

        Map<String, Long> not = new java.util.LinkedHashMap<>();
        not.put("activity only before the conversion", converted(x, "ok-before" + d, 10));
        activity(x.tenant, "ok-before" + d, 12);
        not.put("activity after the conversion but older than 30 days", converted(x, "ok-old" + d, 60));
        activity(x.tenant, "ok-old" + d, 40);
        not.put("no activity at all", converted(x, "ok-none" + d, 5));
        not.put("activity for another address only", converted(x, "ok-other" + d, 5));
        activity(x.tenant, "someone-else" + d, 1);
        long hard = subscriber(x, "ok-hard" + d, "bounced");
        event(x, hard, "subscribed", "bounced", "bounce", bounce(x, hard, "ok-hard" + d, "hard", "mailboxfull", false, 5), 5);
        activity(x.tenant, "ok-hard" + d, 1);
        not.put("bounced by a hard bounce, not a conversion", hard);
        long later = converted(x, "ok-later" + d, 20);
        event(x, later, "bounced", "subscribed", "readd", null, 15);
        event(x, later, "subscribed", "bounced", "bounce", bounce(x, later, "ok-later" + d, "hard", "blocked", false, 5), 5);
        activity(x.tenant, "ok-later" + d, 1);
        not.put("converted once, but bounced later by a hard bounce", later);
        long blocked = converted(x, "ok-blocked" + d, 10);
        db.update("update subscriber set auto_reactivation_blocked = true where tenant_id = ? and id = ?", x.tenant, blocked);
        activity(x.tenant, "ok-blocked" + d, 1);
        not.put("auto_reactivation_blocked", blocked);
        long unknown = converted(x, "ok-unknown" + d, 10);
        bounce(x, unknown, "ok-unknown" + d, "hard", "userunknown", false, 90);
        activity(x.tenant, "ok-unknown" + d, 1);
        not.put("an earlier bounce said unknown user", unknown);
        long deadDomain = converted(x, "ok-dead" + d, 10);
        bounce(x, deadDomain, "ok-dead" + d, "soft", "hostunknown", false, 30);
        activity(x.tenant, "ok-dead" + d, 1);
        not.put("an earlier bounce said dead domain", deadDomain);
        long complaint = converted(x, "ok-complaint" + d, 10);
        bounce(x, complaint, "ok-complaint" + d, "complaint", "feedback", false, 40);
        activity(x.tenant, "ok-complaint" + d, 1);
        not.put("a complaint", complaint);
        long trap = converted(x, "ok-trap" + d, 10);
        bounce(x, trap, "ok-trap" + d, "hard", "blocked", true, 40);
        activity(x.tenant, "ok-trap" + d, 1);
        not.put("a trap hit", trap);
        long suppressed = converted(x, "ok-suppressed" + d, 10);
        db.update("insert into suppressed_address (id, tenant_id, email, reason, added_by) values (nextval('suppressed_address_seq'), ?, ?, 'manual', 'test')",
                x.tenant, "ok-suppressed" + d);
        activity(x.tenant, "ok-suppressed" + d, 1);
        not.put("on the suppression list", suppressed);
        long elsewhere = converted(x, "ok-twice" + d, 10);
        activity(x.tenant, "ok-twice" + d, 1);
        Fixtures.World second = fixtures.aWorld(x.tenant, 0); // another list of the same tenant, same address
        long sibling = fixtures.someSubscribers(second, "sib", "example.net", 1).get(0);
        db.update("update subscriber set email = ? where tenant_id = ? and id = ?", "ok-twice" + d, x.tenant, sibling);
        bounce(x, sibling, "ok-twice" + d, "hard", "userunknown", false, 50);
        not.put("the same address on another list bounced as unknown user", elsewhere);
        long subscribed = subscriber(x, "ok-subscribed" + d, null);
        event(x, subscribed, "subscribed", "bounced", "retry-exhausted", null, 10);
        event(x, subscribed, "bounced", "subscribed", "readd", null, 8);
        activity(x.tenant, "ok-subscribed" + d, 1);
        not.put("already subscribed", subscribed);

        List<Long> picked = runner.inTenant(x.tenant, () -> reactivation.eligibleIds(NOW));
        assertEquals(List.of(eligible, edge).stream().sorted().toList(), picked, "exactly the eligible ones; not " + not.keySet());

        ReactivationRun run = reactivation.runTenant(x.tenant, NOW);
        assertEquals(2, run.recovered);
        assertEquals(2, run.testMailsSent);
        assertEquals(0, run.testMailsFailed);
        // bounced by a conversion now: the two recovered are subscribed again, the other 11 converted are still bounced
        assertEquals(13, run.conversions);
        // conversions in the 30-day window: all but ok-edge (35 days) and ok-old (60 days), plus the two that are
        // no longer bounced by them (ok-later, ok-subscribed): 13; the rate is 2 of 13
        assertEquals(2, run.candidates);
        assertEquals(13, run.windowConversions);
        assertEquals(30, run.windowDays);
        assertEquals("15.4 %", run.recoveryRate());
        assertEquals(null, run.startedBy);
        for (long id : List.of(eligible, edge)) {
            assertEquals("subscribed", status(x, id));
            Map<String, Object> e = db.one("""
                    select from_status, to_status, cause, actor, why from subscriber_event
                    where tenant_id = ? and subscriber_id = ? and cause = 'auto-reactivation'""", x.tenant, id);
            assertEquals("bounced", e.get("from_status"));
            assertEquals("subscribed", e.get("to_status"));
            assertEquals("auto-reactivation", e.get("actor"));
            assertTrue(((String) e.get("why")).contains("activity reported by a CRM"), (String) e.get("why"));
            assertEquals(2, ((Number) db.one("select watch_sends_left from subscriber where tenant_id = ? and id = ?", x.tenant, id)
                    .get("watch_sends_left")).intValue());
        }
        for (Map.Entry<String, Long> n : not.entrySet()) {
            String expected = n.getKey().equals("already subscribed") ? "subscribed" : "bounced";
            assertEquals(expected, status(x, n.getValue()), n.getKey());
        }
        // one test mail each, really handed to the simulator, nobody else got one
        assertEquals(1, x.simulator.acceptedFor("ok-recent" + d));
        assertEquals(1, x.simulator.acceptedFor("ok-edge" + d));
        assertEquals(2, x.simulator.acceptedTotal());
        assertEquals(1L, db.count("select count(*) from reactivation_run where tenant_id = ? and recovered = 2", x.tenant));

        // a second run the same day finds nobody: they are subscribed now
        assertEquals(0, reactivation.runTenant(x.tenant, NOW.plusSeconds(60)).recovered);
        assertEquals(2, x.simulator.acceptedTotal());
        // both runs on /admin, the reactivation in the subscriber's history
        given().get("/admin").then().statusCode(200).body(containsString("<table aria-label=\"Reactivation runs\">"),
                containsString("<td>schedule</td><td>2</td>\n      <td>2</td><td>13 <span class=\"muted\">(30 days)</span></td><td>15.4 %</td>\n      <td>13</td>"),
                containsString("<td>schedule</td><td>0</td>\n      <td>0</td><td>13 <span class=\"muted\">(30 days)</span></td><td>0.0 %</td>\n      <td>11</td>"));
        given().get("/subscribers/" + eligible).then().statusCode(200)
                .body(containsString("reactivated automatically after activity reported by a CRM"));
    }

    @Test
    @TestSecurity(user = "reactnow-admin", augmentors = MembershipAugmentor.class)
    void runNowOnTheAdminPageRunsForThisTenantAndReportsCandidatesReactivatedAndTheRecoveryRate() {
        SendingWorld x = world("reactnow");
        SendingWorld other = world("reactnow2");
        String d = "@example.org";
        for (int i = 0; i < 8; i++) {
            converted(x, "quiet-" + i + d, 3 + i); // converted in the window, no activity: counted, not a candidate
        }
        long active = converted(x, "active" + d, 6);
        activity(x.tenant, "active" + d, 1);
        long dead = converted(x, "dead" + d, 7);
        bounce(x, dead, "dead" + d, "hard", "userunknown", false, 50);
        activity(x.tenant, "dead" + d, 1);
        // converted before the window, active within it: reactivated, but not in the window's conversions
        long early = converted(x, "early" + d, 40);
        activity(x.tenant, "early" + d, 20);
        // the other tenant's eligible subscriber is not this admin's to run
        long theirs = converted(other, "active" + d, 6);
        activity(other.tenant, "active" + d, 1);

        given().get("/admin").then().statusCode(200).body(containsString("No run yet."),
                containsString("action=\"/admin/reactivation/run\""));
        Csrf.withHeaderToken(given().redirects().follow(false)).post("/admin/reactivation/run").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/admin"));

        Map<String, Object> run = db.one("""
                select candidates, recovered, window_conversions, window_days, conversions, started_by, test_mails_sent
                from reactivation_run where tenant_id = ?""", x.tenant);
        assertEquals(2, run.get("candidates"));
        assertEquals(2, run.get("recovered"));
        assertEquals(10, run.get("window_conversions"), "8 quiet, active and dead; early is older than the window");
        assertEquals(30, run.get("window_days"));
        assertEquals(11, run.get("conversions"));
        assertEquals("reactnow-admin", run.get("started_by"));
        assertEquals(2, run.get("test_mails_sent"));
        assertEquals("subscribed", status(x, active));
        assertEquals("subscribed", status(x, early));
        assertEquals("bounced", status(x, dead));
        assertEquals("bounced", status(other, theirs));
        assertEquals(0L, db.count("select count(*) from reactivation_run where tenant_id = ?", other.tenant));
        given().get("/admin").then().statusCode(200).body(
                containsString("<td>reactnow-admin</td><td>2</td>\n      <td>2</td><td>10 <span class=\"muted\">(30 days)</span></td><td>20.0 %</td>"));
    }

    @Test
    void aBounceOfTheWatchedTestMailFlipsTheSubscriberBackForGood() throws Exception {
        SendingWorld x = world("reactdsn");
        // the simulator accepts dsn-* addresses, then mails a delivery failure back to the VERP return path
        long s = converted(x, "dsn-back@example.net", 10);
        activity(x.tenant, "dsn-back@example.net", 1);
        // mailboxfull-* is refused at RCPT TO with 452: an SMTP-time refusal of the test mail, also watched
        long full = converted(x, "mailboxfull-back@example.net", 10);
        activity(x.tenant, "mailboxfull-back@example.net", 1);

        ReactivationRun run = reactivation.runTenant(x.tenant, NOW);
        assertEquals(2, run.recovered);
        assertEquals("subscribed", status(x, s));
        assertEquals("subscribed", status(x, full));
        x.simulator.awaitReports();
        worker.drain();

        for (long id : List.of(s, full)) {
            assertEquals("bounced", status(x, id));
            assertEquals(Boolean.TRUE, db.one("select auto_reactivation_blocked from subscriber where tenant_id = ? and id = ?",
                    x.tenant, id).get("auto_reactivation_blocked"));
            assertEquals("watched-bounce", db.one("""
                    select cause from subscriber_event where tenant_id = ? and subscriber_id = ? order by changed_at desc, id desc limit 1""",
                    x.tenant, id).get("cause"));
        }
        // fresh activity later changes nothing: automatic reactivation is blocked for good
        activity(x.tenant, "dsn-back@example.net", 0.5);
        assertEquals(0, reactivation.runTenant(x.tenant, NOW.plus(Duration.ofDays(1))).recovered);
        assertEquals("bounced", status(x, s));
    }

    @Test
    void eachTenantIsReactivatedOnItsOwnDataOnly() {
        SendingWorld a = world("reacta");
        SendingWorld b = world("reactb");
        long inA = converted(a, "ok-mine@example.net", 10);
        activity(a.tenant, "ok-mine@example.net", 1);
        // b's subscriber has the same address, but the CRM activity was reported to tenant a only
        long inB = converted(b, "ok-mine@example.net", 10);

        assertEquals(List.of(), runner.inTenant(b.tenant, () -> reactivation.eligibleIds(NOW)));
        assertEquals(0, reactivation.runTenant(b.tenant, NOW).recovered);
        assertEquals("bounced", status(b, inB));
        assertEquals("bounced", status(a, inA), "running tenant b touched nothing of tenant a");
        assertEquals(1, reactivation.runTenant(a.tenant, NOW).recovered);
        assertEquals("subscribed", status(a, inA));
        assertEquals("bounced", status(b, inB));
        assertEquals(0, b.simulator.acceptedTotal());
        assertEquals(1, a.simulator.acceptedTotal());
        assertEquals(0L, db.count("select count(*) from subscriber_event where tenant_id = ? and cause = 'auto-reactivation'", b.tenant));
    }
}
