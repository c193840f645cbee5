package app.rebound.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's receiver (JDK HttpServer on 127.0.0.1): verifies every signature, processes each event id once,
 * and counts ordering violations (an event of a subscriber arriving before the previous one was accepted). It can
 * be stopped (an outage) and started again on the same port.
 */
public final class ReceiverForBench implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger bad = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger violations = new AtomicInteger();
    private final Map<String, Boolean> processed = new ConcurrentHashMap<>();
    private final Map<String, int[]> position = new ConcurrentHashMap<>();
    private final Map<Long, Integer> accepted = new ConcurrentHashMap<>();
    private volatile String secret;
    private HttpServer server;
    private ExecutorService pool;

    private ReceiverForBench() {
    }

    public static ReceiverForBench start() throws IOException {
        ReceiverForBench r = new ReceiverForBench();
        r.listen(0);
        return r;
    }

    public void secret(String s) {
        this.secret = s;
    }

    private void listen(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            int status = 200;
            if (!Signature.verify(secret, ex.getRequestHeaders().getFirst(Signature.HEADER), body, System.currentTimeMillis() / 1000, 300)) {
                bad.incrementAndGet();
                status = 401;
            } else {
                String id = ex.getRequestHeaders().getFirst(Signature.IDEMPOTENCY_HEADER);
                long sub = json.readTree(body).path("subscriber_id").asLong(0);
                int[] pos = position.get(id);
                synchronized (this) {
                    if (pos != null && pos[0] > accepted.getOrDefault(sub, 0)) {
                        violations.incrementAndGet();
                    }
                    if (processed.putIfAbsent(id, Boolean.TRUE) != null) {
                        duplicates.incrementAndGet();
                    } else if (pos != null) {
                        accepted.merge(sub, 1, Integer::sum);
                    }
                }
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    public void restart(int port) throws IOException {
        listen(port);
    }

    /** Rows (sub, id) in the order Rebound wrote them. */
    public void expectedOrder(List<Map<String, Object>> rows) {
        Map<Long, Integer> next = new java.util.HashMap<>();
        for (Map<String, Object> row : rows) {
            long sub = ((Number) row.get("sub")).longValue();
            int i = next.merge(sub, 1, Integer::sum) - 1;
            position.put((String) row.get("id"), new int[] {i});
        }
    }

    public int requests() {
        return requests.get();
    }

    public int processed() {
        return processed.size();
    }

    public int duplicates() {
        return duplicates.get();
    }

    public int badSignatures() {
        return bad.get();
    }

    public int orderViolations() {
        return violations.get();
    }

    @Override
    public void close() {
        stop();
    }
}
