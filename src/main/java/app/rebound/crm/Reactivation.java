package app.rebound.crm;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.engine.BounceType;
import app.rebound.engine.Reason;
import app.rebound.sending.SingleMail;
import app.rebound.sending.SmtpSendException;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberEvent;
import app.rebound.subscriber.SubscriberLifecycle;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.TenantRunner;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The daily auto-reactivation (rules in {@link app.rebound.crm}): per tenant, one transaction flips every eligible
 * subscriber back with its history entry and two watched sends; then one test mail each goes out through the sending
 * server of the campaign whose retries were exhausted; then the run is recorded.
 */
@ApplicationScoped
public class Reactivation {
    public static final String CAUSE = "auto-reactivation";
    public static final String ACTOR = "auto-reactivation";
    /** Engine reasons that say the address is dead (unknown user, dead domain, moved, accepts no mail). */
    static final List<String> DEAD_REASONS = Arrays.stream(Reason.values()).filter(Reason::isHard).map(Reason::id).toList();
    /** Status changes that rule an address out for good. */
    static final List<String> DISQUALIFYING_CAUSES = List.of("complaint", "trap", "unsubscribe", "watched-bounce");

    private final TenantRunner runner;
    private final SingleMail singleMail;
    private final ReactivationConfig config;

    public Reactivation(TenantRunner runner, SingleMail singleMail, ReactivationConfig config) {
        this.singleMail = singleMail;
        this.runner = runner;
        this.config = config;
    }

    /** Runs for every tenant, one after the other; returns each tenant's run. */
    public List<ReactivationRun> runAll(Instant now) {
        List<ReactivationRun> runs = new ArrayList<>();
        runner.forEachTenant("Auto-reactivation", tenant -> runs.add(runTenant(tenant, now)));
        return runs;
    }

    /** Runs for one tenant as of {@code now} (the injectable clock of the job, or a test's time), on schedule. */
    public ReactivationRun runTenant(String tenant, Instant now) {
        return runTenant(tenant, now, null);
    }

    /**
     * Runs for one tenant as of {@code now}; {@code startedBy} names the admin who asked for it ("Run now"), null on
     * schedule. A run concurrent with another finds the same candidates, but the row lock and re-check in
     * {@link #reactivate} flip each subscriber (and send its test mail) once.
     */
    public ReactivationRun runTenant(String tenant, Instant now, String startedBy) {
        List<String> notes = new ArrayList<>();
        int[] counts = {0, 0, 0}; // pool of conversions, conversions in the window, candidates
        List<SingleMail.Prepared> mails = runner.inTenant(tenant, () -> {
            counts[0] = (int) conversions();
            counts[1] = (int) conversionsSince(windowStart(now), now);
            List<Long> candidates = eligibleIds(now);
            counts[2] = candidates.size();
            List<SingleMail.Prepared> out = new ArrayList<>();
            for (long id : candidates) {
                reactivate(tenant, id, now, notes).ifPresent(out::add);
            }
            return out;
        });
        int sent = 0;
        int failed = 0;
        for (SingleMail.Prepared m : mails) {
            if (send(tenant, m, now)) {
                sent++;
            } else {
                failed++;
            }
        }
        if (failed > 0) {
            notes.add(failed + " test mail(s) could not be handed to the sending server (see the log)");
        }
        int recovered = mails.size();
        int ok = sent;
        int ko = failed;
        ReactivationRun run = runner.inTenant(tenant, () -> {
            ReactivationRun r = new ReactivationRun();
            r.ranAt = now;
            r.conversions = counts[0];
            r.windowConversions = counts[1];
            r.windowDays = config.activityDays();
            r.candidates = counts[2];
            r.startedBy = startedBy;
            r.recovered = recovered;
            r.testMailsSent = ok;
            r.testMailsFailed = ko;
            String note = String.join("; ", notes);
            r.note = note.isEmpty() ? null : note.substring(0, Math.min(note.length(), 1000));
            r.persist();
            return r;
        });
        Log.infof("Auto-reactivation for %s%s: %d candidates, %d reactivated, %d soft-to-hard conversions in %d days "
                        + "(recovery rate %s), %d test mails sent, %d failed", tenant,
                startedBy == null ? "" : " (run now by " + startedBy + ")", run.candidates, recovered,
                run.windowConversions, run.windowDays, run.recoveryRate(), sent, failed);
        return run;
    }

    /** Subscribers now bounced whose latest change into bounced was a soft-to-hard conversion. */
    static long conversions() {
        return Subscriber.count("""
                from Subscriber s where s.status = :bounced and exists (select 1 from SubscriberEvent e
                  where e.subscriberId = s.id and e.cause = 'retry-exhausted' and e.toStatus = 'bounced'
                  and e.changedAt = (select max(x.changedAt) from SubscriberEvent x where x.subscriberId = s.id and x.toStatus = 'bounced'))""",
                Parameters.with("bounced", SubscriberStatus.BOUNCED));
    }

