package app.rebound.infra;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * When no datasource URL is configured, starts the embedded PostgreSQL and contributes its URL.
 * Skips build time (it would start a database inside Maven and bake its random port into the jar).
 * Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET) {
            return List.of();
        }
        if (value(context, "quarkus.datasource.jdbc.url") != null
                || "false".equals(value(context, "rebound.embedded-pg.enabled"))) {
            return List.of();
        }
        String dir = orDefault(value(context, "rebound.embedded-pg.data-dir"), ".data/pg");
        String url = EmbeddedPostgres.ensureStarted(Path.of(dir),
                orDefault(value(context, "quarkus.datasource.username"), "rebound"),
                orDefault(value(context, "quarkus.datasource.password"), "rebound"),
                orDefault(value(context, "rebound.embedded-pg.database"), "rebound"));
        return List.of(new PropertiesConfigSource(Map.of("quarkus.datasource.jdbc.url", url), "rebound-embedded-pg", 10));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    /** A configured value, profile-aware; null when unset or blank. */
    static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }

    static String orDefault(String v, String d) {
        return v == null ? d : v;
    }
}
