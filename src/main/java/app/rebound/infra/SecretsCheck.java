package app.rebound.infra;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Production refuses to start without its own secrets instead of running on a built-in default: the master key
 * {@code rebound.secret-key} (REBOUND_SECRET_KEY) and the session cookie's encryption secret
 * (REBOUND_SESSION_SECRET). Each must be set, at least {@value #MIN_LENGTH} characters, and not one of the
 * dev-only values from application.properties. Dev mode and tests use those dev-only values.
 */
@ApplicationScoped
public class SecretsCheck {
    static final int MIN_LENGTH = 32;
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();
    static {
        REQUIRED.put("rebound.secret-key", "REBOUND_SECRET_KEY");
        REQUIRED.put("quarkus.oidc.token-state-manager.encryption-secret", "REBOUND_SESSION_SECRET");
    }

    private final Config config;

    public SecretsCheck(Config config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        check(LaunchMode.current(), name -> config.getOptionalValue(name, String.class));
    }

    /** Throws (which stops the start) when production lacks a secret; returns quietly otherwise. */
    static void check(LaunchMode mode, java.util.function.Function<String, Optional<String>> values) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(values);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Rebound will not start in production without its secrets: "
                    + String.join("; ", problems));
        }
    }

    static List<String> problems(java.util.function.Function<String, Optional<String>> values) {
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((property, env) -> {
            String v = values.apply(property).orElse("");
            if (v.isBlank()) {
                problems.add(env + " is not set (" + property + ")");
            } else if (v.length() < MIN_LENGTH) {
                problems.add(env + " is shorter than " + MIN_LENGTH + " characters");
            } else if (v.startsWith("dev-only-")) {
                problems.add(env + " is the dev-only default; generate one, e.g. openssl rand -base64 48");
            }
        });
        return problems;
    }
}
