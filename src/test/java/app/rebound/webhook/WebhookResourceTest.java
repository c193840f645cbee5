package app.rebound.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.InboundParser;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.ParsedEvent;
import app.rebound.ingest.provider.MailgunVerifier;
import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.SendGridVerifier;
import app.rebound.ingest.provider.SharedSecrets;
import app.rebound.ingest.provider.SignedPayloads;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /webhooks/{provider}/{endpointId}} against the real database: no login, no CSRF token, each
 * provider's verification with keys this test generates, stored in the inbox only when verified and readable.
 * Every "nothing stored" check runs in a tenant that already holds a stored input, so it can fail.
 */
@QuarkusTest
class WebhookResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    ProviderEndpointService endpoints;
    @Inject
    InboundRows rows;
    @Inject
    TestSnsEndpoints sns;
    @Inject
    @Any
    Instance<InboundParser> parsers;

    private ProviderEndpointService.EndpointView endpoint(String tenant, Provider p, String key, String topicArn) {
        return runner.inTenant(tenant, () -> endpoints.create(p, p.id() + " " + UUID.randomUUID(), key, topicArn));
    }

    private static ValidatableResponse post(String path, String contentType, byte[] body, String... headers) {
        var req = given().contentType(contentType).body(body);
        for (int i = 0; i < headers.length; i += 2) {
            req = req.header(headers[i], headers[i + 1]);
        }
        return req.when().post(path).then();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- SendGrid ---------------------------------------------------------------------------------------------

    private static ValidatableResponse sendGrid(String path, KeyPair kp, byte[] signedBody, byte[] sentBody) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return post(path, "application/json", sentBody, SendGridVerifier.SIGNATURE_HEADER,
                SignedPayloads.sendGridSignature(kp.getPrivate(), ts, signedBody), SendGridVerifier.TIMESTAMP_HEADER, ts);
    }

    @Test
    void sendGridSignedBatchIsStoredOnceAndTamperedTwinsAreRefused() {
        String t = fixtures.aTenant("wh");
        KeyPair kp = SignedPayloads.ecKeyPair();
        String path = endpoint(t, Provider.SENDGRID, SignedPayloads.sendGridPublicKey(kp), null).path();
        byte[] body = bytes(SignedPayloads.resource("sendgrid-batch.json"));

        sendGrid(path, kp, body, body).statusCode(200).body(containsString("stored as input"));
        sendGrid(path, kp, body, body).statusCode(200).body(containsString("duplicate of stored input"));
        List<InboundRows.Row> stored = rows.of(t);
        assertEquals(1, stored.size());
        assertEquals(InboundSource.WEBHOOK_SENDGRID.code(), stored.get(0).source());
        assertArrayEquals(body, stored.get(0).body(), "stored exactly as it arrived");

        byte[] tampered = bytes(SignedPayloads.resource("sendgrid-batch.json").replace("tomas.novak", "tomas.nowak"));
        sendGrid(path, kp, body, tampered).statusCode(401).body(containsString("signature"));
        post(path, "application/json", body).statusCode(401);
        assertEquals(1, rows.of(t).size(), "nothing stored for refused requests");

        // The stored input turns into the events the workers record.
        InboundParser parser = parsers.stream().filter(p -> p.handles(InboundSource.WEBHOOK_SENDGRID)).findFirst().orElseThrow();
        List<ParsedEvent> events = parser.parse(InboundSource.WEBHOOK_SENDGRID, stored.get(0).body());
        assertEquals(6, events.size());
        assertEquals("sendgrid:Ym91bmNlLTIy", events.get(0).eventKey());
        assertTrue(events.get(0).report().recipients().get(0).suppress());
    }

    @Test
    void anotherTenantsEndpointWithThisTenantsKeyIsRefusedAndStoresNothing() {
        String mine = fixtures.aTenant("wh");
        String theirs = fixtures.aTenant("wh");
        KeyPair myKey = SignedPayloads.ecKeyPair();
        KeyPair theirKey = SignedPayloads.ecKeyPair();
        String myPath = endpoint(mine, Provider.SENDGRID, SignedPayloads.sendGridPublicKey(myKey), null).path();
        String theirPath = endpoint(theirs, Provider.SENDGRID, SignedPayloads.sendGridPublicKey(theirKey), null).path();
        byte[] body = bytes(SignedPayloads.resource("sendgrid-batch.json"));
        sendGrid(myPath, myKey, body, body).statusCode(200);
        sendGrid(theirPath, theirKey, body, body).statusCode(200);

        byte[] other = bytes("[{\"email\":\"x@victim.example\",\"event\":\"bounce\",\"type\":\"bounce\",\"status\":\"5.1.1\","
                + "\"reason\":\"550 5.1.1 no such user\",\"sg_event_id\":\"forged-1\"}]");
        sendGrid(theirPath, myKey, other, other).statusCode(401);
        assertEquals(1, rows.of(mine).size());
        assertEquals(1, rows.of(theirs).size());
        // The right provider and id in the wrong provider's URL is no endpoint at all.
        post(theirPath.replace("/sendgrid/", "/mailgun/"), "application/json", other).statusCode(404);
    }

    @Test
    void malformedOversizedAndEngagementOnlyPayloads() {
        String t = fixtures.aTenant("wh");
        KeyPair kp = SignedPayloads.ecKeyPair();
        String path = endpoint(t, Provider.SENDGRID, SignedPayloads.sendGridPublicKey(kp), null).path();
        byte[] good = bytes(SignedPayloads.resource("sendgrid-batch.json"));
        sendGrid(path, kp, good, good).statusCode(200);

        byte[] notArray = bytes("{\"event\":\"bounce\"}");
        sendGrid(path, kp, notArray, notArray).statusCode(400).body(containsString("JSON array"));
        byte[] truncated = bytes(SignedPayloads.resource("sendgrid-batch.json").substring(0, 300));
        sendGrid(path, kp, truncated, truncated).statusCode(400).body(containsString("not JSON"));
        byte[] opens = bytes("[{\"email\":\"r@mail.example\",\"event\":\"open\",\"sg_event_id\":\"o1\"}]");
        sendGrid(path, kp, opens, opens).statusCode(200).body(containsString("nothing stored"));
        String ts = Long.toString(Instant.now().getEpochSecond());
        post(path, "image/png", good, SendGridVerifier.SIGNATURE_HEADER,
                SignedPayloads.sendGridSignature(kp.getPrivate(), ts, good), SendGridVerifier.TIMESTAMP_HEADER, ts)
                .statusCode(400).body(containsString("content type"));
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        post(path, "application/json", huge).statusCode(413);
        assertEquals(1, rows.of(t).size());

        post("/webhooks/mandrill/" + "a".repeat(24), "application/json", good).statusCode(404);
        post("/webhooks/sendgrid/" + "b".repeat(24), "application/json", good).statusCode(404);
        post("/webhooks/sendgrid/..%2F..", "application/json", good).statusCode(404);
    }

    // --- Mailgun ----------------------------------------------------------------------------------------------

    private static byte[] mailgunSigned(String key, String token, long timestamp, String eventId) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(SignedPayloads.resource("mailgun-failed-permanent.json"));
        ObjectNode sig = (ObjectNode) p.get("signature");
        sig.put("timestamp", Long.toString(timestamp));
        sig.put("token", token);
        sig.put("signature", MailgunVerifier.sign(bytes(key), Long.toString(timestamp), token));
        ((ObjectNode) p.get("event-data")).put("id", eventId);
        return bytes(p.toString());
    }

    @Test
    void mailgunHmacIsVerifiedAndReplaysStaleAndForgedRequestsAreRefused() throws Exception {
        String t = fixtures.aTenant("wh");
        String key = "key-" + UUID.randomUUID();
        String path = endpoint(t, Provider.MAILGUN, key, null).path();
        long now = Instant.now().getEpochSecond();
        byte[] body = mailgunSigned(key, "tok-" + UUID.randomUUID(), now, "ev-1");
        post(path, "application/json", body).statusCode(200).body(containsString("stored as input"));
        post(path, "application/json", body).statusCode(401).body(containsString("already used"));
        post(path, "application/json", mailgunSigned("key-wrong", "tok-" + UUID.randomUUID(), now, "ev-2")).statusCode(401);
        post(path, "application/json", mailgunSigned(key, "tok-" + UUID.randomUUID(), now - 3600, "ev-3"))
                .statusCode(401).body(containsString("stale"));
        // A signed request that cannot be stored does not use up its token: the corrected retry is accepted.
        String token = "tok-" + UUID.randomUUID();
        ObjectNode broken = (ObjectNode) JSON.readTree(mailgunSigned(key, token, now, "ev-4"));
        ((ObjectNode) broken.get("event-data")).remove("id");
        post(path, "application/json", bytes(broken.toString())).statusCode(400).body(containsString("no id"));
        post(path, "application/json", mailgunSigned(key, token, now, "ev-4")).statusCode(200);
        List<InboundRows.Row> stored = rows.of(t);
        assertEquals(2, stored.size());
        assertTrue(stored.get(0).dedupeKey().startsWith("mailgun:ev-1:"), stored.get(0).dedupeKey());
        assertTrue(stored.get(0).sourceRef().startsWith("webhook:mailgun:"), stored.get(0).sourceRef());
    }

    // --- Postmark and SparkPost -------------------------------------------------------------------------------

    @Test
    void postmarkNeedsItsBasicAuthCredentials() {
        String t = fixtures.aTenant("wh");
        var e = endpoint(t, Provider.POSTMARK, null, null);
        byte[] body = bytes(SignedPayloads.resource("postmark-hardbounce.json"));
        post(e.path(), "application/json", body, "Authorization", SharedSecrets.basicHeader(e.basicUser(), e.basicPassword()))
                .statusCode(200);
        post(e.path(), "application/json", body, "Authorization", SharedSecrets.basicHeader(e.basicUser(), e.basicPassword() + "x"))
                .statusCode(401).header("WWW-Authenticate", containsString("Basic"));
        post(e.path(), "application/json", body).statusCode(401);
        assertEquals(1, rows.of(t).size());
        assertEquals("postmark:Bounce:4323372036", rows.of(t).get(0).dedupeKey());
    }

    @Test
    void sparkPostNeedsItsAuthorizationHeader() {
        String t = fixtures.aTenant("wh");
        var e = endpoint(t, Provider.SPARKPOST, null, null);
        byte[] body = bytes(SignedPayloads.resource("sparkpost-batch.json"));
        post(e.path(), "application/json", body, "Authorization", SharedSecrets.basicHeader(e.basicUser(), e.basicPassword()))
                .statusCode(200).body(containsString("5 events"));
        post(e.path(), "application/json", body, "Authorization", "Bearer " + e.basicPassword()).statusCode(401);
        assertEquals(1, rows.of(t).size());
    }

    // --- Amazon SES via SNS -----------------------------------------------------------------------------------

    @Test
    void sesNotificationsAreVerifiedDedupedByMessageIdAndTheTopicIsEnforced() {
        String t = fixtures.aTenant("wh");
        String path = endpoint(t, Provider.SES, null, "arn:aws:sns:eu-west-1:210987654321:rebound-bounces").path();
        String ses = SignedPayloads.resource("ses-bounce-permanent.json");
        String id = UUID.randomUUID().toString();
        byte[] body = SignedPayloads.bytes(SignedPayloads.snsNotification(id, ses, "1", SignedPayloads.snsKey()));
        post(path, "text/plain; charset=UTF-8", body).statusCode(200).body(containsString("2 events"));
        post(path, "text/plain; charset=UTF-8", body).statusCode(200).body(containsString("duplicate"));
        assertEquals("sns:" + id, rows.of(t).get(0).dedupeKey());

        ObjectNode tampered = SignedPayloads.snsNotification(id, ses, "1", SignedPayloads.snsKey());
        tampered.put("Message", ses.replace("\"Permanent\"", "\"Transient\""));
        post(path, "text/plain", SignedPayloads.bytes(tampered)).statusCode(401);

        ObjectNode foreignCert = SignedPayloads.snsNotification(UUID.randomUUID().toString(), ses, "2", SignedPayloads.snsKey());
        foreignCert.put("SigningCertURL", "https://attacker.example/sns.pem");
        int fetchesBefore = sns.fetched().size();
        post(path, "text/plain", SignedPayloads.bytes(SignedPayloads.sign(foreignCert, SignedPayloads.snsKey())))
                .statusCode(401).body(containsString("SigningCertURL"));
        assertTrue(fetchesBefore > 0, "the good notification fetched the certificate through the boundary");
        assertEquals(fetchesBefore, sns.fetched().size(), "no fetch from a foreign host");

        ObjectNode otherTopic = SignedPayloads.snsNotification(UUID.randomUUID().toString(), ses, "2", SignedPayloads.snsKey());
        otherTopic.put("TopicArn", "arn:aws:sns:eu-west-1:210987654321:someone-else");
        post(path, "text/plain", SignedPayloads.bytes(SignedPayloads.sign(otherTopic, SignedPayloads.snsKey()))).statusCode(403);
        assertEquals(1, rows.of(t).size());
    }

    @Test
    void sesSubscriptionIsConfirmedOnlyOnAnSnsHost() {
        String t = fixtures.aTenant("wh");
        String path = endpoint(t, Provider.SES, null, null).path();
        String good = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=" + UUID.randomUUID();
        post(path, "text/plain", SignedPayloads.bytes(SignedPayloads.snsSubscription(good, SignedPayloads.snsKey())))
                .statusCode(200).body(containsString("confirmed"));
        assertTrue(sns.confirmed().contains(URI.create(good)));

        String evil = "https://internal.example/admin?delete=all";
        post(path, "text/plain", SignedPayloads.bytes(SignedPayloads.snsSubscription(evil, SignedPayloads.snsKey())))
                .statusCode(401).body(containsString("SubscribeURL"));
        assertTrue(sns.confirmed().stream().noneMatch(u -> u.toString().equals(evil)));
        // A signed notification after the confirmation is stored; the confirmations were not.
        byte[] note = SignedPayloads.bytes(SignedPayloads.snsNotification(UUID.randomUUID().toString(),
                SignedPayloads.resource("ses-complaint.json"), "2", SignedPayloads.snsKey()));
        post(path, "text/plain", note).statusCode(200);
        assertEquals(1, rows.of(t).size());
    }
}
