package app.rebound.sending;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Skips the sending scheduler where {@code rebound.sending.enabled=false} (tests drive it by hand). */
@Singleton
public class SendingDisabled implements Scheduled.SkipPredicate {
    private final SendingConfig config;

    public SendingDisabled(SendingConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.enabled();
    }
}
