package app.rebound.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Verifies Amazon SNS HTTP(S) messages as AWS documents it: the string to sign is built from the message's
 * fields in byte order (Notification: Message, MessageId, Subject if present, Timestamp, TopicArn, Type;
 * confirmations: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type), each as name, newline,
 * value, newline; SignatureVersion 1 is SHA1withRSA and 2 SHA256withRSA over it, checked with the public key of
 * the certificate at SigningCertURL. The URL must be an SNS host over HTTPS ({@link SnsUrls}) before anything is
 * fetched, the certificate must be current and issued to {@code sns.amazonaws.com} (or a regional SNS name), and
 * it is cached per URL.
 */
public final class SnsVerifier {
    /** Fetches a signing certificate over HTTPS. A boundary: production fetches from AWS, tests serve their own. */
    @FunctionalInterface
    public interface CertificateSource {
        X509Certificate fetch(URI url);
    }

    private static final int CACHE_LIMIT = 64;
    private final CertificateSource source;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    public SnsVerifier(CertificateSource source) {
        this.source = source;
    }

    /** Reads and verifies an SNS message; throws {@link PayloadException} or {@link VerificationException}. */
    public SnsMessage verify(byte[] body) {
        JsonNode env = PayloadJson.read(body);
        SnsMessage m = read(env);
        String version = PayloadJson.text(env, "SignatureVersion", "SNS message");
        String algorithm = switch (version) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new VerificationException("unsupported SNS SignatureVersion: '" + version + "'");
        };
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(PayloadJson.required(env, "Signature", "SNS message"));
        } catch (IllegalArgumentException e) {
            throw new VerificationException("SNS Signature is not base64");
        } catch (PayloadException e) {
            throw new VerificationException("SNS message carries no Signature");
        }
        URI certUrl = SnsUrls.signingCert(PayloadJson.text(env, "SigningCertURL", "SNS message"));
        X509Certificate cert = certificate(certUrl);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(cert.getPublicKey());
            s.update(stringToSign(env, m.type()).getBytes(StandardCharsets.UTF_8));
            if (!s.verify(signature)) {
                throw new VerificationException("SNS signature does not match the message");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException("SNS signature does not verify: " + e.getMessage());
        }
        return m;
    }

    /** Reads an SNS message without verifying it (the command line reads saved payloads). */
    public static SnsMessage read(JsonNode env) {
        if (!env.isObject()) {
            throw new PayloadException("an SNS message must be a JSON object");
        }
        String type = PayloadJson.required(env, "Type", "SNS message");
        if (!type.equals(SnsMessage.NOTIFICATION) && !type.equals(SnsMessage.SUBSCRIPTION_CONFIRMATION)
                && !type.equals(SnsMessage.UNSUBSCRIBE_CONFIRMATION)) {
            throw new PayloadException("unknown SNS message Type: " + PayloadJson.firstLine(type));
        }
        return new SnsMessage(type, PayloadJson.required(env, "MessageId", "SNS message"),
                PayloadJson.text(env, "TopicArn", "SNS message"), PayloadJson.text(env, "Message", "SNS message"),
                PayloadJson.text(env, "SubscribeURL", "SNS message"));
    }

    /** The canonical string SNS signs, per message type. */
    static String stringToSign(JsonNode env, String type) {
        String[] fields = SnsMessage.NOTIFICATION.equals(type)
                ? new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        StringBuilder sb = new StringBuilder(1024);
        for (String f : fields) {
            JsonNode v = env.get(f);
            if (v == null || v.isNull()) {
                if (f.equals("Subject")) {
                    continue;
                }
                throw new VerificationException("SNS message lacks the signed field " + f);
            }
            if (!v.isTextual()) {
                throw new VerificationException("SNS field " + f + " must be a string");
            }
            sb.append(f).append('\n').append(v.asText()).append('\n');
        }
        return sb.toString();
    }

    private X509Certificate certificate(URI url) {
        X509Certificate cert = cache.get(url);
        if (cert == null) {
            cert = source.fetch(url);
            if (cert == null) {
                throw new VerificationException("no signing certificate at " + url);
            }
            checkIssuedToSns(cert);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(url, cert);
        }
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            cache.remove(url);
            throw new VerificationException("the SNS signing certificate is not valid now: " + e.getMessage());
        }
        return cert;
    }

    private static void checkIssuedToSns(X509Certificate cert) {
        String cn = "";
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT);
                }
            }
        } catch (InvalidNameException e) {
            throw new VerificationException("the signing certificate has an unreadable subject");
        }
        if (!cn.equals("sns.amazonaws.com") && !cn.matches("sns\\.[a-z0-9-]{1,30}\\.amazonaws\\.com(\\.cn)?")) {
            throw new VerificationException("the signing certificate is not issued to Amazon SNS (CN=" + cn + ")");
        }
    }
}
