package app.rebound.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "rebound.sending")
public interface SendingConfig {
    /** Whether this instance works off campaign sends and due retries (the scheduler). */
    @WithDefault("true")
    boolean enabled();

    /** Recipients claimed per batch. */
    @WithDefault("200")
    int batchSize();

    /** SMTP connections per campaign send (each with its own sender thread). */
    @WithDefault("4")
    int connections();

    /** A recipient claimed longer ago than this and never recorded was interrupted (its sender died). */
    @WithDefault("PT10M")
    Duration claimLease();

    /** The local part of the From address; the domain is the server's return-path domain. */
    @WithDefault("newsletter")
    String fromLocalPart();
}
