package app.rebound.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Event times as the providers write them; an unreadable time is absent (it is informative, not decisive). */
final class Times {
    private static final double MAX_EPOCH = 32503680000d; // year 3000

    private Times() {
    }

    /** Epoch seconds as a JSON number or numeric string (SendGrid, Mailgun's float, SparkPost's string). */
    static Instant epoch(JsonNode n) {
        double v;
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual()) {
            try {
                v = Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return iso(n.asText());
            }
        } else {
            return null;
        }
        if (!(v > 0 && v < MAX_EPOCH)) {
            return null;
        }
        long s = (long) v;
        return Instant.ofEpochSecond(s, (long) ((v - s) * 1_000_000_000L));
    }

    /** ISO-8601 with an offset or Z (SES, Postmark). */
    static Instant iso(String s) {
        if (s == null || s.isBlank() || s.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
