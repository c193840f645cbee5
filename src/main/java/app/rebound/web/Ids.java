package app.rebound.web;

import jakarta.ws.rs.BadRequestException;

/** Parses identifiers from URLs, answering anything malformed with a 400 that says what was wrong. */
public final class Ids {
    private Ids() {
    }

    public static long parse(String raw, String what) {
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(Character::isDigit)) {
            throw new BadRequestException("Invalid " + what + " id: expected a positive number.");
        }
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            throw new BadRequestException("Invalid " + what + " id: expected a positive number.");
        }
        return id;
    }
}
