package app.rebound.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code rebound.webhook.*}: provider webhook settings (secrets are sealed with {@code rebound.secrets.master-key}). */
@ConfigMapping(prefix = "rebound.webhook")
public interface WebhookConfig {
    /** Timeout of the HTTPS calls to Amazon SNS (signing certificate, subscription confirmation). */
    @WithDefault("10s")
    Duration snsTimeout();
}
