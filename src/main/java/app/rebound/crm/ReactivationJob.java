package app.rebound.crm;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Runs the auto-reactivation for every tenant on {@code rebound.reactivation.cron} (daily by default). */
@ApplicationScoped
public class ReactivationJob {
    private final Reactivation reactivation;
    private final Clock clock;

    public ReactivationJob(Reactivation reactivation, @Crm Clock clock) {
        this.reactivation = reactivation;
        this.clock = clock;
    }

    @Scheduled(cron = "${rebound.reactivation.cron:0 30 4 * * ?}", identity = "auto-reactivation",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void daily() {
        reactivation.runAll(clock.instant());
    }

    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        private final ReactivationConfig config;

        public Disabled(ReactivationConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
