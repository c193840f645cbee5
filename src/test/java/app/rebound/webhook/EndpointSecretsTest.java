package app.rebound.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.infra.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Endpoint secrets are ciphertext at rest, bound to their endpoint, and need the configured master key. */
class EndpointSecretsTest {
    static EndpointSecrets with(String key) {
        return new EndpointSecrets(new SecretBox(Optional.ofNullable(key)));
    }

    static String key(String seed) {
        return Base64.getEncoder().encodeToString((seed + "0".repeat(32)).substring(0, 32).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sealsOpensAndBindsToTheEndpoint() {
        EndpointSecrets s = with(key("unit-test-key"));
        String sealed = s.seal("key-mailgun-signing", "endpointAAAAAAAAAAAAAAAA");
        assertTrue(sealed.startsWith("sb1:"));
        assertFalse(sealed.contains("mailgun"));
        assertNotEquals(sealed, s.seal("key-mailgun-signing", "endpointAAAAAAAAAAAAAAAA"), "a fresh nonce each time");
        assertEquals("key-mailgun-signing", s.open(sealed, "endpointAAAAAAAAAAAAAAAA"));
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> s.open(sealed, "endpointBBBBBBBBBBBBBBBB"));
        assertTrue(other.getMessage().contains("another endpoint"), other.getMessage());
        assertThrows(IllegalStateException.class, () -> with(key("another-key")).open(sealed, "endpointAAAAAAAAAAAAAAAA"));
        int mid = sealed.length() / 2; // a ciphertext byte (the last base64 digit may carry only padding bits)
        String flipped = sealed.substring(0, mid) + (sealed.charAt(mid) == 'A' ? 'B' : 'A') + sealed.substring(mid + 1);
        assertThrows(IllegalStateException.class, () -> s.open(flipped, "endpointAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalStateException.class, () -> s.open("plain-text-key", "endpointAAAAAAAAAAAAAAAA"));
    }

    @Test
    void withoutAMasterKeyNothingIsSealed() {
        assertFalse(with(null).available());
        assertTrue(with(key("k")).available());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> with(null).seal("x", "id"));
        assertTrue(e.getMessage().contains("rebound.secrets.master-key"), e.getMessage());
    }
}