    /** Soft-to-hard conversions (status changes into bounced with cause retry-exhausted) in {@code (from, to]}. */
    static long conversionsSince(Instant from, Instant to) {
        return SubscriberEvent.count("cause = 'retry-exhausted' and toStatus = 'bounced' and changedAt > :from and changedAt <= :to",
                Parameters.with("from", from).and("to", to));
    }

    private Instant windowStart(Instant now) {
        return now.minus(Duration.ofDays(config.activityDays()));
    }

    /** The ids of the current tenant's eligible subscribers as of {@code now}, by id (rules in the package description). */
    public List<Long> eligibleIds(Instant now) {
        Instant windowStart = windowStart(now);
        return Panache.getEntityManager().createQuery("""
                select s.id from Subscriber s, SubscriberEvent e
                where s.status = :bounced and s.autoReactivationBlocked = false
                  and e.subscriberId = s.id and e.toStatus = 'bounced' and e.cause = 'retry-exhausted'
                  and e.changedAt = (select max(x.changedAt) from SubscriberEvent x where x.subscriberId = s.id and x.toStatus = 'bounced')
                  and exists (select 1 from CrmActivity a where a.email = s.email and a.occurredAt > e.changedAt
                              and a.occurredAt >= :windowStart and a.occurredAt <= :now)
                  and not exists (select 1 from SuppressedAddress sa where sa.email = s.email)
                  and not exists (select 1 from Bounce b where b.subscriber.id in (select o.id from Subscriber o where o.email = s.email)
                              and (b.reason in :deadReasons or b.type = :complaint or b.trapSuspicion = true))
                  and not exists (select 1 from SubscriberEvent d where d.subscriberId in (select o.id from Subscriber o where o.email = s.email)
                              and d.cause in :causes)
                order by s.id""", Long.class)
                .setParameter("bounced", SubscriberStatus.BOUNCED)
                .setParameter("windowStart", windowStart)
                .setParameter("now", now)
                .setParameter("deadReasons", DEAD_REASONS)
                .setParameter("complaint", BounceType.COMPLAINT)
                .setParameter("causes", DISQUALIFYING_CAUSES)
                .getResultList();
    }

    /** Flips one subscriber back (row-locked, re-checked) and prepares its test mail; empty when it cannot be done. */
    private Optional<SingleMail.Prepared> reactivate(String tenant, long id, Instant now, List<String> notes) {
        Subscriber s = Subscriber.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.status != SubscriberStatus.BOUNCED || s.autoReactivationBlocked) {
            return Optional.empty(); // changed since the query
        }
        SubscriberEvent conversion = SubscriberEvent.find("subscriberId = ?1 and toStatus = 'bounced' order by changedAt desc, id desc",
                s.id).firstResult();
        Campaign campaign = conversion == null || conversion.bounceId == null ? null
                : Bounce.<Bounce>find("id = ?1", conversion.bounceId).firstResultOptional().map(b -> b.campaign).orElse(null);
        if (campaign == null) {
            notes.add(s.email + " left bounced: the conversion names no campaign to send the test mail through");
            return Optional.empty();
        }
        String text = "Hello,\r\n\r\nyou are back on the list \"" + s.list.name + "\": earlier messages to this address "
                + "could not be delivered for a while. No action is needed.\r\n";
        SingleMail.Prepared mail;
        try {
            mail = singleMail.prepare(tenant, campaign, s, "You are back on our list", text);
        } catch (SingleMail.Unavailable e) {
            notes.add(s.email + " left bounced: " + e.getMessage());
            return Optional.empty();
        }
        SubscriberStatus from = s.status;
        String why = "Automatically reactivated: activity reported by a CRM within " + config.activityDays()
                + " days after soft bounces had exhausted the retries; a test mail follows and the next "
                + SubscriberLifecycle.WATCHED_SENDS + " sends are watched";
        s.changeStatus(SubscriberStatus.SUBSCRIBED, why, now);
        s.watchSendsLeft = SubscriberLifecycle.WATCHED_SENDS;
        SubscriberEvent.record(s, from, why, ACTOR, CAUSE);
        return Optional.of(mail);
    }

    /** Hands one test mail to its server as a watched send; a refusal of the recipient becomes a bounce like any other. */
    private boolean send(String tenant, SingleMail.Prepared m, Instant now) {
        try {
            singleMail.sendWatched(tenant, m, now);
            return true;
        } catch (SmtpSendException e) {
            Log.warnf("Auto-reactivation test mail to subscriber %d of %s not sent: %s", m.subscriberId(), tenant, e.getMessage());
            return false;
        }
    }
}
