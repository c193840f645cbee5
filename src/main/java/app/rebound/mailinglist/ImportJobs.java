package app.rebound.mailinglist;

import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Large CSV imports off the web thread: the upload is copied, the request returns at once, and one worker thread runs
 * {@link CsvImport} (still one transaction: all or nothing) while the page polls the job's progress. Jobs live in
 * this instance's memory for an hour after they finish; a restart forgets them (the import itself either committed
 * or left nothing behind).
 */
@ApplicationScoped
@jakarta.inject.Named("importJobs")
public class ImportJobs {
    static final Duration KEEP = Duration.ofHours(1);

    /** One import: its state for the progress page; only its tenant can see it. */
    public static final class Job implements CsvImport.Progress {
        public final String id;
        public final String tenantId;
        public final long listId;
        public final String fileName;
        public final long bytes;
        public final Instant startedAt;
        volatile String phase = "queued";
        volatile long rowsChecked;
        volatile long added;
        volatile long toAdd;
        volatile CsvImport.Result result;
        volatile String failure;
        volatile Instant finishedAt;

        Job(String tenantId, long listId, String fileName, long bytes, Instant startedAt) {
            this.id = UUID.randomUUID().toString();
            this.tenantId = tenantId;
            this.listId = listId;
            this.fileName = fileName;
            this.bytes = bytes;
            this.startedAt = startedAt;
        }

        @Override
        public void checked(long rows) {
            phase = "checking";
            rowsChecked = rows;
        }

        @Override
        public void adding(long done, long of) {
            phase = "adding";
            added = done;
            toAdd = of;
        }

        public boolean finished() {
            return finishedAt != null;
        }

        public String phase() {
            return phase;
        }

        public long rowsChecked() {
            return rowsChecked;
        }

        public long added() {
            return added;
        }

        public long toAdd() {
            return toAdd;
        }

        /** Rough share done for the progress bar: checking is the first half, adding the second. */
        public int percent() {
            if (finished()) {
                return 100;
            }
            if ("adding".equals(phase) && toAdd > 0) {
                return 50 + (int) (50 * added / toAdd);
            }
            long expectedRows = Math.max(1, bytes / 24); // about 24 bytes per address line
            return (int) Math.min(49, 50 * rowsChecked / expectedRows);
        }

        public CsvImport.Result result() {
            return result;
        }

        public String failure() {
            return failure;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "csv-import");
        t.setDaemon(true);
        return t;
    });
    private final CsvImport imports;
    private final TenantRunner runner;
    private final long backgroundBytes;

    public ImportJobs(CsvImport imports, TenantRunner runner,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "rebound.import.background-bytes",
                    defaultValue = "262144") long backgroundBytes) {
        this.imports = imports;
        this.runner = runner;
        this.backgroundBytes = backgroundBytes;
    }

    /** Files larger than this are imported in the background with a progress page. */
    public boolean inBackground(long bytes) {
        return bytes > backgroundBytes;
    }

    public long backgroundKib() {
        return backgroundBytes / 1024;
    }

    /** Takes over {@code upload} (a copy the caller made; deleted when the job ends) and starts the import. */
    public Job start(String tenantId, long listId, String fileName, Path upload, Instant now) throws IOException {
        jobs.values().removeIf(j -> j.finished() && j.finishedAt.isBefore(now.minus(KEEP)));
        Job job = new Job(tenantId, listId, fileName, Files.size(upload), now);
        jobs.put(job.id, job);
        worker.submit(() -> run(job, upload));
        return job;
    }

    private void run(Job job, Path upload) {
        try (Reader reader = new InputStreamReader(Files.newInputStream(upload), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            job.phase = "checking";
            // up to 100,000 rows in one all-or-nothing transaction: more time than a web request's 60 s
            job.result = runner.inTenant(job.tenantId, 900, () -> {
                try {
                    return imports.importInto(job.listId, job.fileName, reader, Instant.now(), job);
                } catch (CharacterCodingException e) {
                    throw new NotUtf8(e);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (NotUtf8 e) {
            job.failure = "The file is not UTF-8 text: save it as CSV (UTF-8) and upload it again. Nothing was imported.";
        } catch (RuntimeException | IOException e) {
            Log.errorf(e, "CSV import %s into list %d of %s failed", job.id, job.listId, job.tenantId);
            job.failure = "The import failed and was rolled back: nothing was imported.";
        } finally {
            job.phase = "done";
            job.finishedAt = Instant.now();
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                Log.warnf("could not delete the import copy %s", upload);
            }
        }
    }

    /** The job, only for its own tenant and list (anything else is as if it did not exist). */
    public Optional<Job> find(String tenantId, long listId, String id) {
        Job j = id == null ? null : jobs.get(id);
        return j != null && j.tenantId.equals(tenantId) && j.listId == listId ? Optional.of(j) : Optional.empty();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private static final class NotUtf8 extends RuntimeException {
        NotUtf8(Throwable cause) {
            super(cause);
        }
    }
}
