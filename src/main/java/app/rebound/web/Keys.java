package app.rebound.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 keys derived from {@code rebound.secret-key}, one per purpose, and constant-time comparison. */
final class Keys {
    private Keys() {
    }

    /** The master secret; never empty (production checks it at start, see SecretsCheck, with a clearer message). */
    static String required(Optional<String> secretKey) {
        return secretKey.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "REBOUND_SECRET_KEY (rebound.secret-key) is not set: Rebound will not start without it"));
    }

    static byte[] derive(String secretKey, String purpose) {
        return hmac(secretKey.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /** Base64url (no padding) HMAC-SHA256 of {@code data}. */
    static String mac(byte[] key, String data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, data));
    }

    static boolean equal(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
