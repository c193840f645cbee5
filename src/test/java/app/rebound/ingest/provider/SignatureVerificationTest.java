package app.rebound.ingest.provider;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every provider's verification with keys this test generates, and for each a tampered twin that must be
 * refused. The SNS certificate fetch is a boundary (AWS cannot be reached here): a test source serves the
 * test's own certificate and records which URLs were asked for.
 */
class SignatureVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SES = SignedPayloads.resource("ses-bounce-permanent.json");

    /** Serves one certificate for the expected URL and records every fetch. */
    static final class TestCertificates implements SnsVerifier.CertificateSource {
        final List<URI> fetched = new ArrayList<>();
        final X509Certificate cert;

        TestCertificates(X509Certificate cert) {
            this.cert = cert;
        }

        @Override
        public X509Certificate fetch(URI url) {
            fetched.add(url);
            return url.toString().equals(SignedPayloads.CERT_URL) ? cert : null;
        }
    }

    private final TestCertificates certs = new TestCertificates(SignedPayloads.snsCertificate());
    private final SnsVerifier sns = new SnsVerifier(certs);

    // --- SNS --------------------------------------------------------------------------------------------------

    @Test
    void snsSignatureVersionsOneAndTwoVerifyAndTheCertificateIsFetchedOnce() {
        for (String v : List.of("1", "2")) {
            ObjectNode n = SignedPayloads.snsNotification("m-" + v, SES, v, SignedPayloads.snsKey());
            SnsMessage m = sns.verify(SignedPayloads.bytes(n));
            assertEquals("m-" + v, m.messageId());
            assertEquals(SES, m.message());
        }
        assertEquals(List.of(URI.create(SignedPayloads.CERT_URL)), certs.fetched, "cached after the first fetch");
    }

    @Test
    void snsNotificationWithoutSubjectVerifies() {
        ObjectNode n = SignedPayloads.snsNotification("m-nosubject", SES, "2", SignedPayloads.snsKey());
        n.remove("Subject");
        SignedPayloads.sign(n, SignedPayloads.snsKey());
        assertDoesNotThrow(() -> sns.verify(SignedPayloads.bytes(n)));
    }

    @Test
    void snsTamperedTwinsAreRefused() {
        ObjectNode good = SignedPayloads.snsNotification("m-1", SES, "2", SignedPayloads.snsKey());
        assertDoesNotThrow(() -> sns.verify(SignedPayloads.bytes(good)));

        ObjectNode message = good.deepCopy();
        message.put("Message", SES.replace("marta.kowalski", "someone.else"));
        assertRefused(message, "does not match");

        ObjectNode topic = good.deepCopy();
        topic.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:attacker");
        assertRefused(topic, "does not match");

        ObjectNode type = good.deepCopy();
        type.put("Timestamp", "2026-11-30T10:15:03.117Z");
        assertRefused(type, "does not match");

        ObjectNode version = good.deepCopy();
        version.put("SignatureVersion", "1"); // a SHA256 signature presented as SHA1
        assertRefused(version, "does not match");

        ObjectNode otherKey = SignedPayloads.snsNotification("m-1", SES, "2",
                SignedPayloads.certificate("not-the-sns-key.example").getPrivateKey());
        assertRefused(otherKey, "does not match");

        ObjectNode unknownVersion = good.deepCopy();
        unknownVersion.put("SignatureVersion", "3");
        assertRefused(unknownVersion, "SignatureVersion");

        ObjectNode noSignature = good.deepCopy();
        noSignature.remove("Signature");
        assertRefused(noSignature, "Signature");
    }

    @Test
    void snsCertificateUrlsOutsideSnsAreRefusedBeforeAnyFetch() {
        for (String url : List.of("https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem",
                "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem",
                "https://evil.example/sns.eu-west-1.amazonaws.com/x.pem",
                "https://user@sns.eu-west-1.amazonaws.com/x.pem",
                "https://sns.eu-west-1.amazonaws.com:8443/x.pem",
                "https://sns.eu-west-1.amazonaws.com/x.txt",
                "https://s3.amazonaws.com/sns.eu-west-1.amazonaws.com/x.pem",
                "file:///etc/passwd", "not a url")) {
            ObjectNode n = SignedPayloads.snsNotification("m-url", SES, "2", SignedPayloads.snsKey());
            n.put("SigningCertURL", url);
            assertRefused(n, "SigningCertURL");
        }
        assertEquals(List.of(), certs.fetched, "nothing fetched for a foreign URL");
        assertDoesNotThrow(() -> SnsUrls.signingCert("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem"));
    }

    @Test
    void aCertificateNotIssuedToSnsIsRefusedEvenFromAnSnsUrl() {
        var foreign = SignedPayloads.certificate("mail.attacker.example");
        SnsVerifier v = new SnsVerifier(url -> (X509Certificate) foreign.getCertificate());
        ObjectNode n = SignedPayloads.snsNotification("m-cn", SES, "2", foreign.getPrivateKey());
        VerificationException e = assertThrows(VerificationException.class, () -> v.verify(SignedPayloads.bytes(n)));
        assertTrue(e.getMessage().contains("not issued to Amazon SNS"), e.getMessage());
    }

    @Test
    void snsSubscriptionConfirmationVerifiesAndItsSubscribeUrlIsGuarded() {
        String url = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:210987654321:rebound-bounces&Token=2336";
        SnsMessage m = sns.verify(SignedPayloads.bytes(SignedPayloads.snsSubscription(url, SignedPayloads.snsKey())));
        assertTrue(m.isSubscriptionConfirmation());
        assertEquals(URI.create(url), SnsUrls.subscribe(m.subscribeUrl()));

        ObjectNode tampered = SignedPayloads.snsSubscription(url, SignedPayloads.snsKey());
        tampered.put("SubscribeURL", url.replace("Token=2336", "Token=9999"));
        assertRefused(tampered, "does not match");
        assertThrows(VerificationException.class, () -> SnsUrls.subscribe("https://169.254.169.254/latest/meta-data"));
        assertThrows(VerificationException.class, () -> SnsUrls.subscribe("http://sns.eu-west-1.amazonaws.com/?Action=x"));
    }

    private void assertRefused(ObjectNode n, String why) {
        VerificationException e = assertThrows(VerificationException.class, () -> sns.verify(SignedPayloads.bytes(n)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    // --- SendGrid ---------------------------------------------------------------------------------------------

    @Test
    void sendGridEcdsaSignatureVerifiesAndTamperedTwinsAreRefused() {
        KeyPair kp = SignedPayloads.ecKeyPair();
        PublicKey key = SendGridVerifier.publicKey(SignedPayloads.sendGridPublicKey(kp));
        byte[] body = SignedPayloads.resource("sendgrid-batch.json").getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1764500000);
        String ts = "1764499990";
        String sig = SignedPayloads.sendGridSignature(kp.getPrivate(), ts, body);
        assertDoesNotThrow(() -> SendGridVerifier.verify(key, sig, ts, body, now));

        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("tomas.novak", "tomas.nowak").getBytes(StandardCharsets.UTF_8);
        assertThrows(VerificationException.class, () -> SendGridVerifier.verify(key, sig, ts, tampered, now));
        assertThrows(VerificationException.class, () -> SendGridVerifier.verify(key, sig, "1764499991", body, now));
        PublicKey other = SendGridVerifier.publicKey(SignedPayloads.sendGridPublicKey(SignedPayloads.ecKeyPair()));
        assertThrows(VerificationException.class, () -> SendGridVerifier.verify(other, sig, ts, body, now));
        assertThrows(VerificationException.class, () -> SendGridVerifier.verify(key, "not-base64!", ts, body, now));
        assertThrows(VerificationException.class, () -> SendGridVerifier.verify(key, sig, null, body, now));
        String old = "1764300000";
        String oldSig = SignedPayloads.sendGridSignature(kp.getPrivate(), old, body);
        VerificationException e = assertThrows(VerificationException.class,
                () -> SendGridVerifier.verify(key, oldSig, old, body, now));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SendGridVerifier.publicKey("bm90IGEga2V5"));
    }

    // --- Mailgun ----------------------------------------------------------------------------------------------

    @Test
    void mailgunHmacVerifiesOnceAndTamperedStaleOrReplayedRequestsAreRefused() throws Exception {
        byte[] key = "key-4c1f0e2d3b4a59687766554433221100".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1764496830);
        Set<String> used = new HashSet<>();
        MailgunVerifier.ReplayGuard guard = (token, at) -> used.add(token);
        ObjectNode payload = (ObjectNode) JSON.readTree(SignedPayloads.resource("mailgun-failed-permanent.json"));
        ObjectNode sig = (ObjectNode) payload.get("signature");
        sig.put("signature", MailgunVerifier.sign(key, sig.get("timestamp").asText(), sig.get("token").asText()));
        assertDoesNotThrow(() -> MailgunVerifier.verify(key, payload, now, guard));

        VerificationException replay = assertThrows(VerificationException.class,
                () -> MailgunVerifier.verify(key, payload, now, guard));
        assertTrue(replay.getMessage().contains("already used"), replay.getMessage());

        ObjectNode tampered = payload.deepCopy();
        ((ObjectNode) tampered.get("signature")).put("token", "e" + sig.get("token").asText().substring(1));
        assertThrows(VerificationException.class, () -> MailgunVerifier.verify(key, tampered, now, (t, a) -> true));
        ObjectNode wrongSig = payload.deepCopy();
        String s = sig.get("signature").asText();
        ((ObjectNode) wrongSig.get("signature")).put("signature", (s.charAt(0) == 'a' ? "b" : "a") + s.substring(1));
        assertThrows(VerificationException.class, () -> MailgunVerifier.verify(key, wrongSig, now, (t, a) -> true));
        assertThrows(VerificationException.class, () -> MailgunVerifier.verify(
                "another-signing-key".getBytes(StandardCharsets.UTF_8), payload, now, (t, a) -> true));
        VerificationException stale = assertThrows(VerificationException.class,
                () -> MailgunVerifier.verify(key, payload, now.plusSeconds(3600), (t, a) -> true));
        assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
        JsonNode unsigned = JSON.readTree("{\"event-data\":{}}");
        assertThrows(VerificationException.class, () -> MailgunVerifier.verify(key, unsigned, now, (t, a) -> true));
    }

    // --- Postmark and SparkPost -------------------------------------------------------------------------------

    @Test
    void postmarkBasicAuthAndSparkPostHeaderMustMatchExactly() {
        String good = SharedSecrets.basicHeader("rebound", "s3cret-Pa55");
        assertDoesNotThrow(() -> SharedSecrets.verifyBasic(good, "rebound", "s3cret-Pa55"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyBasic(
                SharedSecrets.basicHeader("rebound", "s3cret-Pa56"), "rebound", "s3cret-Pa55"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyBasic(
                SharedSecrets.basicHeader("rebounD", "s3cret-Pa55"), "rebound", "s3cret-Pa55"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyBasic(null, "rebound", "s3cret-Pa55"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyBasic("Basic ***", "rebound", "s3cret-Pa55"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyBasic(good, "rebound", ""));

        assertDoesNotThrow(() -> SharedSecrets.verifyHeader("Bearer abc.def-123", "Bearer abc.def-123"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyHeader("Bearer abc.def-124", "Bearer abc.def-123"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyHeader(null, "Bearer abc.def-123"));
        assertThrows(VerificationException.class, () -> SharedSecrets.verifyHeader("", ""));
    }
}
