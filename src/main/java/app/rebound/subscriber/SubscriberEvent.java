package app.rebound.subscriber;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One status change of a subscriber: from, to, when, why, who or what ({@code auto-action} or a member's subject)
 * and the cause ({@code bounce}, {@code complaint}, {@code trap}, {@code retry-exhausted}, {@code readd},
 * {@code reclassify}, {@code watched-bounce}, {@code manual}). Written by the ingestion pipeline and by people.
 */
@Entity
@Table(name = "subscriber_event")
public class SubscriberEvent extends TenantOwned {
    public Long subscriberId;
    public String fromStatus;
    public String toStatus;
    public Instant changedAt = Instant.now();
    public String why;
    public String actor;
    public String cause;
    public Long bounceId;
    public Instant bounceOccurredAt;

    public static List<SubscriberEvent> historyOf(long subscriberId, int limit) {
        return find("subscriberId = :s order by changedAt desc, id desc", Parameters.with("s", subscriberId))
                .page(0, limit).list();
    }

    /** Records a status change of {@code s} (call after changing it). */
    public static SubscriberEvent record(Subscriber s, SubscriberStatus from, String why, String actor, String cause) {
        SubscriberEvent e = new SubscriberEvent();
        e.subscriberId = s.id;
        e.fromStatus = from.code();
        e.toStatus = s.status.code();
        e.changedAt = s.statusChangedAt;
        e.why = why.length() > 500 ? why.substring(0, 500) : why;
        e.actor = actor.length() > 255 ? actor.substring(0, 255) : actor;
        e.cause = cause;
        e.persist();
        return e;
    }

    /** The cause in words. */
    public String causeLabel() {
        return switch (cause == null ? "" : cause) {
            case "bounce" -> "a bounce";
            case "complaint" -> "a spam complaint";
            case "trap" -> "a spam-trap hit";
            case "retry-exhausted" -> "soft bounces exhausted the retries";
            case "readd" -> "re-added with evidence";
            case "reclassify" -> "a bounce was reclassified";
            case "watched-bounce" -> "a bounce on a watched send after a re-add";
            case "manual" -> "a manual change";
            case "auto-reactivation" -> "reactivated automatically after activity reported by a CRM";
            default -> cause == null ? "" : cause;
        };
    }
}
