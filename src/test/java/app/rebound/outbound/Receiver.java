package app.rebound.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A real HTTP receiver (JDK HttpServer on 127.0.0.1) that behaves like a careful CRM: it verifies each signature,
 * processes each event id once (idempotent), and fails requests while {@code failing} says so. It records what it
 * processed per subscriber, and any request for a subscriber's event that arrives while an earlier event of that
 * subscriber has not yet been accepted (an ordering violation).
 */
public final class Receiver implements AutoCloseable {
    private final HttpServer server;
    /** The endpoint's signing secret (known once the endpoint exists). */
    public volatile String secret;
    private final ObjectMapper json = new ObjectMapper();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger badSignatures = new AtomicInteger();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final List<String> processed = Collections.synchronizedList(new ArrayList<>());
    final Map<String, JsonNode> bodies = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<Long, List<String>> perSubscriber = Collections.synchronizedMap(new HashMap<>());
    final List<String> orderViolations = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> lastHeaders = Collections.synchronizedMap(new HashMap<>());
    /** Given the request number (1-based), whether to fail it with 503. */
    public volatile IntPredicate failing = n -> false;
    /** Per subscriber, the event ids in the order Rebound wrote them (set by the test before delivery). */
    volatile Map<Long, List<String>> expectedOrder = Map.of();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            String sig = ex.getRequestHeaders().getFirst("Rebound-Signature");
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            lastHeaders.put("Rebound-Signature", sig);
            lastHeaders.put("Idempotency-Key", key);
            lastHeaders.put("Rebound-Event", ex.getRequestHeaders().getFirst("Rebound-Event"));
            lastHeaders.put("Content-Type", ex.getRequestHeaders().getFirst("Content-Type"));
            int status;
            String answer;
            if (!Signature.verify(this.secret, sig, body, System.currentTimeMillis() / 1000, 300)) {
                badSignatures.incrementAndGet();
                status = 401;
                answer = "bad signature";
            } else {
                JsonNode ev = json.readTree(body);
                long sub = ev.path("subscriber_id").asLong(0);
                checkOrder(sub, key);
                if (failing.test(n)) {
                    status = 503;
                    answer = "<h1>down for maintenance</h1>";
                } else {
                    synchronized (this) {
                        if (bodies.containsKey(key)) {
                            duplicates.incrementAndGet();
                        } else {
                            bodies.put(key, ev);
                            processed.add(key);
                            perSubscriber.computeIfAbsent(sub, s -> Collections.synchronizedList(new ArrayList<>())).add(key);
                        }
                    }
                    status = 200;
                    answer = "ok";
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    private void checkOrder(long sub, String key) {
        List<String> expected = expectedOrder.get(sub);
        if (expected == null) {
            return;
        }
        int i = expected.indexOf(key);
        List<String> done = perSubscriber.getOrDefault(sub, List.of());
        for (int j = 0; j < i; j++) {
            if (!done.contains(expected.get(j))) {
                orderViolations.add("subscriber " + sub + ": " + key + " arrived before " + expected.get(j) + " was accepted");
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
