package app.rebound.sendingserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void describesAttemptsAndGiveUpTime() {
        assertEquals("Up to 5 retry attempts, gives up after 3 days 10 hours 30 minutes", RetryPolicy.DEFAULT.description());
        assertEquals("Up to 6 retry attempts, gives up after 15 hours 45 minutes", RetryPolicy.AGGRESSIVE.description());
        assertEquals("Up to 3 retry attempts, gives up after 4 days 4 hours", RetryPolicy.CONSERVATIVE.description());
    }

    @Test
    void humanDurationUsesSingularAndNeverEmpty() {
        assertEquals("1 day 1 hour 1 minute", RetryPolicy.humanDuration(Duration.ofMinutes(24 * 60 + 61)));
        assertEquals("0 minutes", RetryPolicy.humanDuration(Duration.ZERO));
    }
}
