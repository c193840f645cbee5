package app.rebound.subscriber;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset position in the subscriber list, ordered by (email, id): the last row shown. Rendered as an opaque
 * URL-safe token; {@link #parse} rejects anything it did not produce with a clear message.
 */
public record SubscriberCursor(String email, long id) {
    private static final int MAX_TOKEN = 600;

    public SubscriberCursor {
        if (email == null || email.isEmpty() || email.length() > 320 || email.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("cursor email is missing, too long or not text");
        }
        if (id <= 0) {
            throw new IllegalArgumentException("cursor id must be positive");
        }
    }

    public static SubscriberCursor after(Subscriber s) {
        return new SubscriberCursor(s.email, s.id);
    }

    /** The id goes first: an email can contain any separator, a number cannot. */
    public String token() {
        String raw = id + ":" + email;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a token from {@link #token()}; throws IllegalArgumentException with a reason for anything else. */
    public static SubscriberCursor parse(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        int colon = raw.indexOf(':');
        if (colon <= 0 || colon > 19 || !raw.substring(0, colon).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        try {
            return new SubscriberCursor(raw.substring(colon + 1), Long.parseLong(raw.substring(0, colon)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
    }
}
