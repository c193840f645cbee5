package app.rebound.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.Bounce;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.SendGridVerifier;
import app.rebound.ingest.provider.SignedPayloads;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole loop for a provider webhook: a signed SendGrid batch posted to the endpoint, stored, processed by the
 * ingestion workers, recorded once with the provider's classification, and acted on (a dead address bounced, a
 * complainer unsubscribed). The same batch again changes nothing.
 */
@QuarkusTest
class WebhookIngestionTest {
    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    ProviderEndpointService endpoints;
    @Inject
    IngestWorker worker;
    @Inject
    Db db;

    @Test
    void aSignedBatchBecomesRecordedBouncesAndActionsOnce() {
        String t = fixtures.aTenant("whe");
        World dead = fixtures.aWorld(t, 0);
        World complainer = fixtures.aWorld(t, 0);
        KeyPair kp = SignedPayloads.ecKeyPair();
        String path = runner.inTenant(t, () -> endpoints.create(Provider.SENDGRID, "SendGrid e2e",
                SignedPayloads.sendGridPublicKey(kp), null)).path();
        long now = Instant.now().getEpochSecond();
        String batch = "[" + ("""
                {"email":"%s","timestamp":%d,"event":"bounce","type":"bounce","bounce_classification":"Invalid Address",
                 "status":"5.1.1","reason":"550 5.1.1 The email account that you tried to reach does not exist.",
                 "sg_event_id":"e2e-bounce-%s","rebound_campaign":"%d","rebound_subscriber":"%d"}"""
                .formatted(dead.subscriberEmail(), now, t, dead.campaignId(), dead.subscriberId())) + ","
                + ("""
                {"email":"%s","timestamp":%d,"event":"spamreport","sg_event_id":"e2e-spam-%s",
                 "rebound_campaign":"%d","rebound_subscriber":"%d"}"""
                .formatted(complainer.subscriberEmail(), now, t, complainer.campaignId(), complainer.subscriberId()))
                + "," + ("""
                {"email":"%s","timestamp":%d,"event":"open","sg_event_id":"e2e-open-%s"}""".formatted(dead.subscriberEmail(), now, t))
                + "]";
        byte[] body = batch.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(now);
        for (int i = 0; i < 3; i++) {
            postSigned(path, kp, ts, body, body).statusCode(200).body(containsString("2 events"));
            worker.drain();
        }

        runner.inTenant(t, () -> {
            Subscriber gone = Subscriber.findById(dead.subscriberId());
            assertEquals(SubscriberStatus.BOUNCED, gone.status);
            Subscriber unhappy = Subscriber.findById(complainer.subscriberId());
            assertEquals(SubscriberStatus.UNSUBSCRIBED, unhappy.status);
            List<Bounce> bounces = Bounce.list("subscriber.id in ?1", List.of(dead.subscriberId(), complainer.subscriberId()));
            assertEquals(2, bounces.size(), "one bounce per event, however often the batch came");
            Bounce hard = bounces.stream().filter(b -> b.subscriber.id == dead.subscriberId()).findFirst().orElseThrow();
            assertEquals("bounce/Invalid Address", hard.providerClassification);
            assertEquals("5.1.1", hard.statusCode);
            assertTrue(hard.suppress);
            assertEquals("sendgrid:e2e-bounce-" + t, hard.eventKey);
            return null;
        });
    }

    @Test
    void aSignedUnsubscribeEventUnsubscribesOnceWithoutCountingAsAComplaint() {
        String t = fixtures.aTenant("whu");
        World leaver = fixtures.aWorld(t, 0);
        KeyPair kp = SignedPayloads.ecKeyPair();
        String path = runner.inTenant(t, () -> endpoints.create(Provider.SENDGRID, "SendGrid unsubscribe",
                SignedPayloads.sendGridPublicKey(kp), null)).path();
        long now = Instant.now().getEpochSecond();
        byte[] body = ("""
                [{"email":"%s","timestamp":%d,"event":"unsubscribe","sg_event_id":"e2e-unsub-%s",
                  "rebound_campaign":"%d","rebound_subscriber":"%d"}]"""
                .formatted(leaver.subscriberEmail(), now, t, leaver.campaignId(), leaver.subscriberId()))
                .getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(now);
        // A tampered twin is refused and changes nothing.
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("unsubscribe", "unsubscrib3").getBytes(StandardCharsets.UTF_8);
        postSigned(path, kp, ts, body, tampered).statusCode(401);
        worker.drain();
        runner.inTenant(t, () -> {
            assertEquals(SubscriberStatus.SUBSCRIBED, ((Subscriber) Subscriber.findById(leaver.subscriberId())).status);
            return null;
        });
        for (int i = 0; i < 2; i++) {
            postSigned(path, kp, ts, body, body).statusCode(200);
            worker.drain();
        }
        runner.inTenant(t, () -> {
            Subscriber s = Subscriber.findById(leaver.subscriberId());
            assertEquals(SubscriberStatus.UNSUBSCRIBED, s.status);
            List<Bounce> bounces = Bounce.list("subscriber.id", leaver.subscriberId());
            assertEquals(1, bounces.size(), "one recorded event, however often it came");
            Bounce b = bounces.get(0);
            assertEquals("unsubscribe", b.feedbackType);
            assertEquals("unsubscribed", b.action);
            assertTrue(b.actionHint.contains("not a complaint"), b.actionHint);
            return null;
        });
        assertEquals("unsubscribe", db.one("select cause from subscriber_event where tenant_id = ? and subscriber_id = ?",
                t, leaver.subscriberId()).get("cause"));
    }

    /** Posts {@code sent} with SendGrid's signature over {@code signed} (the same bytes, or a tampered twin's original). */
    private static ValidatableResponse postSigned(String path, KeyPair kp, String ts, byte[] signed, byte[] sent) {
        return given().contentType("application/json").body(sent)
                .header(SendGridVerifier.SIGNATURE_HEADER, SignedPayloads.sendGridSignature(kp.getPrivate(), ts, signed))
                .header(SendGridVerifier.TIMESTAMP_HEADER, ts)
                .post(path).then();
    }
}
