package app.rebound.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Endpoint secrets are ciphertext at rest, bound to their endpoint, and need the configured key. */
class EndpointSecretsTest {
    static EndpointSecrets with(String key) {
        return new EndpointSecrets(new WebhookConfig() {
            @Override
            public Optional<String> secretKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Duration snsTimeout() {
                return Duration.ofSeconds(1);
            }
        });
    }

    @Test
    void sealsOpensAndBindsToTheEndpoint() {
        EndpointSecrets s = with("0123456789abcdef0123456789abcdef-unit-test");
        String sealed = s.seal("key-mailgun-signing", "endpointAAAAAAAAAAAAAAAA");
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("mailgun"));
        assertNotEquals(sealed, s.seal("key-mailgun-signing", "endpointAAAAAAAAAAAAAAAA"), "a fresh nonce each time");
        assertEquals("key-mailgun-signing", s.open(sealed, "endpointAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalStateException.class, () -> s.open(sealed, "endpointBBBBBBBBBBBBBBBB"));
        assertThrows(IllegalStateException.class, () -> with("another-key-0123456789abcdef0123456789").open(sealed, "endpointAAAAAAAAAAAAAAAA"));
        String flipped = sealed.substring(0, sealed.length() - 3) + (sealed.charAt(sealed.length() - 3) == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThrows(IllegalStateException.class, () -> s.open(flipped, "endpointAAAAAAAAAAAAAAAA"));
    }

    @Test
    void withoutAKeyNothingIsSealed() {
        assertFalse(with(null).available());
        assertFalse(with("too-short").available());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> with(null).seal("x", "id"));
        assertTrue(e.getMessage().contains("REBOUND_WEBHOOK_SECRET_KEY"), e.getMessage());
    }
}
