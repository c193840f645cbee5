package app.rebound.bounce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Keyset position in a newest-first bounce list: the (occurredAt, id) of the last row shown. Rendered as an
 * opaque URL-safe token; {@link #parse} rejects anything it did not produce with a clear message.
 */
public record BounceCursor(Instant occurredAt, long id) {
    /** The range a bounce time can have; PostgreSQL refuses timestamps far outside it with an error, not "no rows". */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public BounceCursor {
        if (occurredAt == null) {
            throw new IllegalArgumentException("cursor time is missing");
        }
        if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("cursor time is out of range");
        }
        if (id <= 0) {
            throw new IllegalArgumentException("cursor id must be positive");
        }
    }

    public static BounceCursor after(Bounce b) {
        return new BounceCursor(b.occurredAt, b.id);
    }

    public String token() {
        String raw = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses a token from {@link #token()}; throws IllegalArgumentException with a reason for anything else. */
    public static BounceCursor parse(String token) {
        if (token == null || token.isBlank() || token.length() > 64) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
        try {
            long seconds = Long.parseLong(parts[0]);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("malformed paging cursor");
            }
            return new BounceCursor(Instant.ofEpochSecond(seconds, nanos), Long.parseLong(parts[2]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed paging cursor");
        }
    }
}
