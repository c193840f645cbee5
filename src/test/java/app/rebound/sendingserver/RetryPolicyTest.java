package app.rebound.sendingserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void schedulesFollowTheIssuesTable() {
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24)), RetryPolicy.DEFAULT.delays());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72),
                Duration.ofHours(168)), RetryPolicy.AGGRESSIVE.delays());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(24)), RetryPolicy.CONSERVATIVE.delays());
    }

    @Test
    void softBounceNSchedulesRetryNAndTheOneAfterTheLastRetryIsHard() {
        assertEquals(Optional.of(Duration.ofHours(1)), RetryPolicy.DEFAULT.nextAttemptAfter(1));
        assertEquals(Optional.of(Duration.ofHours(6)), RetryPolicy.DEFAULT.nextAttemptAfter(2));
        assertEquals(Optional.of(Duration.ofHours(24)), RetryPolicy.DEFAULT.nextAttemptAfter(3));
        assertEquals(Optional.empty(), RetryPolicy.DEFAULT.nextAttemptAfter(4));
        assertEquals(Optional.of(Duration.ofHours(168)), RetryPolicy.AGGRESSIVE.nextAttemptAfter(5));
        assertEquals(Optional.empty(), RetryPolicy.AGGRESSIVE.nextAttemptAfter(6));
        assertEquals(Optional.of(Duration.ofHours(24)), RetryPolicy.CONSERVATIVE.nextAttemptAfter(2));
        assertEquals(Optional.empty(), RetryPolicy.CONSERVATIVE.nextAttemptAfter(3));
        assertEquals(Optional.empty(), RetryPolicy.DEFAULT.nextAttemptAfter(0));
    }

    @Test
    void describesTheScheduleInWords() {
        assertEquals("3 retries: after 1 hour, 6 hours, 1 day; then hard", RetryPolicy.DEFAULT.schedule());
        assertEquals("5 retries: after 1 hour, 6 hours, 1 day, 3 days, 7 days; then hard", RetryPolicy.AGGRESSIVE.schedule());
        assertEquals("2 retries: after 1 hour, 1 day; then hard", RetryPolicy.CONSERVATIVE.schedule());
        assertEquals("Up to 3 retry attempts, gives up after 1 day 7 hours", RetryPolicy.DEFAULT.description());
        assertTrue(RetryPolicy.AGGRESSIVE.hint().contains("Proofpoint"));
    }

    @Test
    void humanDurationUsesSingularAndNeverEmpty() {
        assertEquals("1 day 1 hour 1 minute", RetryPolicy.humanDuration(Duration.ofMinutes(24 * 60 + 61)));
        assertEquals("0 minutes", RetryPolicy.humanDuration(Duration.ZERO));
    }
}
