package app.rebound.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun's webhook signature: {@code hex(HMAC-SHA256(webhook signing key, timestamp + token))} compared in
 * constant time with {@code signature.signature} in the JSON body. The signature does not cover the event data,
 * so stale timestamps are refused and each token may be used once ({@link ReplayGuard}).
 */
public final class MailgunVerifier {
    /** Remembers tokens already used; answers false for a token seen before. */
    @FunctionalInterface
    public interface ReplayGuard {
        boolean firstUse(String token, Instant timestamp);
    }

    public static final Duration MAX_AGE = Duration.ofMinutes(15);

    private MailgunVerifier() {
    }

    /** Checks the {@code signature} object of a Mailgun JSON webhook body. */
    public static void verify(byte[] signingKey, JsonNode payload, Instant now, ReplayGuard replays) {
        if (!payload.isObject()) {
            throw new PayloadException("a Mailgun webhook must be a JSON object");
        }
        JsonNode sig = PayloadJson.object(payload, "signature", "Mailgun payload");
        if (!sig.isObject()) {
            throw new VerificationException("Mailgun payload carries no signature object");
        }
        String timestamp = PayloadJson.text(sig, "timestamp", "signature");
        String token = PayloadJson.text(sig, "token", "signature");
        String signature = PayloadJson.text(sig, "signature", "signature");
        verify(signingKey, timestamp, token, signature, now, replays);
    }

    public static void verify(byte[] signingKey, String timestamp, String token, String signature, Instant now,
            ReplayGuard replays) {
        if (timestamp.isBlank() || token.isBlank() || signature.isBlank()) {
            throw new VerificationException("Mailgun signature needs timestamp, token and signature");
        }
        if (token.length() > 200 || signature.length() > 200) {
            throw new VerificationException("Mailgun token or signature is too long");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new VerificationException("Mailgun timestamp is not a number of seconds");
        }
        Instant at = Instant.ofEpochSecond(Math.max(0, Math.min(ts, 32503680000L)));
        if (at.isBefore(now.minus(MAX_AGE)) || at.isAfter(now.plus(MAX_AGE))) {
            throw new VerificationException("Mailgun timestamp " + ts + " is stale (more than " + MAX_AGE.toMinutes()
                    + " minutes from now)");
        }
        byte[] expected = hmac(signingKey, timestamp + token);
        if (!MessageDigest.isEqual(expected, parseHex(signature))) {
            throw new VerificationException("Mailgun signature does not match");
        }
        if (!replays.firstUse(token, at)) {
            throw new VerificationException("Mailgun token was already used (replayed request)");
        }
    }

    /** The hex signature Mailgun would send (used by tests that sign their own payloads). */
    public static String sign(byte[] signingKey, String timestamp, String token) {
        return HexFormat.of().formatHex(hmac(signingKey, timestamp + token));
    }

    private static byte[] hmac(byte[] key, String data) {
        if (key == null || key.length == 0) {
            throw new VerificationException("no Mailgun signing key configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] parseHex(String s) {
        try {
            return HexFormat.of().parseHex(s.trim());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
