package app.rebound.ingest.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The providers that do not sign payloads: Postmark (HTTP basic auth credentials put into the webhook URL) and
 * SparkPost (the Authorization header value configured on the webhook: basic auth, or a bearer value). Both
 * comparisons run in constant time over SHA-256 digests, so neither length nor content leaks through timing.
 */
public final class SharedSecrets {
    private SharedSecrets() {
    }

    /** Postmark: the request's {@code Authorization: Basic ...} must carry exactly this user and password. */
    public static void verifyBasic(String authorizationHeader, String user, String password) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new VerificationException("no basic-auth credentials configured for this endpoint");
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new VerificationException("basic-auth credentials required");
        }
        String given;
        try {
            given = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("basic-auth credentials are not base64");
        }
        if (!same(given, user + ":" + password)) {
            throw new VerificationException("wrong basic-auth credentials");
        }
    }

    /** SparkPost: the whole Authorization header value must equal the configured one. */
    public static void verifyHeader(String authorizationHeader, String expected) {
        if (expected == null || expected.isEmpty()) {
            throw new VerificationException("no Authorization value configured for this endpoint");
        }
        if (authorizationHeader == null || !same(authorizationHeader.trim(), expected.trim())) {
            throw new VerificationException("wrong or missing Authorization header");
        }
    }

    /** The header value a client sends for these basic-auth credentials. */
    public static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static boolean same(String a, String b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] x = d.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] y = d.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(x, y);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
