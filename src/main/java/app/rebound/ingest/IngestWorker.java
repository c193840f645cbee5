package app.rebound.ingest;

import app.rebound.engine.RecipientResult;
import app.rebound.sendingserver.RetryPolicy;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns stored inputs into bounces: claim a batch (FOR UPDATE SKIP LOCKED), parse, link, record once, act, mark
 * done, all in one transaction. A crash anywhere rolls the batch back; its inputs are then retried one by one, so
 * a poisonous input only fails itself and goes to quarantine after {@code max-attempts}. Inputs that cannot be
 * parsed or linked go to quarantine at once, with why. Nothing is attached to a guessed tenant or campaign.
 */
@ApplicationScoped
public class IngestWorker {
    private final IngestSql sql;
    private final IngestConfig config;
    private final Instance<InboundParser> parsers;
    private final VerpKeys verpKeys;
    private final ExecutorService loops;
    /** Tells observers (the insight detectors) which tenants got new bounces; they act after the commit. */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<BouncesRecorded> bouncesRecorded;
    /** Test-only crash injection: called inside the transaction with the bounces just written, before the actions. */
    private volatile Consumer<List<Recorded>> afterRecords = recs -> { };

    public IngestWorker(IngestSql sql, IngestConfig config, Instance<InboundParser> parsers, VerpKeys verpKeys) {
        this.sql = sql;
        this.config = config;
        this.parsers = parsers;
        this.verpKeys = verpKeys;
        this.loops = Executors.newFixedThreadPool(Math.max(1, config.worker().concurrency()), r -> {
            Thread t = new Thread(r, "ingest-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Test-only: a hook that may throw to simulate a worker killed mid-batch (null: none). */
    void crashHook(Consumer<List<Recorded>> hook) {
        this.afterRecords = hook == null ? recs -> { } : hook;
    }

    @Scheduled(every = "${rebound.ingest.worker.every:1s}", delayed = "2s", identity = "ingest-worker",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.worker().enabled()) {
            return;
        }
        int n = Math.max(1, config.worker().concurrency());
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            running.add(CompletableFuture.supplyAsync(this::drain, loops));
        }
        running.forEach(CompletableFuture::join);
    }

    /** Processes batches until no due input is left; returns how many inputs were processed. */
    public int drain() {
        int total = 0;
        int n;
        do {
            n = runOnce();
            total += n;
        } while (n > 0);
        return total;
    }

    /** Claims and processes one batch; returns how many inputs it claimed (0: nothing due). */
    public int runOnce() {
        AtomicReference<List<StoredInput>> claimed = new AtomicReference<>(List.of());
        try {
            return QuarkusTransaction.requiringNew().timeout(300).call(() -> {
                try (Connection c = sql.connection()) {
                    List<StoredInput> batch = sql.claim(c, Math.max(1, config.worker().batchSize()));
                    claimed.set(batch);
                    process(c, batch);
                    return batch.size();
                }
            });
        } catch (RuntimeException e) {
            List<StoredInput> batch = claimed.get();
            if (batch.isEmpty()) {
                throw e;
            }
            Log.warnf("ingest batch of %d rolled back (%s); retrying its inputs one by one", batch.size(), e.toString());
            for (StoredInput in : batch) {
                processAlone(in);
            }
            return batch.size();
        }
    }

    private void processAlone(StoredInput in) {
        try {
            QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = sql.connection()) {
                    sql.claimOne(c, in.tenantId(), in.id()).ifPresent(locked -> process(c, List.of(locked)));
                    return null;
                }
            });
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            Log.warnf("ingest input %s/%d failed: %s", in.tenantId(), in.id(), root.toString());
            sql.recordFailure(in.tenantId(), in.id(), "Processing failed: " + root, config.worker().maxAttempts(),
                    config.worker().retryBackoff());
        }
    }

    private void process(Connection c, List<StoredInput> batch) {
        try {
            processBatch(c, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("ingest batch failed: " + e.getMessage(), e);
        }
    }

    private void processBatch(Connection c, List<StoredInput> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        Map<StoredInput, String> quarantined = new LinkedHashMap<>();
        List<Recorded> recs = new ArrayList<>();
        for (StoredInput in : batch) {
            try {
                recs.addAll(records(in, parse(in)));
            } catch (InboundParseException e) {
                quarantined.put(in, e.getMessage());
            }
        }
        long t1 = System.nanoTime();
        link(c, recs, quarantined);
        recs.removeIf(r -> quarantined.containsKey(r.input));
        long t2 = System.nanoTime();

        long[] ids = sql.nextBounceIds(c, recs.size());
        for (int i = 0; i < recs.size(); i++) {
            recs.get(i).bounceId = ids[i];
        }
        Map<List<String>, Long> fresh = sql.insertBounceEvents(c, recs);
        recs.removeIf(r -> !Long.valueOf(r.bounceId).equals(fresh.get(List.of(r.input.tenantId(), r.eventKey))));

        for (Recorded r : recs) {
            r.decision = r.trusted ? AutoAction.decide(r.result)
                    : new AutoAction.Decision(AutoAction.RECORDED, null, false, false, "none",
                            "Recorded; the link to the send is not verified, so no status change");
        }
        java.util.Set<IngestSql.Ref> watchedBounced = watchedBounces(c, recs);
        scheduleRetries(c, recs);
        Map<IngestSql.Ref, Recorded> changes = new LinkedHashMap<>();
        for (Recorded r : recs) {
            if (r.decision.newStatus() != null) {
                changes.putIfAbsent(new IngestSql.Ref(r.input.tenantId(), r.subscriberId), r);
            }
        }
        sql.insertBounces(c, recs);
        afterRecords.accept(recs);
        if (!recs.isEmpty()) {
            Set<String> tenants = new LinkedHashSet<>();
            recs.forEach(r -> tenants.add(r.input.tenantId()));
            bouncesRecorded.fire(new BouncesRecorded(tenants, recs.size()));
        }
        sql.changeStatuses(c, new ArrayList<>(changes.values()));
        sql.suppress(c, suppressions(recs));
        sql.blockReactivation(c, watchedBounced);
        for (Recorded r : recs) {
            if (r.decision.flagIp() && !r.event.sendingIp().isEmpty()) {
                sql.flagIp(c, r);
            }
        }
        for (Map.Entry<StoredInput, String> q : quarantined.entrySet()) {
            sql.quarantine(c, q.getKey(), q.getValue());
        }
        List<StoredInput> done = batch.stream().filter(in -> !quarantined.containsKey(in)).toList();
        sql.markDone(c, done, config.retention());
        long t3 = System.nanoTime();
        Log.debugf("ingest batch of %d: parse %d ms, link %d ms, record and act %d ms", batch.size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /**
     * Issue 10: the suppression-list entries these records call for, [tenant, email, reason, note] each: a hard bounce
     * that bounced the subscriber (the address is dead), a spam complaint, a spam-trap hit.
     */
    static List<String[]> suppressions(List<Recorded> recs) {
        List<String[]> out = new ArrayList<>();
        for (Recorded r : recs) {
            String reason = AutoAction.suppressionReason(r.result, r.decision);
            if (reason != null) {
                String code = r.result.status() == null ? r.result.reason().id() : r.result.statusText();
                out.add(new String[] {r.input.tenantId(), r.recipient.strip().toLowerCase(java.util.Locale.ROOT), reason,
                        IngestSql.clip(r.decision.hint() + " (" + code + ", bounce " + r.bounceId + ")", 1000)});
            }
        }
        return out;
    }

    /**
     * Issue 10: a bounce (hard or soft, not one on your side) on one of the two watched sends after a re-add flips
     * the subscriber back to bounced and blocks automatic reactivation. Rewrites those decisions; returns the refs.
     */
    private java.util.Set<IngestSql.Ref> watchedBounces(Connection c, List<Recorded> recs) throws SQLException {
        java.util.Set<IngestSql.SendRef> candidates = new java.util.HashSet<>();
        for (Recorded r : recs) {
            if (r.subscriberId != null && AutoAction.flipsWhenWatched(r.decision)) {
                candidates.add(new IngestSql.SendRef(r.input.tenantId(), r.subscriberId, r.campaignId));
            }
        }
        java.util.Set<IngestSql.SendRef> watched = sql.watched(c, candidates);
        java.util.Set<IngestSql.Ref> flipped = new java.util.HashSet<>();
        for (Recorded r : recs) {
            if (r.subscriberId != null && AutoAction.flipsWhenWatched(r.decision)
                    && watched.contains(new IngestSql.SendRef(r.input.tenantId(), r.subscriberId, r.campaignId))) {
                r.decision = AutoAction.watched(r.decision);
                flipped.add(new IngestSql.Ref(r.input.tenantId(), r.subscriberId));
            }
        }
        return flipped;
    }

    private List<ParsedEvent> parse(StoredInput in) {
        for (InboundParser p : parsers) {
            if (p.handles(in.source())) {
                List<ParsedEvent> events = p.parse(in.source(), in.body(),
                        new ParseContext(in.tenantId(), verpKeys.keysOf(in.tenantId())));
                if (events == null || events.isEmpty()) {
                    throw new InboundParseException("The input holds no event");
                }
                return events;
            }
        }
        throw new InboundParseException("No parser for source " + in.source().code() + " is installed");
    }

    private static List<Recorded> records(StoredInput in, List<ParsedEvent> events) {
        List<Recorded> out = new ArrayList<>();
        for (ParsedEvent e : events) {
            List<RecipientResult> rs = e.report().recipients();
            if (rs.isEmpty()) {
                throw new InboundParseException("An event that names no recipient: " + e.eventKey());
            }
            for (RecipientResult r : rs) {
                String key = rs.size() == 1 ? e.eventKey() : e.eventKey() + "|" + r.recipient().toLowerCase(Locale.ROOT);
                if (key == null || key.isBlank()) {
                    throw new InboundParseException("An event without an event key");
                }
                if (key.length() > 300) {
                    key = "sha256:" + Inbox.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                out.add(new Recorded(in, e, r, key, occurredAt(in, r)));
            }
        }
        return out;
    }

    /** When the receiver answered; the arrival time when the report's dates are missing or implausible. */
    static Instant occurredAt(StoredInput in, RecipientResult r) {
        var d = r.lastAttemptDate() != null ? r.lastAttemptDate() : r.arrivalDate();
        if (d == null) {
            return in.receivedAt();
        }
        Instant t = d.toInstant();
        if (t.isAfter(in.receivedAt().plus(Duration.ofDays(1))) || t.isBefore(in.receivedAt().minus(Duration.ofDays(400)))) {
            return in.receivedAt();
        }
        return t;
    }

    /**
     * Finds campaign, subscriber and sending server for every record: VERP or Rebound headers (ids), else the
     * original Message-ID (sent_message), else the recipient's address when exactly one subscriber of the tenant
     * has it. An input with any record that does not link goes to quarantine with why.
     */
    private void link(Connection c, List<Recorded> recs, Map<StoredInput, String> quarantined) throws SQLException {
        List<String> midTenants = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        for (Recorded r : recs) {
            var l = r.report().links();
            if (!l.tenant().isEmpty() && !l.tenant().equals(r.input.tenantId())) {
                quarantined.putIfAbsent(r.input, "The bounce names tenant \"" + l.tenant() + "\" but arrived through the "
                        + "channel of tenant \"" + r.input.tenantId() + "\"");
                continue;
            }
            try {
                r.campaignId = l.campaign().isEmpty() ? null : Long.parseLong(l.campaign());
                r.subscriberId = l.subscriber().isEmpty() ? null : Long.parseLong(l.subscriber());
            } catch (NumberFormatException e) {
                quarantined.putIfAbsent(r.input, "The link names campaign \"" + l.campaign() + "\" and subscriber \""
                        + l.subscriber() + "\", which are not Rebound ids");
                continue;
            }
            r.trusted = l.verpVerified() || r.input.source() != InboundSource.SMTP;
            if (r.subscriberId == null && !l.messageId().isEmpty()) {
                midTenants.add(r.input.tenantId());
                mids.add(l.messageId());
            }
        }
        Map<List<String>, IngestSql.SentRow> sent = sql.sentMessages(c, midTenants, mids);
        Set<IngestSql.Ref> subRefs = new LinkedHashSet<>();
        Set<IngestSql.Ref> campRefs = new LinkedHashSet<>();
        for (Recorded r : recs) {
            if (quarantined.containsKey(r.input)) {
                continue;
            }
            if (r.subscriberId == null) {
                IngestSql.SentRow s = sent.get(List.of(r.input.tenantId(), r.report().links().messageId()));
                if (s != null) {
                    r.subscriberId = s.subscriberId();
                    r.campaignId = s.campaignId();
                    r.serverId = s.serverId();
                }
            }
            if (r.subscriberId != null) {
                subRefs.add(new IngestSql.Ref(r.input.tenantId(), r.subscriberId));
            }
            if (r.campaignId != null) {
                campRefs.add(new IngestSql.Ref(r.input.tenantId(), r.campaignId));
            }
        }
        Map<IngestSql.Ref, IngestSql.SubscriberRow> subs = sql.subscribers(c, subRefs);
        Map<IngestSql.Ref, IngestSql.CampaignRow> camps = sql.campaigns(c, campRefs);
        for (Recorded r : recs) {
            if (quarantined.containsKey(r.input)) {
                continue;
            }
            String why = linkOne(c, r, subs, camps);
            if (why != null) {
                quarantined.putIfAbsent(r.input, why);
            }
        }
    }

    private String linkOne(Connection c, Recorded r, Map<IngestSql.Ref, IngestSql.SubscriberRow> subs,
                           Map<IngestSql.Ref, IngestSql.CampaignRow> camps) throws SQLException {
        String tenant = r.input.tenantId();
        IngestSql.CampaignRow camp = null;
        if (r.campaignId != null) {
            camp = camps.get(new IngestSql.Ref(tenant, r.campaignId));
            if (camp == null) {
                return "Campaign " + r.campaignId + " named by the bounce does not exist in this organisation";
            }
            r.listId = camp.listId();
            r.retryPolicy = camp.retryPolicy();
            if (r.serverId == null) {
                r.serverId = camp.serverId();
            }
        }
        IngestSql.SubscriberRow sub = null;
        if (r.subscriberId != null) {
            sub = subs.get(new IngestSql.Ref(tenant, r.subscriberId));
            if (sub == null) {
                return "Subscriber " + r.subscriberId + " named by the bounce does not exist in this organisation";
            }
        } else if (!r.recipient.isEmpty()) {
            List<IngestSql.SubscriberRow> found = sql.subscribersByEmail(c, tenant, r.recipient);
            if (camp != null) {
                long list = camp.listId();
                found = found.stream().filter(s -> s.listId() == list).toList();
            }
            if (found.size() == 1) {
                sub = found.get(0);
                r.subscriberId = sub.id();
            } else if (found.isEmpty()) {
                return "Cannot link: no VERP return path, Rebound headers or known Message-ID, and no subscriber has the"
                        + " address " + r.recipient;
            } else {
                return "Cannot link: " + r.recipient + " is on several lists and the bounce names no campaign";
            }
        } else {
            return "Cannot link: the bounce names no recipient and carries no VERP return path, Rebound headers or"
                    + " known Message-ID";
        }
        if (r.recipient.isEmpty()) {
            r.recipient = sub.email();
        }
        if (r.serverId == null) {
            r.serverId = r.input.sendingServerId();
        }
        return null;
    }

    /**
     * Soft bounces kept for the retry scheduler: one retry_state row per campaign and subscriber counts them; when
     * the sending server's policy has no retry left, this soft bounce converts to hard and the subscriber bounces.
     */
    private void scheduleRetries(Connection c, List<Recorded> recs) throws SQLException {
        Map<List<Object>, List<Recorded>> groups = new LinkedHashMap<>();
        for (Recorded r : recs) {
            if (r.decision.action() != AutoAction.RETRY) {
                continue;
            }
            if (r.campaignId == null) {
                r.decision = new AutoAction.Decision(AutoAction.RECORDED, null, r.decision.investigate(), false, "none",
                        "Soft bounce without a known campaign: recorded, nothing to retry");
                continue;
            }
            groups.computeIfAbsent(List.of(r.input.tenantId(), r.campaignId, r.subscriberId), k -> new ArrayList<>()).add(r);
        }
        if (groups.isEmpty()) {
            return;
        }
        List<Recorded> last = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Instant> firsts = new ArrayList<>();
        Map<List<Object>, Recorded> lastByKey = new HashMap<>();
        for (Map.Entry<List<Object>, List<Recorded>> g : groups.entrySet()) {
            List<Recorded> rs = g.getValue();
            last.add(rs.get(rs.size() - 1));
            counts.add(rs.size());
            firsts.add(rs.stream().map(r -> r.occurredAt).min(Instant::compareTo).orElseThrow());
            lastByKey.put(g.getKey(), rs.get(rs.size() - 1));
        }
        List<IngestSql.RetryRow> rows = sql.upsertRetries(c, last, counts, firsts);
        List<Instant> next = new ArrayList<>();
        for (IngestSql.RetryRow row : rows) {
            Recorded r = lastByKey.get(List.of(row.tenantId(), row.campaignId(), row.subscriberId()));
            RetryPolicy policy = r.retryPolicy == null ? RetryPolicy.DEFAULT : RetryPolicy.valueOf(r.retryPolicy.toUpperCase(Locale.ROOT));
            var wait = policy.nextAttemptAfter(row.softBounces());
            if (wait.isPresent() && !"exhausted".equals(row.state())) {
                next.add(r.occurredAt.plus(wait.get()));
            } else {
                next.add(null);
                r.decision = new AutoAction.Decision(AutoAction.BOUNCED, app.rebound.subscriber.SubscriberStatus.BOUNCED,
                        r.decision.investigate(), false, "retry-exhausted", "Soft bounce " + row.softBounces()
                        + " exhausted the " + policy.label().toLowerCase(Locale.ROOT) + " retry policy: converted to hard, bounced");
            }
        }
        sql.scheduleRetries(c, rows, next);
    }
}
