package app.rebound.webhook;

import app.rebound.infra.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Endpoint secrets at rest, sealed by the application's {@link SecretBox} (AES-256-GCM under
 * {@code rebound.secrets.master-key}) and stored as {@code sb1:<base64>}. The endpoint's public id is sealed
 * together with the secret and checked on opening, so a ciphertext copied onto another endpoint does not open.
 */
@ApplicationScoped
public class EndpointSecrets {
    private static final String PREFIX = "sb1:";
    private final SecretBox box;

    public EndpointSecrets(SecretBox box) {
        this.box = box;
    }

    /** Whether secrets can be sealed now (the master key is configured). */
    public boolean available() {
        try {
            box.seal("");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public String seal(String plain, String publicId) {
        return PREFIX + Base64.getEncoder().encodeToString(box.seal(publicId + "\n" + plain));
    }

    public String open(String sealed, String publicId) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("endpoint secret is not sealed");
        }
        String plain;
        try {
            plain = box.open(Base64.getDecoder().decode(sealed.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("endpoint secret is not sealed", e);
        }
        int nl = plain.indexOf('\n');
        if (nl < 0 || !plain.substring(0, nl).equals(publicId)) {
            throw new IllegalStateException("endpoint secret belongs to another endpoint");
        }
        return plain.substring(nl + 1);
    }
}
