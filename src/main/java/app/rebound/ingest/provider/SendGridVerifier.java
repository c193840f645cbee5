package app.rebound.ingest.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * SendGrid's Signed Event Webhook: ECDSA (P-256) with SHA-256 over the timestamp header's bytes followed by the
 * raw request body, the signature base64 DER in {@code X-Twilio-Email-Event-Webhook-Signature}, the timestamp in
 * {@code X-Twilio-Email-Event-Webhook-Timestamp}, the verification key as SendGrid shows it (base64 DER
 * SubjectPublicKeyInfo, no PEM framing). SendGrid documents no replay window; timestamps more than
 * {@link #MAX_AGE} old or {@link #MAX_SKEW} in the future are refused (its retries run for 24 hours), and
 * replays inside the window are harmless because events are deduplicated by {@code sg_event_id}.
 */
public final class SendGridVerifier {
    public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    static final Duration MAX_AGE = Duration.ofHours(25);
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private SendGridVerifier() {
    }

    /** Parses a verification key as SendGrid displays it; a clear error when it is not a P-256 public key. */
    public static PublicKey publicKey(String base64Der) {
        String k = base64Der == null ? "" : base64Der.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(k)));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("not a P-256 key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a SendGrid verification key (base64 DER of an EC P-256 public key)");
        }
    }

    public static void verify(PublicKey key, String signatureHeader, String timestampHeader, byte[] body, Instant now) {
        if (signatureHeader == null || signatureHeader.isBlank() || timestampHeader == null || timestampHeader.isBlank()) {
            throw new VerificationException("missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw new VerificationException(TIMESTAMP_HEADER + " is not a number of seconds");
        }
        Instant at = Instant.ofEpochSecond(Math.max(0, Math.min(ts, 32503680000L)));
        if (at.isBefore(now.minus(MAX_AGE)) || at.isAfter(now.plus(MAX_SKEW))) {
            throw new VerificationException("SendGrid timestamp " + ts + " is outside the accepted window");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureHeader.trim());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(SIGNATURE_HEADER + " is not base64");
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(timestampHeader.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            if (!s.verify(sig)) {
                throw new VerificationException("SendGrid signature does not match the payload");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException("SendGrid signature does not verify: " + e.getMessage());
        }
    }
}
