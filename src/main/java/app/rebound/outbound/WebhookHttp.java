package app.rebound.outbound;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts one webhook: to the address the SSRF guard checked (Vert.x connects to {@code server} and still sends the
 * host name in the Host header, the TLS SNI and the certificate check), no redirects followed, a connect timeout and
 * a whole-request timeout, at most {@code response-cap} bytes of the answer read (the connection is reset after).
 */
@ApplicationScoped
public class WebhookHttp {
    public static final int EXCERPT_CHARS = 1000;
    private final Vertx vertx;
    private final HttpClient client;
    private final OutboundConfig config;

    public WebhookHttp(Vertx vertx, OutboundConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.connectionsPerEndpoint())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setDecompressionSupported(false)
                .setMaxRedirects(0));
    }

    void close(@Observes ShutdownEvent e) {
        client.close();
    }

    /** What the receiver answered: a status (null when there was no answer), an error, the start of its answer. */
    public record Answer(Integer status, String error, String excerpt, int durationMs) {
        public boolean accepted() {
            return status != null && status >= 200 && status < 300;
        }
    }

    public CompletableFuture<Answer> post(UrlGuard.Target target, Map<String, String> headers, byte[] body) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        long start = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        Buffer received = Buffer.buffer();
        AtomicReference<Integer> status = new AtomicReference<>();
        java.util.function.BiConsumer<Integer, String> complete = (code, error) -> {
            if (done.compareAndSet(false, true)) {
                int ms = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
                result.complete(new Answer(code, error, excerpt(received), ms));
            }
        };
        long timer = vertx.setTimer(config.requestTimeout().toMillis(), id -> {
            HttpClientRequest r = request.get();
            if (r != null) {
                r.reset();
            }
            complete.accept(status.get(), "timed out after " + config.requestTimeout().toMillis() + " ms");
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.requestTimeout().toMillis());
        headers.forEach(options::addHeader);
        // Build the whole chain on an event loop, where its events are dispatched: built on the worker's thread, the
        // response could arrive and end before the handlers below were attached (the end event was then lost, and
        // the request waited out the timeout although the receiver had answered at once).
        vertx.getOrCreateContext().runOnContext(ignored -> {
            client.request(options).compose(req -> {
                request.set(req);
                return req.send(Buffer.buffer(body));
            }).onComplete(ar -> {
                if (ar.failed()) {
                    vertx.cancelTimer(timer);
                    complete.accept(null, describe(ar.cause()));
                    return;
                }
                var resp = ar.result();
                status.set(resp.statusCode());
                int cap = config.responseCap();
                resp.handler(chunk -> {
                    int room = cap - received.length();
                    if (room > 0) {
                        received.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
                    }
                    if (received.length() >= cap && !done.get()) {
                        vertx.cancelTimer(timer);
                        complete.accept(resp.statusCode(), null);
                        resp.request().reset();
                    }
                });
                resp.exceptionHandler(e -> {
                    vertx.cancelTimer(timer);
                    complete.accept(resp.statusCode(), done.get() ? null : describe(e));
                });
                resp.endHandler(v -> {
                    vertx.cancelTimer(timer);
                    complete.accept(resp.statusCode(), null);
                });
            });
        });
        return result;
    }

    private static String describe(Throwable t) {
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return Texts.clean(m, 500);
    }

    private static String excerpt(Buffer b) {
        if (b.length() == 0) {
            return null;
        }
        byte[] bytes = b.getBytes(0, Math.min(b.length(), EXCERPT_CHARS * 4));
        return Texts.clean(new String(bytes, StandardCharsets.UTF_8), EXCERPT_CHARS);
    }
}
