package app.rebound.sendingserver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a sending server retries soft bounces before it converts them to hard: soft bounce number n schedules retry
 * n after the n-th delay; the soft bounce after the last retry is converted to hard (subscriber bounced).
 * <table>
 * <tr><th>policy</th><th>retries</th><th>then</th></tr>
 * <tr><td>default</td><td>3: after 1 h, 6 h, 24 h</td><td>hard</td></tr>
 * <tr><td>aggressive</td><td>5: after 1 h, 6 h, 24 h, 72 h, 168 h</td><td>hard</td></tr>
 * <tr><td>conservative</td><td>2: after 1 h, 24 h</td><td>hard</td></tr>
 * </table>
 * Aggressive keeps more addresses at B2B receivers that greylist heavily (Proofpoint, Mimecast).
 */
public enum RetryPolicy {
    DEFAULT("Default", List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24))),
    AGGRESSIVE("Aggressive", List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24),
            Duration.ofHours(72), Duration.ofHours(168))),
    CONSERVATIVE("Conservative", List.of(Duration.ofHours(1), Duration.ofHours(24)));

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

    /** The delays in order, e.g. [1 h, 6 h, 24 h]. */
    public List<Duration> delays() {
        return delays;
    }

    /** The schedule in words, e.g. "3 retries: after 1 hour, 6 hours, 24 hours; then hard". */
    public String schedule() {
        StringBuilder b = new StringBuilder();
        b.append(maxAttempts()).append(maxAttempts() == 1 ? " retry" : " retries").append(": after ");
        for (int i = 0; i < delays.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(humanDuration(delays.get(i)));
        }
        return b.append("; then hard").toString();
    }

    /** The hint shown beside the selector. */
    public String hint() {
        return this == AGGRESSIVE ? "keeps more addresses at B2B receivers that greylist heavily (Proofpoint, Mimecast)" : "";
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
