package app.rebound.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 keys derived from {@code rebound.secret-key}, one per purpose, and constant-time comparison. */
final class Keys {
    private Keys() {
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
