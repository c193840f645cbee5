package app.rebound.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Production refuses to start on missing, short or built-in secrets; dev mode and tests do not need them. */
class SecretsCheckTest {
    private static final String GOOD = "k2VZ9p1rQw8sX4bN7mT3yL6cF0hJ5dG2aE8uR1iO";

    private static Function<String, Optional<String>> values(String secretKey, String sessionSecret) {
        Map<String, String> m = new java.util.HashMap<>();
        if (secretKey != null) {
            m.put("rebound.secret-key", secretKey);
        }
        if (sessionSecret != null) {
            m.put("quarkus.oidc.token-state-manager.encryption-secret", sessionSecret);
        }
        return name -> Optional.ofNullable(m.get(name));
    }

    @Test
    void productionWithoutSecretsDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretsCheck.check(LaunchMode.NORMAL, values(null, null)));
        assertTrue(e.getMessage().contains("REBOUND_SECRET_KEY") && e.getMessage().contains("REBOUND_SESSION_SECRET"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> SecretsCheck.check(LaunchMode.NORMAL, values(GOOD, "")));
        assertThrows(IllegalStateException.class, () -> SecretsCheck.check(LaunchMode.NORMAL, values(GOOD, "short")));
    }

    @Test
    void productionRefusesTheBuiltInDevValues() {
        String devKey = "dev-only-secret-key-not-for-production-0123456789";
        assertEquals(1, SecretsCheck.problems(values(devKey, GOOD)).size());
        assertThrows(IllegalStateException.class, () -> SecretsCheck.check(LaunchMode.NORMAL, values(devKey, GOOD)));
    }

    @Test
    void productionWithItsOwnSecretsStarts() {
        assertDoesNotThrow(() -> SecretsCheck.check(LaunchMode.NORMAL, values(GOOD, GOOD + "x")));
    }

    @Test
    void devAndTestUseTheDevValues() {
        assertDoesNotThrow(() -> SecretsCheck.check(LaunchMode.DEVELOPMENT, values(null, null)));
        assertDoesNotThrow(() -> SecretsCheck.check(LaunchMode.TEST, values(null, null)));
    }
}
