package app.rebound.subscriber;

import app.rebound.suppression.SuppressedAddress;
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
 * time. After a re-add the first mail is a single watched test send ({@link ReaddFirstMail}) and the next two sends
 * are watched ({@link Subscriber#watchSendsLeft}): a bounce on any of them flips the subscriber back and blocks
 * automatic reactivation (the ingestion pipeline enforces it).
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

    private final ReaddFirstMail firstMail;

    public SubscriberLifecycle(ReaddFirstMail firstMail) {
        this.firstMail = firstMail;
    }

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

    /** A re-add and its first mail, to be sent once the re-add has committed ({@link ReaddFirstMail#send}). */
    public record Readded(Subscriber subscriber, ReaddFirstMail.Planned firstMail) {
    }

    /**
     * Re-subscribes one subscriber on a recorded direct request ({@code actor} is the member who records it) and
     * prepares its first mail; {@link DirectReadd} sends that mail after this transaction has committed.
     */
    public Readded readdOnDirectRequest(long subscriberId, DirectRequest request, String actor) {
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

        String text = "Hello,\r\n\r\nas you asked, you are back on the list \"" + s.list.name + "\". No action is needed.\r\n";
        ReaddFirstMail.Planned first = firstMail.prepare(s, "You are back on \"" + s.list.name + "\"", text);
        String why = "Re-added on a direct request from " + who + " (" + channel.replace('_', ' ') + ", "
                + when.toString().substring(0, 16).replace('T', ' ') + " UTC); " + first.plan() + ". Note: " + note;
        resubscribe(s, why, actor, Instant.now());
        return new Readded(s, first);
    }

    /**
     * The re-add itself, whatever the evidence: the pipeline's own hard-bounce entry is lifted, the subscriber is
     * subscribed again with the next {@value #WATCHED_SENDS} sends watched, and the change is in the history.
     */
    static void resubscribe(Subscriber s, String why, String actor, Instant at) {
        SubscriberStatus from = s.status;
        SuppressedAddress.liftAutomaticHardBounce(s.email, why, actor);
        s.changeStatus(SubscriberStatus.SUBSCRIBED, why, at);
        s.watchSendsLeft = WATCHED_SENDS;
        SubscriberEvent.record(s, from, why, actor, "readd");
    }

    static void refuseUnlessReaddable(Subscriber s) {
        if (s.status == SubscriberStatus.SUBSCRIBED) {
            throw new Refused("This subscriber is already subscribed: there is nothing to re-add.");
        }
        SuppressedAddress entry = SuppressedAddress.byEmail(s.email);
        if (entry != null && !entry.isAutomaticHardBounce()) {
            throw new Refused("This address is on the suppression list: an admin must remove it from the list first.");
        }
    }

    static String required(String value, String what, int max) {
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
