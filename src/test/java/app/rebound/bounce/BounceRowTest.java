package app.rebound.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.engine.BounceType;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The row's derived texts: the ISO time written without a formatter must be exactly {@link Instant#toString()}. */
class BounceRowTest {

    @Test
    void isoTimeIsInstantToStringForEveryPrecisionAndTheRangeEnds() {
        for (String t : new String[] {"2026-12-06T03:40:12Z", "2026-12-06T03:40:12.100Z", "2026-12-06T03:40:12.000001Z",
                "2026-12-06T03:40:12.123456Z", "2026-12-06T03:40:12.000000001Z", "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            Instant i = Instant.parse(t);
            assertEquals(i.toString(), BounceRow.isoUtc(i), t);
        }
        SplittableRandom random = new SplittableRandom(10);
        for (int n = 0; n < 200_000; n++) {
            long seconds = random.nextLong(-62_200_000_000L, 253_500_000_000L);
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant i = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(i.toString(), BounceRow.isoUtc(i));
        }
    }

    @Test
    void theRowCarriesItsLabelAndTheDetailLinkOfItsKeysetPosition() {
        Instant at = Instant.parse("2026-11-30T23:05:09.250Z");
        BounceRow row = BounceRow.of(7, 42, null, "a@example.org", BounceType.HARD, "5.1.1", null, "userunknown", null,
                false, null, null, at, null, null, null);
        assertEquals("2026-11-30T23:05:09.250Z", row.occurredIso());
        assertEquals("2026-11-30 23:05", row.occurredLabel());
        assertEquals("/campaigns/7/bounces/detail/" + row.cursorToken(), row.detailPath());
        assertEquals(new BounceCursor(at, 42), BounceCursor.parse(row.cursorToken()));
    }
}
