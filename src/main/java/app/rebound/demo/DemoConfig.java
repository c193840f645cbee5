package app.rebound.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rebound.demo")
public interface DemoConfig {
    /** Create the demo tenants at start when they do not exist yet. */
    @WithDefault("true")
    boolean seed();
}
