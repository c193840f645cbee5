package app.rebound.ingest.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys and signed payloads the tests make themselves: an RSA signing certificate for SNS (generated with the
 * JDK's keytool, since the JDK has no public certificate-building API), EC P-256 keys for SendGrid, and SNS
 * envelopes signed exactly as SNS signs them.
 */
public final class SignedPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, KeyStore.PrivateKeyEntry> CERTS = new ConcurrentHashMap<>();
    public static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem";

    private SignedPayloads() {
    }

    /** A self-signed RSA certificate with this CN and its private key, generated once per CN per test run. */
    public static KeyStore.PrivateKeyEntry certificate(String cn) {
        return CERTS.computeIfAbsent(cn, SignedPayloads::generate);
    }

    private static KeyStore.PrivateKeyEntry generate(String cn) {
        try {
            Path dir = Files.createTempDirectory("sns-cert");
            Path ks = dir.resolve("k.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-dname", "CN=" + cn, "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, "changeit".toCharArray());
            }
            KeyStore.PrivateKeyEntry e = (KeyStore.PrivateKeyEntry) store.getEntry("sns",
                    new KeyStore.PasswordProtection("changeit".toCharArray()));
            Files.delete(ks);
            Files.delete(dir);
            return e;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate snsCertificate() {
        return (X509Certificate) certificate("sns.amazonaws.com").getCertificate();
    }

    public static PrivateKey snsKey() {
        return certificate("sns.amazonaws.com").getPrivateKey();
    }

    /** An SNS Notification carrying {@code message}, signed with {@code key} (SignatureVersion 1 or 2). */
    public static ObjectNode snsNotification(String messageId, String message, String version, PrivateKey key) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", messageId);
        n.put("TopicArn", "arn:aws:sns:eu-west-1:210987654321:rebound-bounces");
        n.put("Subject", "Amazon SES Email Event Notification");
        n.put("Message", message);
        n.put("Timestamp", "2026-11-30T10:15:02.117Z");
        n.put("SignatureVersion", version);
        n.put("SigningCertURL", CERT_URL);
        n.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x");
        return sign(n, key);
    }

    /** An SNS SubscriptionConfirmation for {@code subscribeUrl}, signed with SignatureVersion 2. */
    public static ObjectNode snsSubscription(String subscribeUrl, PrivateKey key) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "SubscriptionConfirmation");
        n.put("MessageId", "5b1c0e6e-7e1a-4f3c-9a51-2d8c3e0f1a77");
        n.put("Token", "2336412f37fb687f5d51e6e2425c464de257d4f0a3ea1d0b8b7f4d5e9a1c2b3d");
        n.put("TopicArn", "arn:aws:sns:eu-west-1:210987654321:rebound-bounces");
        n.put("Message", "You have chosen to subscribe to the topic arn:aws:sns:eu-west-1:210987654321:rebound-bounces.");
        n.put("SubscribeURL", subscribeUrl);
        n.put("Timestamp", "2026-11-30T10:00:00.000Z");
        n.put("SignatureVersion", "2");
        n.put("SigningCertURL", CERT_URL);
        return sign(n, key);
    }

    /** (Re)signs an SNS message as SNS does, over the canonical string of its current fields. */
    public static ObjectNode sign(ObjectNode n, PrivateKey key) {
        String alg = "1".equals(n.path("SignatureVersion").asText()) ? "SHA1withRSA" : "SHA256withRSA";
        n.remove("Signature");
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(SnsVerifier.stringToSign(n, n.get("Type").asText()).getBytes(StandardCharsets.UTF_8));
            n.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
            return n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh EC P-256 key pair, as SendGrid generates for its Signed Event Webhook. */
    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 DER public key as SendGrid shows it. */
    public static String sendGridPublicKey(KeyPair kp) {
        return Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
    }

    /** The X-Twilio-Email-Event-Webhook-Signature SendGrid would send for this timestamp and body. */
    public static String sendGridSignature(PrivateKey key, String timestamp, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(timestamp.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = SignedPayloads.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource webhooks/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
