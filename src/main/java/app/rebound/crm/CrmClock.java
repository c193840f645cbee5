package app.rebound.crm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

@ApplicationScoped
public class CrmClock {
    @Produces
    @jakarta.inject.Singleton
    @Crm
    Clock clock() {
        return Clock.systemUTC();
    }
}
