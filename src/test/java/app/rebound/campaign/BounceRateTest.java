package app.rebound.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The bounce rate as the campaign pages show it: hard and soft over recipients, percent, one decimal, half up. */
class BounceRateTest {

    private static String rate(long hard, long soft, long complaint, int recipients) {
        CampaignBounceCount c = CampaignBounceCount.zero(1);
        c.hard = hard;
        c.soft = soft;
        c.complaint = complaint;
        return c.ratePercent(recipients);
    }

    @Test
    void oneDecimalRoundedHalfUpFromTheExactFraction() {
        assertEquals("0.0", rate(0, 0, 5, 100));
        assertEquals("33.3", rate(1, 0, 0, 3));
        assertEquals("66.7", rate(1, 1, 0, 3));
        assertEquals("12.5", rate(1, 0, 0, 8));
        assertEquals("0.1", rate(1, 0, 0, 2000));  // 0.05 % exactly: up
        assertEquals("0.2", rate(3, 0, 0, 2000));  // 0.15 % exactly: up
        assertEquals("0.0", rate(1, 0, 0, 2001));
        assertEquals("100.0", rate(7, 3, 0, 10));
        assertEquals("250.0", rate(5, 0, 0, 2));   // more bounces than recipients (retries counted): shown as it is
        assertEquals("4.8", rate(600_000, 400_000, 0, 21_000_000));
    }

    @Test
    void noRateWithoutRecipients() {
        assertNull(rate(3, 0, 0, 0));
        assertNull(rate(3, 0, 0, -1));
    }
}
