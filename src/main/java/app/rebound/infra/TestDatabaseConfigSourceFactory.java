package app.rebound.infra;

import static app.rebound.infra.EmbeddedPostgresConfigSourceFactory.orDefault;
import static app.rebound.infra.EmbeddedPostgresConfigSourceFactory.value;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In the test profile, points the datasource at this checkout's own test database ({@link TestDatabase}) and
 * creates it when missing. An explicit {@code quarkus.datasource.jdbc.url} (environment, -D) still wins: this
 * source has a low ordinal. Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public class TestDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET || !context.getProfiles().contains("test")
                || value(context, "quarkus.datasource.jdbc.url") != null) {
            return List.of();
        }
        String explicit = value(context, "REBOUND_TEST_DB");
        String name = TestDatabase.checkedName(explicit != null ? explicit : TestDatabase.defaultName(Path.of("")));
        String hostPort = orDefault(value(context, "rebound.test-db.host"), "127.0.0.1:5432");
        TestDatabase.ensureExists(hostPort, name, orDefault(value(context, "quarkus.datasource.username"), "rebound"),
                orDefault(value(context, "quarkus.datasource.password"), "rebound"));
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + name), "rebound-test-db", 20));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(20);
    }
}
