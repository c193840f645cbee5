package app.rebound.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code rebound.webhook.*}: provider webhook settings. */
@ConfigMapping(prefix = "rebound.webhook")
public interface WebhookConfig {
    /**
     * Key that encrypts endpoint secrets at rest (any string of at least 32 characters; AES-256 key = its
     * SHA-256). Without it, endpoints that need a secret (Mailgun, Postmark, SparkPost) cannot be created or used.
     */
    Optional<String> secretKey();

    /** Timeout of the HTTPS calls to Amazon SNS (signing certificate, subscription confirmation). */
    @WithDefault("10s")
    Duration snsTimeout();
}
