package app.rebound.ingest.smtp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code rebound.smtp.*}: the inbound SMTP listener (Rebound as the MX of its return-path domains). */
@ConfigMapping(prefix = "rebound.smtp")
public interface SmtpConfig {
    /** Listen at start (dev: on; tests start their own listener on a free port). */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("2525")
    int port();

    @WithDefault("0.0.0.0")
    String bindAddress();

    /** The name the listener greets with. */
    @WithDefault("rebound.localhost")
    String hostName();

    @WithDefault("200")
    int maxConnections();

    /** PKCS#12 key store with the certificate; STARTTLS is offered only when it is set. */
    Optional<String> tlsKeyStore();

    Optional<String> tlsKeyStorePassword();
}
