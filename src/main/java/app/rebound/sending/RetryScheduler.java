package app.rebound.sending;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Re-sends soft-bounced mail when the retry policy says (the ingestion pipeline keeps {@code retry_state} and
 * schedules each step). Per tenant, it claims due retries with {@code FOR UPDATE SKIP LOCKED} so two instances never
 * send the same retry, re-sends through the campaign's server, and records each attempt: delivered closes the soft
 * state; a refusal goes into the pipeline like any SMTP-time rejection, which schedules the next step or, when the
 * policy is exhausted, converts it to hard and bounces the subscriber. Time comes from the injectable clock, or
 * from the caller of {@link #runOnce(Instant)}.
 */
@ApplicationScoped
public class RetryScheduler {
    static final Duration ERROR_BACKOFF = Duration.ofMinutes(5);
    private final SendingSql sql;
    private final CampaignSender campaigns;
    private final SmtpSender smtp;
    private final Rejections rejections;
    private final SendingConfig config;
    private final Clock clock;

    public RetryScheduler(SendingSql sql, CampaignSender campaigns, SmtpSender smtp, Rejections rejections,
                          SendingConfig config, @Sending Clock clock) {
        this.sql = sql;
        this.campaigns = campaigns;
        this.smtp = smtp;
        this.rejections = rejections;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${rebound.sending.retry-poll:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SendingDisabled.class)
    void tick() {
        runOnce(clock.instant());
    }

    /** Sends every retry due at {@code now}, tenant by tenant; returns how many attempts were made. */
    public int runOnce(Instant now) {
        int n = 0;
        for (String tenant : campaigns.tenantIds()) {
            n += runOnce(tenant, now);
        }
        return n;
    }

    /**
     * Sends one tenant's retries due at {@code now} over {@code rebound.sending.connections} workers, each claiming
     * its own batches ({@code SKIP LOCKED}: no two take the same retry) over its own SMTP connections; returns how
     * many attempts were made.
     */
    public int runOnce(String tenant, Instant now) {
        int k = Math.max(1, config.connections());
        if (k == 1) {
            return work(tenant, now);
        }
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "retry-send-" + tenant);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                fs.add(pool.submit(() -> work(tenant, now)));
            }
            int n = 0;
            for (Future<Integer> f : fs) {
                try {
                    n += f.get();
                } catch (ExecutionException e) {
                    Log.warnf(e.getCause(), "Retries of %s: a worker stopped", tenant);
                }
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    private int work(String tenant, Instant now) {
        int n = 0;
        while (true) {
            List<SendingSql.DueRetry> due = sql.claimRetries(tenant, now, now.minus(config.claimLease()), config.batchSize());
            if (due.isEmpty()) {
                return n;
            }
            n += send(tenant, due, now);
        }
    }

    /** Sends one claimed batch over one connection per server; records the whole batch in one transaction. */
    private int send(String tenant, List<SendingSql.DueRetry> due, Instant now) {
        Map<Long, SendContext> contexts = new HashMap<>();
        Map<Long, SmtpSender.Connection> connections = new HashMap<>();
        Map<Long, List<Rejections.Rejection>> refused = new HashMap<>();
        List<SendingSql.RetryOutcome> outcomes = new ArrayList<>(due.size());
        int attempts = 0;
        try {
            for (SendingSql.DueRetry r : due) {
                if (!r.eligible()) {
                    outcomes.add(new SendingSql.RetryOutcome(r, null, null, null, null, null));
                    continue;
                }
                SendContext ctx;
                try {
                    ctx = contexts.computeIfAbsent(r.campaignId(), id -> campaigns.context(tenant, id));
                } catch (CampaignSender.SendRefusedException e) {
                    outcomes.add(new SendingSql.RetryOutcome(r, "error", e.getMessage(), now.plus(ERROR_BACKOFF), null, null));
                    continue;
                }
                OutgoingMail mail = ctx.mailFor(r.subscriberId(), r.email());
                String mid = mail.headers().get("Message-ID");
                attempts++;
                try {
                    SmtpSender.Connection c = connections.get(ctx.serverId());
                    if (c == null) {
                        c = smtp.open(ctx.target());
                        connections.put(ctx.serverId(), c);
                    }
                    SmtpReply reply = c.send(mail);
                    outcomes.add(new SendingSql.RetryOutcome(r, "delivered", reply.text(), null, ctx.serverId(), mid));
                } catch (SmtpSendException e) {
                    if (e.isRecipientRejection()) {
                        SmtpReply reply = e.reply().orElseThrow();
                        outcomes.add(new SendingSql.RetryOutcome(r, reply.permanent() ? "hard" : "soft", reply.text(), null,
                                ctx.serverId(), mid));
                        refused.computeIfAbsent(ctx.serverId(), k -> new ArrayList<>()).add(new Rejections.Rejection(
                                r.email(), r.campaignId(), r.subscriberId(), mid, e.stage(), reply, ctx.target().host(), now));
                    } else {
                        Log.warnf("Retry of campaign %s to subscriber %s failed: %s", r.campaignId(), r.subscriberId(), e.getMessage());
                        outcomes.add(new SendingSql.RetryOutcome(r, "error", e.getMessage(), now.plus(ERROR_BACKOFF), null, null));
                        SmtpSender.Connection broken = connections.remove(ctx.serverId());
                        if (broken != null) {
                            broken.close();
                        }
                    }
                }
            }
        } finally {
            connections.values().forEach(SmtpSender.Connection::close);
            sql.recordRetries(tenant, outcomes, now);
            refused.forEach((server, list) -> rejections.submit(tenant, server, list));
        }
        return attempts;
    }
}
