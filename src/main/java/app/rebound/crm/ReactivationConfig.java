package app.rebound.crm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rebound.reactivation")
public interface ReactivationConfig {
    /** Whether this instance runs the daily auto-reactivation (tests run it themselves). */
    @WithDefault("true")
    boolean enabled();

    /** CRM activity counts when it is at most this many days old (and after the soft-to-hard conversion). */
    @WithDefault("30")
    int activityDays();

    /** When the job runs (Quartz-style cron, seconds first); {@code rebound.reactivation.cron}. */
    @WithDefault("0 30 4 * * ?")
    String cron();
}
