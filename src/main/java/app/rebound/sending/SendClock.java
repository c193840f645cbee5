package app.rebound.sending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock of sending and retries; a test replaces it (QuarkusMock) or passes its own time to runOnce. */
@ApplicationScoped
public class SendClock {
    @Produces
    @jakarta.inject.Singleton
    @Sending
    Clock clock() {
        return Clock.systemUTC();
    }
}
