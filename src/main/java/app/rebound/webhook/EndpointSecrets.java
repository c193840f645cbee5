package app.rebound.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts endpoint secrets at rest: AES-256-GCM, a random 96-bit nonce per value, the endpoint's public id as
 * associated data (a ciphertext copied onto another endpoint does not open). Stored as {@code v1:<base64>}.
 * The one place to swap for a shared secret box.
 */
@ApplicationScoped
public class EndpointSecrets {
    private static final String PREFIX = "v1:";
    private final WebhookConfig config;
    private final SecureRandom random = new SecureRandom();

    public EndpointSecrets(WebhookConfig config) {
        this.config = config;
    }

    public boolean available() {
        return config.secretKey().filter(k -> k.length() >= 32).isPresent();
    }

    public String seal(String plain, String publicId) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(publicId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an endpoint secret", e);
        }
    }

    public String open(String sealed, String publicId) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("endpoint secret is not sealed");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(publicId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt an endpoint secret (wrong rebound.webhook.secret-key?)", e);
        }
    }

    private SecretKeySpec key() {
        String k = config.secretKey().filter(s -> s.length() >= 32).orElseThrow(() -> new IllegalStateException(
                "rebound.webhook.secret-key (REBOUND_WEBHOOK_SECRET_KEY) must be set, at least 32 characters"));
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
