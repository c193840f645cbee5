package app.rebound.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The clock of the delivery worker (signature timestamps, backoff); a test replaces it with QuarkusMock. */
@ApplicationScoped
public class OutboundClock {
    public Clock clock() {
        return Clock.systemUTC();
    }
}
