package app.rebound.subscriber;

import app.rebound.suppression.SuppressedAddress;
import app.rebound.suppression.SuppressionLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Re-adding a subscriber who left the mailable state, only with re-confirmation evidence, one subscriber at a
 * time. After a re-add the next two sends are watched ({@link Subscriber#watchSendsLeft}): a bounce there flips
 * the subscriber back and blocks automatic reactivation (the ingestion pipeline enforces it).
 */
@ApplicationScoped
@Transactional
public class SubscriberLifecycle {
    public static final int WATCHED_SENDS = 2;
    public static final Set<String> CHANNELS = Set.of("email", "phone", "support_ticket", "in_person", "web_form", "other");
    public static final String BULK_REFUSAL = "Bulk re-add is refused: every re-added address needs its own "
            + "re-confirmation evidence (a fresh confirmation or a recorded direct request), and bounce-rate damage "
            + "compounds: re-adding many bounced addresses at once can get the whole sending domain blocked.";
    private static final Duration MAX_EVIDENCE_AGE = Duration.ofDays(365);

    /** A re-add refused for a reason the person can act on. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The evidence of a recorded direct request, as typed on the form. */
    public record DirectRequest(String requestedBy, String requestedAt, String channel, String note) {
    }

    /** Always refuses: there is no bulk re-add, whatever the route. */
    public Refused bulkRefusal() {
        return new Refused(BULK_REFUSAL);
    }

    /** Re-subscribes one subscriber on a recorded direct request; {@code actor} is the member who records it. */
    public Subscriber readdOnDirectRequest(long subscriberId, DirectRequest request, String actor) {
        Subscriber s = Subscriber.findById(subscriberId);
        if (s == null) {
            throw new NotFoundException("No subscriber " + subscriberId + " in this organisation.");
        }
        refuseUnlessReaddable(s);
        String who = required(request.requestedBy(), "Who asked", 320);
        String channel = request.channel() == null ? "" : request.channel().trim();
        if (!CHANNELS.contains(channel)) {
            throw new Refused("How they asked must be one of: email, phone, support ticket, in person, web form, other.");
        }
        String note = required(request.note(), "A note", 1000);
        Instant when = parseWhen(request.requestedAt());

        SubscriberReadd r = new SubscriberReadd();
        r.subscriberId = s.id;
        r.method = SubscriberReadd.DIRECT_REQUEST;
        r.requestedBy = who;
        r.requestedAt = when;
        r.channel = channel;
        r.note = note;
        r.recordedBy = actor;
        r.persist();

        SubscriberStatus from = s.status;
        String why = "Re-added on a direct request from " + who + " (" + channel.replace('_', ' ') + ", "
                + when.toString().substring(0, 16).replace('T', ' ') + " UTC): " + note;
        liftAutomaticEntry(s, why, actor);
        s.changeStatus(SubscriberStatus.SUBSCRIBED, why, Instant.now());
        s.watchSendsLeft = WATCHED_SENDS;
        SubscriberEvent.record(s, from, why, actor, "readd");
        return s;
    }

    private static void refuseUnlessReaddable(Subscriber s) {
        if (s.status == SubscriberStatus.SUBSCRIBED) {
            throw new Refused("This subscriber is already subscribed: there is nothing to re-add.");
        }
        SuppressedAddress entry = SuppressedAddress.byEmail(s.email);
        if (entry != null && !liftedByReadd(entry)) {
            throw new Refused("This address is on the suppression list: an admin must remove it from the list first.");
        }
    }

    /**
     * The pipeline's own hard-bounce entry gives way to re-add evidence (the re-add is the person's word that the
     * address works again, and the watched sends guard it); entries an admin made, complaints and trap hits do not.
     */
    private static boolean liftedByReadd(SuppressedAddress entry) {
        return "hard_bounce".equals(entry.reason) && SuppressedAddress.AUTO_ACTION.equals(entry.addedBy);
    }

    /** Removes the pipeline's hard-bounce entry of a re-added address, logged with the re-add as the note. */
    private static void liftAutomaticEntry(Subscriber s, String why, String actor) {
        SuppressedAddress entry = SuppressedAddress.byEmail(s.email);
        if (entry != null && liftedByReadd(entry)) {
            SuppressionLog l = new SuppressionLog();
            l.email = entry.email;
            l.action = "removed";
            l.reason = entry.reason;
            l.note = why.length() > 1000 ? why.substring(0, 1000) : why;
            l.actor = actor;
            l.persist();
            entry.delete();
        }
    }

    private static String required(String value, String what, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new Refused(what + " is required as re-add evidence.");
        }
        if (v.length() > max) {
            throw new Refused(what + " is too long: at most " + max + " characters.");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new Refused(what + " must not contain control characters.");
        }
        return v;
    }

    /** "2026-11-30T10:15" (a datetime-local field, read as UTC) or an ISO instant; not in the future, not stale. */
    static Instant parseWhen(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new Refused("When they asked is required as re-add evidence.");
        }
        Instant when;
        try {
            when = t.endsWith("Z") ? Instant.parse(t) : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Refused("When they asked must be a date and time like 2026-11-30T10:15 (UTC).");
        }
        Instant now = Instant.now();
        if (when.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new Refused("When they asked cannot be in the future.");
        }
        if (when.isBefore(now.minus(MAX_EVIDENCE_AGE))) {
            throw new Refused("The request is more than a year old: ask for a fresh confirmation instead.");
        }
        return when;
    }
}
