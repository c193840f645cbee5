package app.rebound.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Campaign sends through the bounce simulator, with its reports coming back through the real inbound listener. */
@QuarkusTest
class CampaignSendTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    CampaignSender sender;
    @Inject
    SendingSql sql;
    @Inject
    SmtpSender smtp;
    @Inject
    app.rebound.ingest.VerpKeys verpKeys;
    @Inject
    Rejections rejections;
    @Inject
    SendingConfig config;
    @Inject
    Db db;

    SendingWorld w;

    @AfterEach
    void stop() {
        sender.resume();
        if (w != null) {
            w.simulator.close();
        }
    }

    private String status(long subscriber) {
        return (String) db.one("select status from subscriber where tenant_id = ? and id = ?", w.tenant, subscriber).get("status");
    }

    @Test
    void everyKindOfReceiverAnswerEndsWhereTheAutoActionTableSays() throws Exception {
        w = new SendingWorld(fixtures, runner, listener, "send", RetryPolicy.DEFAULT, null);
        long ok = fixtures.someSubscribers(w.world, "fine", "example.net", 1).get(0);
        long unknown = w.subscribers(fixtures, "unknown", 1).get(0);
        long dead = w.subscribers(fixtures, "deaddomain", 1).get(0);
        long full = w.subscribers(fixtures, "mailboxfull", 1).get(0);
        long grey = w.subscribers(fixtures, "greylist", 1).get(0);
        long rate = w.subscribers(fixtures, "ratelimit", 1).get(0);
        long auth = w.subscribers(fixtures, "authfail", 1).get(0);
        long large = w.subscribers(fixtures, "toolarge", 1).get(0);
        long dsn = w.subscribers(fixtures, "dsn", 1).get(0);
        long complaint = w.subscribers(fixtures, "complaint", 1).get(0);
        long unsubscribed = w.subscribers(fixtures, "gone", 1).get(0);
        db.update("update subscriber set status = 'unsubscribed' where tenant_id = ? and id = ?", w.tenant, unsubscribed);
        long suppressed = w.subscribers(fixtures, "blocked", 1).get(0);
        db.update("insert into suppressed_address (id, tenant_id, email, reason, added_by) values (nextval('suppressed_address_seq'), ?, 'blocked-000@example.net', 'manual', 'test')", w.tenant);

        SendingSql.Progress p = sender.request(w.tenant, w.world.campaignId());
        // the world's own subscriber + 10 above; the unsubscribed and the suppressed are skipped
        assertEquals(11, p.total());
        assertEquals(2, p.skipped());
        assertEquals(11, sender.request(w.tenant, w.world.campaignId()).total(), "a second request lists nobody again");

        sender.sendCampaign(w.tenant, w.world.campaignId());
        SendingSql.Progress done = sql.progress(w.tenant, w.world.campaignId()).orElseThrow();
        assertEquals("done", done.state());
        assertEquals(4, done.count("sent"), done.byState().toString()); // world's user, fine, dsn, complaint
        assertEquals(7, done.count("refused"), done.byState().toString());
        assertEquals(1, w.simulator.acceptedFor("fine-000@example.net"));
        assertEquals(0, w.simulator.acceptedFor("gone-000@example.net"));
        assertEquals(0, w.simulator.acceptedFor("blocked-000@example.net"));
        assertEquals(4, w.simulator.acceptedTotal());

        // the simulator mails its DSN and complaint back to the VERP address, i.e. to the real listener
        w.simulator.awaitReports();
        assertEquals(2, w.simulator.reportsSent());
        worker.drain();

        assertEquals("subscribed", status(ok));
        assertEquals("bounced", status(unknown));
        assertEquals("bounced", status(dead));
        // a message problem (too large) and a sender-authentication refusal are not the address's fault: investigate
        for (long notTheAddress : List.of(large, auth)) {
            assertEquals("subscribed", status(notTheAddress));
            assertEquals("investigate", db.one("select action from bounce where tenant_id = ? and subscriber_id = ?",
                    w.tenant, notTheAddress).get("action"));
        }
        assertEquals("bounced", status(dsn));
        assertEquals("unsubscribed", status(complaint));
        assertEquals("complaint", db.one("select type from bounce where tenant_id = ? and subscriber_id = ?", w.tenant, complaint).get("type"));
        for (long soft : List.of(full, grey, rate)) {
            assertEquals("subscribed", status(soft));
            assertEquals("pending", db.one("select state from retry_state where tenant_id = ? and subscriber_id = ?", w.tenant, soft).get("state"));
        }
        // the SMTP-time refusal is a bounce with the server's verbatim reply
        String diag = (String) db.one("select diagnostic from bounce where tenant_id = ? and subscriber_id = ?", w.tenant, unknown).get("diagnostic");
        assertTrue(diag.contains("The email account that you tried to reach does not exist"), diag);
        // each sender thread hands its batch's refusals over as one input; concurrent claims (FOR UPDATE SKIP LOCKED)
        // may split the 11 recipients between senders, so count the refusals, not the inputs
        assertEquals(7L, db.count("""
                select count(*) from bounce b join inbound_message m on m.tenant_id = b.tenant_id and m.id = b.inbound_id
                 where b.tenant_id = ? and m.source = 'smtp_rejection'""", w.tenant));
        long inputs = db.count("select count(*) from inbound_message where tenant_id = ? and source = 'smtp_rejection'", w.tenant);
        assertTrue(inputs >= 1 && inputs <= config.connections(), "refusal inputs: " + inputs);
        assertEquals(2L, db.count("select count(*) from inbound_message where tenant_id = ? and source = 'smtp'", w.tenant));
        assertEquals(1L, db.count("select count(*) from campaign where tenant_id = ? and id = ? and recipients_count = 4",
                w.tenant, w.world.campaignId()));
    }

    @Test
    void twoSendersAgainstOneDatabaseNeverSendToAnyoneTwice() throws Exception {
        w = new SendingWorld(fixtures, runner, listener, "twice", RetryPolicy.DEFAULT, null);
        int n = 600;
        w.subscribers(fixtures, "r", n);
        sender.request(w.tenant, w.world.campaignId());
        // a second instance: its own in-memory state, the same database and SMTP server
        CampaignSender other = new CampaignSender(sql, smtp, runner, verpKeys, rejections, config, java.time.Clock.systemUTC());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = two.submit(() -> sender.sendCampaign(w.tenant, w.world.campaignId()));
            Future<Integer> b = two.submit(() -> other.sendCampaign(w.tenant, w.world.campaignId()));
            int sentA = a.get();
            int sentB = b.get();
            assertEquals(n + 1, sentA + sentB);
        } finally {
            two.shutdown();
        }
        assertEquals(n + 1, w.simulator.acceptedTotal());
        assertEquals(List.of(), w.simulator.acceptedMoreThanOnce());
        assertEquals("done", sql.progress(w.tenant, w.world.campaignId()).orElseThrow().state());
    }

    @Test
    void aRestartMidCampaignSendsNobodyTwice() throws Exception {
        // throttled to 200/s so the stop lands mid-campaign
        w = new SendingWorld(fixtures, runner, listener, "restart", RetryPolicy.DEFAULT, 200);
        int n = 300;
        w.subscribers(fixtures, "r", n);
        sender.request(w.tenant, w.world.campaignId());
        ExecutorService one = Executors.newSingleThreadExecutor();
        Future<Integer> first = one.submit(() -> sender.sendCampaign(w.tenant, w.world.campaignId()));
        while (w.simulator.acceptedTotal() < 50) {
            Thread.sleep(10);
        }
        sender.stop(); // what a shutdown does
        int before = first.get();
        one.shutdown();
        assertTrue(before < n + 1, "stopped mid-campaign, sent " + before);
        assertEquals("sending", sql.progress(w.tenant, w.world.campaignId()).orElseThrow().state());
        assertEquals(0, sql.progress(w.tenant, w.world.campaignId()).orElseThrow().count("sending"), "unsent claims given back");

        // a crashed instance leaves claims behind: they are never sent again (at most once)
        List<SendingSql.Recipient> orphaned = sql.claim(w.tenant, w.world.campaignId(), 3, Instant.now().minusSeconds(3600));
        assertEquals(3, orphaned.size());

        sender.resume(); // the restarted instance
        int after = sender.sendCampaign(w.tenant, w.world.campaignId());
        assertEquals(n + 1 - 3, before + after);
        assertEquals(n + 1 - 3, w.simulator.acceptedTotal());
        assertEquals(List.of(), w.simulator.acceptedMoreThanOnce());
        for (SendingSql.Recipient r : orphaned) {
            assertEquals(0, w.simulator.acceptedFor(r.email()));
        }
        SendingSql.Progress p = sql.progress(w.tenant, w.world.campaignId()).orElseThrow();
        assertEquals(3, p.count("interrupted"));
        assertEquals("done", p.state());
    }

    @Test
    void anUnknownCampaignIsRefusedClearly() {
        String t = fixtures.aTenant("nocamp");
        CampaignSender.SendRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                CampaignSender.SendRefusedException.class, () -> sender.request(t, 987654321L));
        assertTrue(e.getMessage().contains("No such campaign"));
        assertEquals(0L, db.count("select count(*) from campaign_send where tenant_id = ?", t));
    }
}
