package app.rebound.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Signatures and the retry schedule, without a framework. */
class SignatureTest {
    static final String SECRET = "whsec_test-secret";
    static final byte[] BODY = "{\"event\":\"subscriber.bounced\",\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesAndTamperedOnesDoNot() {
        long t = 1_790_000_000L;
        String h = Signature.header(SECRET, t, BODY);
        assertTrue(h.matches("t=1790000000,v1=[0-9a-f]{64}"), h);
        assertTrue(Signature.verify(SECRET, h, BODY, t + 10, 300));
        byte[] tampered = BODY.clone();
        tampered[10] ^= 1;
        assertFalse(Signature.verify(SECRET, h, tampered, t, 300), "changed body");
        assertFalse(Signature.verify("whsec_other", h, BODY, t, 300), "other secret");
        assertFalse(Signature.verify(SECRET, h.replace("t=1790000000", "t=1790000001"), BODY, t, 300), "changed timestamp");
        assertFalse(Signature.verify(SECRET, h, BODY, t + 301, 300), "replayed after the tolerance");
        assertFalse(Signature.verify(SECRET, "v1=" + h.substring(h.indexOf("v1=") + 3), BODY, t, 300), "no timestamp");
        assertFalse(Signature.verify(SECRET, null, BODY, t, 300));
        assertFalse(Signature.verify(SECRET, "t=abc,v1=00", BODY, t, 300));
    }

    @Test
    void knownVectorMatchesTheReadmeRecipe() {
        // HMAC-SHA256("whsec_test-secret", "1790000000." + body), as the README's Python/Node snippets compute it
        assertEquals(Signature.hmac(SECRET, 1_790_000_000L, BODY),
                Signature.header(SECRET, 1_790_000_000L, BODY).substring("t=1790000000,v1=".length()));
    }

    @Test
    void backoffDoublesFromThirtySecondsToFourHoursAndGivesUpAfterADay() {
        assertEquals(Duration.ofSeconds(30), Backoff.delayAfter(1));
        assertEquals(Duration.ofSeconds(60), Backoff.delayAfter(2));
        assertEquals(Duration.ofMinutes(128), Backoff.delayAfter(9));
        assertEquals(Duration.ofHours(4), Backoff.delayAfter(10));
        assertEquals(Duration.ofHours(4), Backoff.delayAfter(60));
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = first;
        int attempts = 1;
        while (true) {
            var next = Backoff.nextAttempt(first, attempts, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            attempts++;
        }
        assertTrue(Duration.between(first, now).compareTo(Duration.ofHours(24)) >= 0, "retried for at least a day");
        assertTrue(Duration.between(first, now).compareTo(Duration.ofHours(29)) < 0, "and not much longer");
        assertEquals(15, attempts);
    }
}
