package app.rebound.sendingserver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a sending server retries soft bounces before it converts them to hard. The intervals follow
 * RFC 5321 §4.5.4.1 (retry no sooner than ~30 minutes, give up after 4-5 days) for {@link #DEFAULT}.
 */
public enum RetryPolicy {
    DEFAULT("Default", List.of(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(8),
            Duration.ofHours(24), Duration.ofHours(48))),
    AGGRESSIVE("Aggressive", List.of(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8))),
    CONSERVATIVE("Conservative", List.of(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(72)));

    private final String label;
    private final List<Duration> delays;

    RetryPolicy(String label, List<Duration> delays) {
        this.label = label;
        this.delays = delays;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public int maxAttempts() {
        return delays.size();
    }

    /** The wait before retry number {@code attempt} (1-based); empty when retries are exhausted: convert to hard. */
    public Optional<Duration> nextAttemptAfter(int attempt) {
        return attempt >= 1 && attempt <= delays.size() ? Optional.of(delays.get(attempt - 1)) : Optional.empty();
    }

    /** Total time from the first soft bounce until the policy gives up. */
    public Duration giveUpAfter() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** For people: how many retries and when the policy gives up, e.g. "Up to 5 retry attempts, gives up after 3 days 10 hours 30 minutes". */
    public String description() {
        return "Up to " + maxAttempts() + (maxAttempts() == 1 ? " retry attempt" : " retry attempts") + ", gives up after "
                + humanDuration(giveUpAfter());
    }

    static String humanDuration(Duration d) {
        StringBuilder out = new StringBuilder();
        append(out, d.toDaysPart(), "day");
        append(out, d.toHoursPart(), "hour");
        append(out, d.toMinutesPart(), "minute");
        return out.length() == 0 ? "0 minutes" : out.toString();
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(out.length() == 0 ? "" : " ").append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        }
    }

    public static RetryPolicy fromCode(String code) {
        return RetryPolicy.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
