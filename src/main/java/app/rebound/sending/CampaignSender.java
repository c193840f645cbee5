package app.rebound.sending;

import app.rebound.campaign.Campaign;
import app.rebound.engine.Verp;
import app.rebound.ingest.VerpKeys;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.TenantRunner;
import com.google.common.util.concurrent.RateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Campaign sends, off the web threads: a request lists the recipients once ({@link #request}); the scheduler then
 * works them off in batches over a few SMTP connections per send, throttled per sending server. Each batch is
 * committed as 'sending' before its mails go out and recorded after, and batches are claimed with
 * {@code FOR UPDATE SKIP LOCKED}: two instances never send to the same recipient, and a restart never sends anyone
 * twice (a recipient caught mid-dialogue by a crash is marked interrupted, not sent again).
 */
@ApplicationScoped
public class CampaignSender {
    private final SendingSql sql;
    private final SmtpSender smtp;
    private final TenantRunner runner;
    private final VerpKeys verpKeys;
    private final Rejections rejections;
    private final SendingConfig config;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public CampaignSender(SendingSql sql, SmtpSender smtp, TenantRunner runner, VerpKeys verpKeys, Rejections rejections,
                          SendingConfig config, @Sending Clock clock) {
        this.sql = sql;
        this.smtp = smtp;
        this.runner = runner;
        this.verpKeys = verpKeys;
        this.rejections = rejections;
        this.config = config;
        this.clock = clock;
    }

    /** Why a send cannot start, for people. */
    public static class SendRefusedException extends RuntimeException {
        public SendRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Starts the campaign's send: lists its recipients (subscribed, not suppressed) once; a second request changes
     * nothing. Returns the progress. The mails go out from the scheduler, never on the calling thread.
     */
    public SendingSql.Progress request(String tenant, long campaignId) {
        SendContext ctx = context(tenant, campaignId); // refuses a missing campaign, a disabled server, a foreign domain
        sql.requestSend(tenant, ctx.campaignId(), clock.instant());
        return sql.progress(tenant, campaignId).orElseThrow();
    }

    public Optional<SendingSql.Progress> progress(String tenant, long campaignId) {
        return sql.progress(tenant, campaignId);
    }

    @Scheduled(every = "${rebound.sending.poll:2s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SendingDisabled.class)
    void tick() {
        runOnce();
    }

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
    }

    /** Stops between two messages (what a shutdown does); claimed recipients not yet sent are given back. */
    public void stop() {
        stopping = true;
    }

    public void resume() {
        stopping = false;
    }

    /** Every tenant (background work runs tenant by tenant). */
    List<String> tenantIds() {
        return runner.tenantIds();
    }

    /** Works off every active send of every tenant; returns how many mails were handed to SMTP servers. */
    public int runOnce() {
        int n = 0;
        for (String tenant : runner.tenantIds()) {
            for (long campaignId : sql.activeSends(tenant)) {
                if (stopping) {
                    return n;
                }
                n += sendCampaign(tenant, campaignId);
            }
        }
        return n;
    }

    /** Sends what is pending of one campaign over {@code connections} SMTP connections; returns the count sent. */
    public int sendCampaign(String tenant, long campaignId) {
        String key = tenant + "/" + campaignId;
        if (!running.add(key)) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            int interrupted = sql.interruptStale(tenant, campaignId, now.minus(config.claimLease()));
            if (interrupted > 0) {
                Log.warnf("Campaign %s of %s: %d recipients were interrupted mid-send earlier; not sent again",
                        campaignId, tenant, interrupted);
            }
            SendContext ctx;
            try {
                ctx = context(tenant, campaignId);
            } catch (SendRefusedException e) {
                Log.warnf("Campaign %s of %s cannot send now: %s", campaignId, tenant, e.getMessage());
                return 0;
            }
            AtomicInteger sent = new AtomicInteger();
            int k = Math.max(1, config.connections());
            ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
                Thread t = new Thread(r, "campaign-send-" + campaignId);
                t.setDaemon(true);
                return t;
            });
            // Each sender hands its batch's outcomes to a recorder and goes on claiming and sending the next batch
            // while they are written (at most one batch in writing per sender): the SMTP connections do not wait
            // for the database.
            ExecutorService recorders = Executors.newFixedThreadPool(k, r -> {
                Thread t = new Thread(r, "campaign-record-" + campaignId);
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    fs.add(pool.submit(() -> {
                        sendBatches(ctx, sent, recorders);
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException ex) {
                        Log.warnf(ex.getCause(), "Campaign %s of %s: a sender stopped", campaignId, tenant);
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
                recorders.shutdown();
            }
            sql.completeIfDrained(tenant, campaignId, clock.instant());
            return sent.get();
        } finally {
            running.remove(key);
        }
    }

    private void sendBatches(SendContext ctx, AtomicInteger sent, ExecutorService recorders) throws InterruptedException {
        SmtpSender.Connection conn = null;
        Future<?> writing = null;
        try {
            while (!stopping) {
                List<SendingSql.Recipient> batch = sql.claim(ctx.tenant(), ctx.campaignId(), config.batchSize(), clock.instant());
                if (batch.isEmpty()) {
                    return;
                }
                List<SendingSql.Outcome> outcomes = new ArrayList<>();
                List<Rejections.Rejection> refused = new ArrayList<>();
                List<Long> giveBack = new ArrayList<>();
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        SendingSql.Recipient r = batch.get(i);
                        if (stopping) {
                            batch.subList(i, batch.size()).forEach(x -> giveBack.add(x.subscriberId()));
                            break;
                        }
                        if (!r.eligible()) {
                            outcomes.add(new SendingSql.Outcome(r.subscriberId(), "skipped",
                                    "Skipped: unsubscribed, bounced or suppressed since the send was requested", null));
                            continue;
                        }
                        throttle(ctx);
                        OutgoingMail mail = ctx.mailFor(r.subscriberId(), r.email());
                        String mid = mail.headers().get("Message-ID");
                        try {
                            if (conn == null) {
                                conn = smtp.open(ctx.target());
                            }
                            SmtpReply reply = conn.send(mail);
                            outcomes.add(new SendingSql.Outcome(r.subscriberId(), "sent", reply.text(), mid));
                            sent.incrementAndGet();
                        } catch (SmtpSendException e) {
                            if (e.isRecipientRejection()) {
                                SmtpReply reply = e.reply().orElseThrow();
                                outcomes.add(new SendingSql.Outcome(r.subscriberId(), "refused", reply.text(), mid));
                                refused.add(new Rejections.Rejection(r.email(), ctx.campaignId(), r.subscriberId(), mid,
                                        e.stage(), reply, ctx.target().host(), clock.instant()));
                            } else if (e.stage() == SmtpSendException.Stage.CONNECT || e.stage() == SmtpSendException.Stage.AUTH) {
                                // nothing went out for this one: give it and the rest back, try again on the next tick
                                batch.subList(i, batch.size()).forEach(x -> giveBack.add(x.subscriberId()));
                                Log.warnf("Campaign %s of %s: %s", ctx.campaignId(), ctx.tenant(), e.getMessage());
                                closeQuietly(conn);
                                conn = null;
                                break;
                            } else {
                                // the dialogue broke mid-message: it may have been delivered, so it is not sent again
                                outcomes.add(new SendingSql.Outcome(r.subscriberId(), "interrupted",
                                        "Interrupted: " + e.getMessage(), null));
                                closeQuietly(conn);
                                conn = null;
                            }
                        }
                    }
                } finally {
                    awaitWritten(writing); // the previous batch's: at most one in writing per sender
                    Instant done = clock.instant();
                    writing = recorders.submit(() -> {
                        sql.record(ctx.tenant(), ctx.campaignId(), ctx.serverId(), outcomes, done);
                        sql.release(ctx.tenant(), ctx.campaignId(), giveBack);
                        rejections.submit(ctx.tenant(), ctx.serverId(), refused);
                        return null;
                    });
                }
                if (!giveBack.isEmpty()) {
                    return;
                }
            }
        } finally {
            closeQuietly(conn);
            awaitWritten(writing);
        }
    }

    /**
     * Waits for a batch's outcomes to be written; a failure stops this sender (as a failed write on this thread did):
     * its recipients stay claimed and are marked interrupted after the claim lease, never sent twice.
     */
    private static void awaitWritten(Future<?> writing) throws InterruptedException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void closeQuietly(SmtpSender.Connection c) {
        if (c != null) {
            c.close();
        }
    }

    private void throttle(SendContext ctx) {
        if (ctx.rateLimit() == null) {
            return;
        }
        RateLimiter l = limiters.computeIfAbsent(ctx.tenant() + "/" + ctx.serverId(), k -> RateLimiter.create(ctx.rateLimit()));
        if (l.getRate() != ctx.rateLimit()) {
            l.setRate(ctx.rateLimit());
        }
        l.acquire();
    }

    /** Loads what a send of this campaign needs; refuses when it cannot send. */
    SendContext context(String tenant, long campaignId) {
        return runner.inTenant(tenant, () -> {
            Campaign c = Campaign.findById(campaignId);
            if (c == null) {
                throw new SendRefusedException("No such campaign: " + campaignId);
            }
            SendingServer s = c.sendingServer;
            if (!s.enabled) {
                throw new SendRefusedException("The sending server " + s.name + " is disabled");
            }
            String domain = s.returnPathDomain.toLowerCase(Locale.ROOT);
            Optional<String> owner = verpKeys.tenantOfDomain(domain);
            if (owner.isPresent() && !owner.get().equals(tenant)) {
                throw new SendRefusedException("The return-path domain " + domain + " belongs to another account");
            }
            if (owner.isEmpty() && !verpKeys.claimDomain(tenant, domain)) {
                throw new SendRefusedException("The return-path domain " + domain + " belongs to another account");
            }
            Verp verp = verpKeys.activeKey(tenant);
            String text = "This is " + c.name + ".\r\n\r\n" + c.subject + "\r\n";
            return new SendContext(tenant, c.id, s.id, smtp.targetOf(s), s.sendRateLimit, domain, verp,
                    config.fromLocalPart() + "@" + domain, c.subject, text);
        });
    }
}
