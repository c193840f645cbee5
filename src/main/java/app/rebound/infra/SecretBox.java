package app.rebound.infra;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets at rest (IMAP passwords, webhook signing keys, later SMTP credentials): AES-256-GCM under a key derived
 * from the application's one master secret {@code rebound.secret-key} (REBOUND_SECRET_KEY, required in production by
 * {@link SecretsCheck}): AES key = HMAC-SHA256(secret-key, {@value #PURPOSE}), so it differs from every other key
 * derived from the same secret. Stored form: version byte 1, 12-byte random nonce, ciphertext with its 16-byte tag.
 * A wrong key or a changed byte fails loudly instead of yielding garbage. Changing REBOUND_SECRET_KEY makes the
 * stored secrets unreadable (re-enter them).
 */
@ApplicationScoped
public class SecretBox {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    static final String PURPOSE = "rebound/secret-box/v1";
    private final Optional<String> masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@ConfigProperty(name = "rebound.secret-key") Optional<String> masterKey) {
        this.masterKey = masterKey;
    }

    public byte[] seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(new byte[] {VERSION});
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + ct.length).put(VERSION).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public String open(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("Not a sealed secret (or an unknown format version)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(new byte[] {VERSION});
            return new String(c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a secret: wrong master key or altered data", e);
        }
    }

    private SecretKeySpec key() {
        String k = masterKey.filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("rebound.secret-key (REBOUND_SECRET_KEY) is not configured"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the secret-box key", e);
        }
    }
}
