package app.rebound.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Soft bounces re-sent on the policy's schedule, through the simulator; time travels through runOnce(now). */
@QuarkusTest
class RetrySchedulerTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    CampaignSender campaigns;
    @Inject
    RetryScheduler retries;
    @Inject
    SendingSql sql;
    @Inject
    SmtpSender smtp;
    @Inject
    Rejections rejections;
    @Inject
    SendingConfig config;
    @Inject
    Db db;

    SendingWorld w;

    @AfterEach
    void stop() {
        if (w != null) {
            w.simulator.close();
        }
    }

    private Object retry(long subscriber, String column) {
        return db.one("select " + column + " from retry_state where tenant_id = ? and subscriber_id = ?", w.tenant, subscriber).get(column);
    }

    private String status(long subscriber) {
        return (String) db.one("select status from subscriber where tenant_id = ? and id = ?", w.tenant, subscriber).get("status");
    }

    private List<Object> outcomes(long subscriber) {
        return db.rows("select outcome from retry_attempt where tenant_id = ? and subscriber_id = ? order by attempt",
                w.tenant, subscriber).stream().map(r -> r.get("outcome")).toList();
    }

    private Instant sendCampaign() {
        Instant t0 = Instant.now();
        campaigns.request(w.tenant, w.world.campaignId());
        campaigns.sendCampaign(w.tenant, w.world.campaignId());
        worker.drain();
        return t0;
    }

    @Test
    void aGreylistedAddressIsDeliveredOnRetryAndItsSoftStateClears() {
        w = new SendingWorld(fixtures, runner, listener, "grey", RetryPolicy.DEFAULT, null);
        long grey = w.subscribers(fixtures, "greylist", 1).get(0);
        Instant t0 = sendCampaign();
        assertEquals("pending", retry(grey, "state"));
        assertEquals(0, retries.runOnce(w.tenant, t0.plus(Duration.ofMinutes(30))), "not due before 1 hour");
        assertEquals(1, retries.runOnce(w.tenant, t0.plus(Duration.ofMinutes(61))));
        worker.drain();
        assertEquals("done", retry(grey, "state"));
        assertEquals(List.of("delivered"), outcomes(grey));
        assertEquals("subscribed", status(grey));
        assertEquals(1, w.simulator.acceptedFor("greylist-000@example.net"));
        assertEquals(0, retries.runOnce(w.tenant, t0.plus(Duration.ofDays(30))), "nothing left to retry");
    }

    @Test
    @io.quarkus.test.security.TestSecurity(user = "attempts-marketer", augmentors = app.rebound.tenant.MembershipAugmentor.class)
    void theSubscriberPageListsEachRetryAttemptWithItsOutcome() {
        w = new SendingWorld(fixtures, runner, listener, "attempts", RetryPolicy.DEFAULT, null);
        long grey = w.subscribers(fixtures, "greylist", 1).get(0);
        long full = w.subscribers(fixtures, "mailboxfull", 1).get(0);
        Instant t0 = sendCampaign();
        assertEquals(2, retries.runOnce(w.tenant, t0.plus(Duration.ofMinutes(61))));
        worker.drain();
        io.restassured.RestAssured.given().get("/subscribers/" + grey).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("aria-label=\"Retry attempts of this subscriber\""))
                .body(org.hamcrest.Matchers.containsString("<td>Delivered</td>"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Soft bounce again")));
        io.restassured.RestAssured.given().get("/subscribers/" + full).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<td>Soft bounce again</td>"))
                .body(org.hamcrest.Matchers.containsString("4.2.2"));
        // another tenant's subscriber is not reachable, so neither are its attempts
        io.restassured.RestAssured.given().get("/subscribers/" + fixtures.aWorld(fixtures.aTenant("attempts-other"), 1).subscriberId())
                .then().statusCode(404);
    }

    @Test
    void aFullMailboxExhaustsTheConservativePolicyAndConvertsToHard() {
        w = new SendingWorld(fixtures, runner, listener, "full", RetryPolicy.CONSERVATIVE, null);
        long full = w.subscribers(fixtures, "mailboxfull", 1).get(0);
        Instant t0 = sendCampaign();
        // conservative: retry 1 after 1 h, retry 2 after 24 h more, then hard
        Instant t1 = t0.plus(Duration.ofMinutes(61));
        assertEquals(1, retries.runOnce(w.tenant, t1));
        worker.drain();
        assertEquals("pending", retry(full, "state"));
        assertEquals(0, retries.runOnce(w.tenant, t1.plus(Duration.ofHours(23))), "retry 2 is due 24 h after retry 1");
        assertEquals(1, retries.runOnce(w.tenant, t1.plus(Duration.ofHours(24)).plusSeconds(60)));
        worker.drain();
        assertEquals(List.of("soft", "soft"), outcomes(full));
        assertEquals("exhausted", retry(full, "state"));
        assertEquals("bounced", status(full));
        assertEquals("retry-exhausted", db.one("select cause from subscriber_event where tenant_id = ? and subscriber_id = ?",
                w.tenant, full).get("cause"));
        assertEquals(0, retries.runOnce(w.tenant, t1.plus(Duration.ofDays(30))));
    }

    @Test
    void twoSchedulersAgainstOneDatabaseNeverSendTheSameRetryTwice() throws Exception {
        w = new SendingWorld(fixtures, runner, listener, "tworetry", RetryPolicy.DEFAULT, null);
        int n = 300;
        w.subscribers(fixtures, "greylist", n);
        Instant t0 = sendCampaign();
        assertEquals((long) n, db.count("select count(*) from retry_state where tenant_id = ? and state = 'pending'", w.tenant));
        RetryScheduler other = new RetryScheduler(sql, campaigns, smtp, rejections, config, Clock.systemUTC());
        Instant due = t0.plus(Duration.ofHours(2));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = two.submit(() -> retries.runOnce(w.tenant, due));
            Future<Integer> b = two.submit(() -> other.runOnce(w.tenant, due));
            assertEquals(n, a.get() + b.get());
        } finally {
            two.shutdown();
        }
        // the world's own subscriber was accepted at the first send; each greylisted address exactly once on retry
        assertEquals(n + 1, w.simulator.acceptedTotal());
        assertEquals(List.of(), w.simulator.acceptedMoreThanOnce());
        assertEquals((long) n, db.count("select count(*) from retry_attempt where tenant_id = ? and outcome = 'delivered'", w.tenant));
    }
}
