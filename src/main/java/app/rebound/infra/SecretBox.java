package app.rebound.infra;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets at rest (IMAP passwords, later SMTP credentials): AES-256-GCM under the master key from
 * {@code rebound.secrets.master-key} (base64 of 32 bytes). Stored form: version byte 1, 12-byte random nonce,
 * ciphertext with its 16-byte tag. A wrong key or a changed byte fails loudly instead of yielding garbage.
 */
@ApplicationScoped
public class SecretBox {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final Optional<String> masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@ConfigProperty(name = "rebound.secrets.master-key") Optional<String> masterKey) {
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
                .orElseThrow(() -> new IllegalStateException("rebound.secrets.master-key is not configured"));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(k.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("rebound.secrets.master-key must be base64 of 32 bytes");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("rebound.secrets.master-key must be base64 of 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
