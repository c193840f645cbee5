package app.rebound.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rebound.demo")
public interface DemoConfig {
    /** Create the demo tenants (and their members) at start when they do not exist yet: dev mode, or explicitly. */
    @WithDefault("false")
    boolean seed();
}
