package app.rebound.bench;

import app.rebound.tenant.MembershipAugmentor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (prints, never asserts a time) the CSV export of one campaign's whole bounce log, as a browser downloads
 * it: {@code GET /campaigns/{id}/bounces/export.csv} read as a stream (nothing kept but a byte and line count), its
 * wall time, rows per second, and the JVM's peak heap use during the download (heap pools' peaks, reset after a GC
 * before it starts) against the heap in use before it. The app and this client share the JVM, so the peak is an upper
 * bound for the export itself. On the benchmark database (REBOUND_TEST_DB); bench/csv-export.sh runs it.
 */
@QuarkusTest
@TestProfile(InsightBench.BenchDb.class)
@EnabledIfSystemProperty(named = "rebound.bench", matches = "true")
class CsvExportBench {
    static final long CAMPAIGN = Long.getLong("rebound.bench.campaign", 1L);
    static final int RUNS = Integer.getInteger("rebound.bench.runs", 2);

    @TestHTTPResource("/")
    URL app;

    @Test
    @TestSecurity(user = "alice", augmentors = MembershipAugmentor.class)
    void exportTheWholeCampaign() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(app.toString().replaceAll("/$", "") + "/campaigns/" + CAMPAIGN + "/bounces/export.csv");
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long maxHeap = Runtime.getRuntime().maxMemory();
        for (int run = 1; run <= RUNS; run++) {
            System.gc();
            long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            long firstByteNanos = -1;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buf)) > 0;) {
                    if (firstByteNanos < 0) {
                        firstByteNanos = System.nanoTime() - t0;
                    }
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("BENCH csv-export run %d: status %d, %,d lines (%,d rows), %,d bytes, first byte %,d ms, total %,d ms,"
                    + " %,.0f rows/s; heap before %,d MiB, peak during %,d MiB (+%,d MiB), max heap %,d MiB%n", run, r.statusCode(),
                    lines, lines - 1, bytes, firstByteNanos / 1_000_000, ms, (lines - 1) * 1000.0 / Math.max(1, ms), before >> 20,
                    peak >> 20, (peak - before) >> 20, maxHeap >> 20);
        }
    }
}
