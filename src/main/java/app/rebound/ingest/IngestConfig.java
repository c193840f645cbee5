package app.rebound.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code rebound.ingest.*}: limits and worker settings of the ingestion pipeline. */
@ConfigMapping(prefix = "rebound.ingest")
public interface IngestConfig {
    /** Largest input accepted, in bytes (the engine reads at most 10 MiB per message). */
    @WithDefault("10485760")
    int maxBytes();

    /** How long raw inputs are kept after they were processed or dismissed. */
    @WithDefault("P90D")
    Duration retention();

    Worker worker();

    Sweep sweep();

    /** The retention sweep that deletes raw inputs past their {@code retain_until}. */
    interface Sweep {
        /** Whether the scheduled sweep runs (tests call {@link InputRetention#sweep()} themselves). */
        @WithDefault("true")
        boolean enabled();

        /** How often the sweep runs. */
        @WithDefault("1h")
        String every();

        /** Rows deleted per statement (each batch is its own short transaction). */
        @WithDefault("1000")
        int batchSize();
    }

    interface Worker {
        /** Whether the scheduled workers run (tests drive the worker directly). */
        @WithDefault("true")
        boolean enabled();

        /** Inputs claimed and processed per transaction. */
        @WithDefault("200")
        int batchSize();

        /** Parallel worker loops in this instance (each claims its own batches). */
        @WithDefault("2")
        int concurrency();

        /** How often an idle worker looks for work. */
        @WithDefault("1s")
        String every();

        /** Attempts before an input that keeps failing goes to quarantine. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the first retry of a failed input; doubles with each attempt. */
        @WithDefault("PT10S")
        Duration retryBackoff();
    }
}
