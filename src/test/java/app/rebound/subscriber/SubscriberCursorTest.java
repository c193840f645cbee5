package app.rebound.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SubscriberCursorTest {
    @Test
    void roundTripsEmailsWithAnyCharacters() {
        SubscriberCursor c = new SubscriberCursor("a:b.c+tag@x-y.example", 42);
        assertEquals(c, SubscriberCursor.parse(c.token()));
        assertTrue(c.token().matches("[A-Za-z0-9_-]+"), "URL-safe without escaping");
    }

    @Test
    void rejectsAnythingItDidNotProduce() {
        for (String bad : new String[] {null, "", " ", "%%%", "bm90LWEtY3Vyc29y", enc("0:a@b"), enc("-1:a@b"),
                enc("x:a@b"), enc("12:"), enc("99999999999999999999:a@b"), enc("5:a\u0000@b"), "A".repeat(700)}) {
            assertThrows(IllegalArgumentException.class, () -> SubscriberCursor.parse(bad), String.valueOf(bad));
        }
    }

    private static String enc(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
