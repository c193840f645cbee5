package app.rebound.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Outgoing webhooks (README "Outgoing webhooks"). */
@ConfigMapping(prefix = "rebound.outbound")
public interface OutboundConfig {
    /** Allow endpoints on loopback, private and link-local addresses (tests and dev; never in production). */
    @WithDefault("false")
    boolean allowPrivate();

    /** Run the delivery worker on its schedule (tests drive it themselves). */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often the worker looks for due deliveries when idle. */
    @WithDefault("1s")
    String every();

    /** Deliveries claimed (and sent in parallel) per round. */
    @WithDefault("500")
    int batchSize();

    /** Open connections per receiver (host and port). */
    @WithDefault("32")
    int connectionsPerEndpoint();

    /** A claim older than this is taken over by another worker (the first one crashed). */
    @WithDefault("PT2M")
    Duration claimLease();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The whole request, from connecting to the end of the (capped) answer. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** At most this many bytes of a receiver's answer are read. */
    @WithDefault("65536")
    int responseCap();
}
