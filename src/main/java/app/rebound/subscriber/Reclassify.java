package app.rebound.subscriber;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.BounceReclassification;
import app.rebound.campaign.CampaignBounceCount;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.suppression.SuppressedAddress;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.Locale;

/**
 * Support corrects a bounce's classification (type and whose side) with a note. The old and new versions are kept
 * in {@link BounceReclassification}; the subscriber's status is then re-derived from the corrected history: it is
 * bounced exactly when a hard bounce on the address's side (fault recipient) remains since the last re-add.
 * Only the bounced/subscribed pair is re-derived; unsubscribed and complained are people's choices and stay. The
 * suppression list follows the same corrected history ({@link #followSuppression}).
 */
@ApplicationScoped
@Transactional
public class Reclassify {

    public record Result(Bounce bounce, SubscriberStatus before, SubscriberStatus after) {
    }

    public Result reclassify(long bounceId, String type, String fault, String note, String actor) {
        BounceType newType = parse(BounceType.class, type, "type");
        Fault newFault = parse(Fault.class, fault, "fault");
        if (newType == BounceType.DELIVERED) {
            throw new SubscriberLifecycle.Refused("A bounce cannot be reclassified as delivered.");
        }
        String n = note == null ? "" : note.strip();
        if (n.isEmpty() || n.length() > 1000) {
            throw new SubscriberLifecycle.Refused("A note (at most 1000 characters) is required: say why the classification is wrong.");
        }
        Bounce b = Bounce.find("from Bounce b left join fetch b.subscriber where b.id = :id", Parameters.with("id", bounceId))
                .firstResult();
        if (b == null) {
            throw new NotFoundException("No bounce " + bounceId + " in this organisation.");
        }
        if (b.type == newType && b.fault == newFault) {
            throw new SubscriberLifecycle.Refused("That is already the bounce's classification.");
        }
        BounceReclassification r = new BounceReclassification();
        r.bounceId = b.id;
        r.bounceOccurredAt = b.occurredAt;
        r.subscriberId = b.subscriber == null ? null : b.subscriber.id;
        r.fromType = b.type;
        r.toType = newType;
        r.fromFault = b.fault;
        r.toFault = newFault;
        r.note = n;
        r.actor = actor;
        r.persist();
        if (b.campaign != null) {
            CampaignBounceCount.move(b.campaign.id, b.type, b.investigate, newType, b.investigate);
        }
        b.type = newType;
        b.fault = newFault;
        Bounce.flush();

        Subscriber s = b.subscriber;
        if (s == null) {
            return new Result(b, null, null);
        }
        String why = "Bounce of " + b.occurredAt.toString().substring(0, 16).replace('T', ' ') + " UTC reclassified "
                + r.fromType.name().toLowerCase(Locale.ROOT) + "/" + r.fromFault.name().toLowerCase(Locale.ROOT) + " → "
                + newType.name().toLowerCase(Locale.ROOT) + "/" + newFault.name().toLowerCase(Locale.ROOT) + ": " + n;
        SubscriberStatus before = s.status;
        boolean dead = deadAddressSinceLastReadd(s);
        if (before == SubscriberStatus.BOUNCED || before == SubscriberStatus.SUBSCRIBED) {
            SubscriberStatus derived = dead ? SubscriberStatus.BOUNCED : SubscriberStatus.SUBSCRIBED;
            if (derived != before) {
                s.changeStatus(derived, why, Instant.now());
                SubscriberEvent.record(s, before, why, actor, "reclassify");
            }
        }
        followSuppression(s, dead, newType == BounceType.HARD && newFault == Fault.RECIPIENT, why, actor);
        return new Result(b, before, s.status);
    }

    /**
     * The suppression entry follows the corrected history as the pipeline would have written it: the pipeline's own
     * hard-bounce entry is lifted once no hard bounce on the address's side remains (and no other subscriber with the
     * address is bounced); a bounce corrected to hard on the address's side that bounces the subscriber lists the
     * address. Entries an admin made, complaints and trap hits are left alone. Both changes are in the list's log.
     */
    private static void followSuppression(Subscriber s, boolean dead, boolean nowDeadBounce, String why, String actor) {
        if (!dead && Subscriber.count("email = ?1 and id <> ?2 and status = ?3", s.email, s.id, SubscriberStatus.BOUNCED) == 0) {
            SuppressedAddress.liftAutomaticHardBounce(s.email, why, actor);
        } else if (dead && nowDeadBounce && s.status == SubscriberStatus.BOUNCED) {
            SuppressedAddress.addAutomaticHardBounce(s.email, why, actor);
        }
    }

    private static boolean deadAddressSinceLastReadd(Subscriber s) {
        SubscriberReadd last = SubscriberReadd.find("subscriberId = :s and (confirmedAt is not null or method = :direct)"
                + " order by coalesce(confirmedAt, recordedAt) desc", Parameters.with("s", s.id).and("direct", SubscriberReadd.DIRECT_REQUEST))
                .firstResult();
        Instant since = last == null ? Instant.EPOCH : last.effectiveAt();
        return Bounce.count("subscriber = :s and type = :t and fault = :f and recordedAt > :since",
                Parameters.with("s", s).and("t", BounceType.HARD).and("f", Fault.RECIPIENT).and("since", since)) > 0;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, (value == null ? "" : value.strip()).toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new SubscriberLifecycle.Refused("Unknown " + what + ": " + (value == null ? "none given" : value) + ".");
        }
    }
}
