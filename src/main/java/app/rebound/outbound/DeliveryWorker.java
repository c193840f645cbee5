package app.rebound.outbound;

import app.rebound.webhook.EndpointSecrets;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the outbox: claims a batch of due deliveries (each the oldest pending one of its subscriber for its
 * endpoint), checks each URL against the SSRF guard once per round (resolving it and connecting to the checked
 * address), posts them all in parallel, then records every attempt in one short transaction. Time comes from the
 * injectable clock, or from the caller of {@link #runOnce(Instant)}.
 */
@ApplicationScoped
public class DeliveryWorker {
    private final OutboundSql sql;
    private final UrlGuard guard;
    private final WebhookHttp http;
    private final EndpointSecrets secrets;
    private final OutboundConfig config;
    private final OutboundClock clock;

    public DeliveryWorker(OutboundSql sql, UrlGuard guard, WebhookHttp http, EndpointSecrets secrets,
                          OutboundConfig config, OutboundClock clock) {
        this.sql = sql;
        this.guard = guard;
        this.http = http;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    /** Skips the scheduled run when {@code rebound.outbound.worker-enabled=false} (tests drive the worker). */
    @jakarta.inject.Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        private final OutboundConfig config;

        public Disabled(OutboundConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.workerEnabled();
        }
    }

    @Scheduled(every = "${rebound.outbound.every:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void tick() {
        try {
            int n;
            do {
                n = runOnce(clock.clock().instant());
            } while (n == config.batchSize());
        } catch (RuntimeException e) {
            Log.errorf(e, "Outgoing webhook delivery round failed");
        }
    }

    /** Rounds until nothing is due at {@code now}; returns the attempts made. */
    public int drain(Instant now) {
        int total = 0;
        int n;
        while ((n = runOnce(now)) > 0) {
            total += n;
        }
        return total;
    }

    /** One round: claims, sends and records up to batch-size deliveries due at {@code now}; returns how many. */
    public int runOnce(Instant now) {
        long t0 = System.nanoTime();
        List<OutboundSql.Claimed> batch = sql.claim(now, now.plus(config.claimLease()), config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        long t1 = System.nanoTime();
        Map<String, Object> targets = new HashMap<>();
        Map<Long, String> keys = new HashMap<>();
        Map<OutboundSql.Claimed, CompletableFuture<WebhookHttp.Answer>> sent = new LinkedHashMap<>();
        for (OutboundSql.Claimed d : batch) {
            Object target = targets.computeIfAbsent(d.url(), url -> {
                try {
                    return guard.check(url);
                } catch (UrlGuard.Refused e) {
                    return e;
                }
            });
            if (target instanceof UrlGuard.Refused refused) {
                sent.put(d, CompletableFuture.completedFuture(new WebhookHttp.Answer(null,
                        Texts.clean("Not sent: " + refused.getMessage(), 500), null, 0)));
                continue;
            }
            String secret;
            try {
                secret = keys.computeIfAbsent(d.endpointId(), id -> secrets.open(d.sealedSecret(), EndpointService.secretContext(id)));
            } catch (IllegalStateException e) {
                sent.put(d, CompletableFuture.completedFuture(new WebhookHttp.Answer(null,
                        "Not sent: the endpoint's secret cannot be opened (" + e.getMessage() + ")", null, 0)));
                continue;
            }
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Rebound-Webhooks/1");
            headers.put(Signature.EVENT_TYPE_HEADER, d.type());
            headers.put(Signature.EVENT_ID_HEADER, d.eventId().toString());
            headers.put(Signature.IDEMPOTENCY_HEADER, d.eventId().toString());
            headers.put(Signature.HEADER, Signature.header(secret, clock.clock().instant().getEpochSecond(), body));
            sent.put(d, http.post((UrlGuard.Target) target, headers, body));
        }
        List<OutboundSql.Outcome> outcomes = new ArrayList<>(sent.size());
        long waitMs = config.requestTimeout().toMillis() + config.connectTimeout().toMillis() + 5_000;
        for (var e : sent.entrySet()) {
            OutboundSql.Claimed d = e.getKey();
            WebhookHttp.Answer a;
            try {
                a = e.getValue().get(waitMs, TimeUnit.MILLISECONDS);
            } catch (Exception ex) {
                a = new WebhookHttp.Answer(null, "no answer: " + ex.getClass().getSimpleName(), null, (int) waitMs);
            }
            boolean ok = a.accepted();
            Instant next = null;
            String error = a.error();
            if (!ok) {
                Instant first = d.firstAttemptAt() == null ? now : d.firstAttemptAt();
                next = Backoff.nextAttempt(first, d.attempts() + 1, now).orElse(null);
                if (error == null) {
                    error = "HTTP " + a.status() + " (a 2xx answer is needed)";
                }
            }
            outcomes.add(new OutboundSql.Outcome(d, now, a.durationMs(), a.status(), error, a.excerpt(), ok, next));
        }
        long t2 = System.nanoTime();
        sql.record(outcomes);
        Log.debugf("Webhook round: %d deliveries; claim %d ms, send %d ms, record %d ms", batch.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return batch.size();
    }
}
