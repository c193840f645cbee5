package app.rebound.demo;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Seeds the demo tenants at start when {@code rebound.demo.seed} is true (on in dev mode; off in tests and production unless switched on explicitly). */
@ApplicationScoped
public class DemoStartup {
    private final DemoConfig config;
    private final DemoData demoData;

    public DemoStartup(DemoConfig config, DemoData demoData) {
        this.config = config;
        this.demoData = demoData;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.seed()) {
            return;
        }
        try {
            DemoSummary summary = demoData.seed();
            if (summary.createdAnything()) {
                Log.infof("Demo data seeded in %d ms: %s", summary.millis(), summary.tenants());
            } else {
                Log.debug("Demo tenants already present, nothing seeded");
            }
        } catch (RuntimeException e) {
            // Each tenant is one transaction, so a failure leaves no half tenant; the app still starts, and the
            // tenants not seeded are tried again at the next start.
            Log.error("Seeding the demo data failed; demo tenants not created yet are retried at the next start", e);
        }
    }
}
