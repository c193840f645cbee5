package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored inputs through the real workers into bounces, actions and history, against PostgreSQL. */
@QuarkusTest
class IngestPipelineTest {
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    String tenant;
    Fixtures.World world;
    List<Long> subs;
    Verp verp;

    @BeforeEach
    void world() {
        worker.drain(); // leftovers of other tests must not count here
        tenant = fixtures.aTenant("pipe");
        world = fixtures.aWorld(tenant, 0);
        subs = fixtures.someSubscribers(world, "p", "example.com", 8);
        verp = verpKeys.activeKey(tenant);
    }

    private String email(int i) {
        return String.format("p-%03d@example.com", i);
    }

    private String returnPath(int i) {
        return verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(i)), "bounces." + tenant + ".test");
    }

    private long send(int i, String status, String diagnostic) {
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(returnPath(i), email(i), status, diagnostic));
        return inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", mail, "test", null)).inboundId();
    }

    private Map<String, Object> bounceOf(long inboundId) {
        return db.one("select type, action, investigate, action_hint, status_code, reason, fault, subscriber_id, campaign_id,"
                + " recipient_domain, link_source from bounce where tenant_id = ? and inbound_id = ?", tenant, inboundId);
    }

    private String statusOf(int i) {
        return (String) db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, subs.get(i)).get("status");
    }

    @Test
    void theSixAcceptanceRowsEndToEnd() {
        long dead = send(0, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist");
        long full = send(1, "5.2.2", "550 5.2.2 The email account that you tried to reach is over quota");
        long auth = send(2, "5.7.1", "550 5.7.1 Message rejected: not authenticated");
        long size = send(3, "5.2.5", "550 5.2.5 The message exceeded the maximum size");
        long grey = send(4, "4.7.0", "451 4.7.0 Greylisted, please try again later");
        long dns = send(5, "5.4.4", "550 5.4.4 Unable to route: DNS lookup failed for the recipient domain");
        assertEquals(6, worker.drain());

        Map<String, Object> b = bounceOf(dead);
        assertEquals("hard", b.get("type"));
        assertEquals("bounced", b.get("action"));
        assertEquals("bounced", statusOf(0));
        assertEquals("example.com", b.get("recipient_domain"));
        assertEquals("verp", b.get("link_source"));
        assertEquals(world.campaignId(), b.get("campaign_id"));

        b = bounceOf(full);
        assertEquals("soft", b.get("type"));
        assertEquals("retry", b.get("action"));
        assertEquals("subscribed", statusOf(1));
        assertEquals(1L, db.count("select count(*) from retry_state where tenant_id = ? and subscriber_id = ? and state = 'pending'"
                + " and next_retry_at is not null", tenant, subs.get(1)));

        b = bounceOf(auth);
        assertEquals("hard", b.get("type"));
        assertEquals("investigate", b.get("action"));
        assertEquals(true, b.get("investigate"));
        assertTrue(((String) b.get("action_hint")).toLowerCase().contains("investigate your setup"), (String) b.get("action_hint"));
        assertEquals("subscribed", statusOf(2));

        b = bounceOf(size);
        assertEquals("hard", b.get("type"));
        assertEquals("investigate", b.get("action"));
        assertTrue(((String) b.get("action_hint")).toLowerCase().contains("reduce the message size"), (String) b.get("action_hint"));
        assertEquals("subscribed", statusOf(3));

        b = bounceOf(grey);
        assertEquals("soft", b.get("type"));
        assertEquals("retry", b.get("action"));
        assertEquals("subscribed", statusOf(4));

        b = bounceOf(dns);
        assertEquals("bounced", b.get("action"));
        assertEquals("bounced", statusOf(5));

        // every status change is in the history, with the bounce that caused it
        List<Map<String, Object>> events = db.rows("select subscriber_id, from_status, to_status, cause, actor, bounce_id"
                + " from subscriber_event where tenant_id = ? order by subscriber_id", tenant);
        assertEquals(2, events.size());
        assertEquals(subs.get(0), events.get(0).get("subscriber_id"));
        assertEquals("subscribed", events.get(0).get("from_status"));
        assertEquals("bounced", events.get(0).get("to_status"));
        assertEquals("auto-action", events.get(0).get("actor"));
        assertEquals(db.one("select id from bounce where tenant_id = ? and inbound_id = ?", tenant, dead).get("id"),
                events.get(0).get("bounce_id"));
        assertEquals(6L, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'done'", tenant));
    }

    @Test
    void aComplaintUnsubscribesAndATrapHitFlagsTheIp() {
        String arf = String.join("\r\n",
                "From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>",
                "To: " + returnPath(6),
                "Subject: FW: Our offers",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"",
                "",
                "--F",
                "Content-Type: text/plain",
                "",
                "This is an email abuse report.",
                "",
                "--F",
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: abuse",
                "User-Agent: Yahoo!-Mail-Feedback/2.0",
                "Version: 0.1",
                "Original-Rcpt-To: " + email(6),
                "Original-Mail-From: " + returnPath(6),
                "",
                "--F",
                "Content-Type: message/rfc822",
                "",
                "Message-ID: <arf-orig@rebound.test>",
                "To: " + email(6),
                "Subject: Our offers",
                "",
                "Hi",
                "--F--",
                "");
        long complaint = inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822",
                arf.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test", null)).inboundId();
        long trap = send(7, "5.7.1", "550 5.7.1 Message rejected: the recipient address is a spam trap (spamtrap hit) listed at Spamhaus");
        worker.drain();
        Map<String, Object> c = bounceOf(complaint);
        assertEquals("complaint", c.get("type"));
        assertEquals("unsubscribed", c.get("action"));
        assertEquals("unsubscribed", statusOf(6));
        Map<String, Object> t = bounceOf(trap);
        assertEquals("unsubscribed", t.get("action"));
        assertEquals("unsubscribed", statusOf(7));
        assertEquals(1L, db.count("select count(*) from flagged_ip where tenant_id = ? and ip = '192.0.2.25'", tenant));
    }

    @Test
    void softBouncesBeyondTheRetryPolicyConvertToHard() {
        int max = app.rebound.sendingserver.RetryPolicy.DEFAULT.maxAttempts();
        long last = 0;
        for (int n = 0; n <= max; n++) {
            // each retry is a new message (its own Message-ID); the same message bouncing twice would count once
            byte[] mail = BounceMails.dsn(BounceMails.aBounce(returnPath(1), email(1), "4.2.2",
                    "452 4.2.2 The email account that you tried to reach is over quota").withMessageId("try-" + n + "@rebound.test"));
            last = inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", mail, "test", null)).inboundId();
            worker.drain();
            if (n < max) {
                assertEquals("subscribed", statusOf(1), "after soft bounce " + (n + 1));
            }
        }
        assertEquals("bounced", statusOf(1));
        assertEquals("bounced", bounceOf(last).get("action"));
        assertEquals("retry-exhausted", db.one("select cause from subscriber_event where tenant_id = ? and subscriber_id = ?",
                tenant, subs.get(1)).get("cause"));
        assertEquals("exhausted", db.one("select state from retry_state where tenant_id = ? and subscriber_id = ?",
                tenant, subs.get(1)).get("state"));
    }

    @Test
    void forgedVerpAndUnknownIdsGoToQuarantineWithWhy() {
        String forged = returnPath(0).replaceFirst("\\.[0-9a-f]{16}@", ".0123456789abcdef@");
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(forged, "nobody@nowhere.test", "5.1.1", "550 5.1.1 no such user"));
        long id = inbox.accept(new InboundInput(tenant, InboundSource.API, null, null, mail, "test", null)).inboundId();
        long plain = inbox.accept(new InboundInput(tenant, InboundSource.API, null, null,
                "From: a@b.test\r\nTo: c@d.test\r\nSubject: hello\r\n\r\nJust a note.\r\n".getBytes(), "test", null)).inboundId();
        long truncated = inbox.accept(new InboundInput(tenant, InboundSource.API, null, null,
                java.util.Arrays.copyOf(BounceMails.dsn(BounceMails.aBounce(returnPath(0), email(0), "5.1.1", "550 5.1.1 x")), 300),
                "test", null)).inboundId();
        worker.drain();
        Map<String, Object> q = db.one("select state, last_error from inbound_message where tenant_id = ? and id = ?", tenant, id);
        assertEquals("quarantined", q.get("state"));
        assertTrue(((String) q.get("last_error")).contains("Cannot link"), (String) q.get("last_error"));
        Map<String, Object> p = db.one("select state, last_error from inbound_message where tenant_id = ? and id = ?", tenant, plain);
        assertEquals("quarantined", p.get("state"));
        assertTrue(((String) p.get("last_error")).startsWith("Not a bounce"), (String) p.get("last_error"));
        assertEquals("quarantined", db.one("select state from inbound_message where tenant_id = ? and id = ?", tenant, truncated)
                .get("state"));
        assertEquals(0L, db.count("select count(*) from bounce where tenant_id = ?", tenant));
        assertEquals("subscribed", statusOf(0));
        assertFalse(db.rows("select 1 from inbound_message where tenant_id = ? and state = 'pending'", tenant).size() > 0);
    }
}
