package app.rebound.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again: 30 s after the first failure, doubling up to 4 hours between attempts, for as
 * long as the first attempt is less than {@link #GIVE_UP_AFTER} (24 h) old; the first failure at or after that
 * dead-letters the delivery. So a receiver that is down for a day still gets every event, about 14 attempts each.
 */
public final class Backoff {
    public static final Duration FIRST = Duration.ofSeconds(30);
    public static final Duration MAX = Duration.ofHours(4);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private Backoff() {
    }

    /** The wait after failed attempt number {@code attempts} (1 = the first attempt failed). */
    public static Duration delayAfter(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int shift = Math.min(attempts - 1, 20);
        Duration d = FIRST.multipliedBy(1L << shift);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    /** The next attempt after a failure at {@code now}, or empty when the delivery is to be dead-lettered. */
    public static Optional<Instant> nextAttempt(Instant firstAttemptAt, int attempts, Instant now) {
        if (!now.isBefore(firstAttemptAt.plus(GIVE_UP_AFTER))) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delayAfter(attempts)));
    }
}
