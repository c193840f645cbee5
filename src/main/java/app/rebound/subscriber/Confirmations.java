package app.rebound.subscriber;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.sending.SingleMail;
import app.rebound.sending.SmtpSendException;
import app.rebound.subscriber.SubscriberLifecycle.Refused;
import app.rebound.tenant.Tenant;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Re-add by fresh confirmation: support or an admin has Rebound mail the address a link (through the sending server
 * of the campaign the address last bounced on, else the list's newest campaign); the owner of the address opens it and
 * presses a button (a POST, so link scanners that fetch every URL in a mail confirm nothing); that re-subscribes, the
 * first mail is a single watched test send and the next {@value SubscriberLifecycle#WATCHED_SENDS} sends are watched.
 * One link at a time: no second link while one is pending, at most {@value #MAX_LINKS} links in
 * {@value #LINK_WINDOW_DAYS} days. Only the token's hash is stored.
 */
@ApplicationScoped
@Transactional
public class Confirmations {
    public static final Duration VALIDITY = Duration.ofDays(7);
    public static final int MAX_LINKS = 3;
    public static final int LINK_WINDOW_DAYS = 30;
    /** Who re-subscribes with a confirmation: the owner of the address, by the link. */
    public static final String ACTOR = "the address owner (confirmation link)";

    private final SingleMail singleMail;
    private final ReaddFirstMail firstMail;

    public Confirmations(SingleMail singleMail, ReaddFirstMail firstMail) {
        this.singleMail = singleMail;
        this.firstMail = firstMail;
    }

    /** A link was mailed: valid until {@code expiresAt}. */
    public record Mailed(String email, Instant expiresAt) {
    }

    /** What a confirmation link stands for, as its public page shows it. */
    public record Link(State state, String email, String listName, String organisation, Instant expiresAt, Instant confirmedAt) {
        public static Link unknown() {
            return new Link(State.UNKNOWN, null, null, null, null, null);
        }
    }

    /** Where a link stands. */
    public enum State {
        /** Not confirmed yet and still valid: the page offers the button. */
        PENDING,
        /** The click re-subscribed just now. */
        CONFIRMED,
        /** Confirmed earlier: the link is used up. */
        USED,
        EXPIRED,
        /** No such link (never made, mistyped, or its mail was refused so nothing was kept). */
        UNKNOWN,
        /** Already subscribed again by other means: nothing to do. */
        ALREADY_SUBSCRIBED,
        /** The address is on the suppression list (an admin's or a complaint's entry): the sender must be asked. */
        SUPPRESSED
    }

    /** A confirmation and the first mail to send once it has committed (null when the click re-subscribed nobody). */
    public record Confirmed(Link link, ReaddFirstMail.Planned firstMail) {
    }

    /**
     * Mails a confirmation link to the subscriber's address (inside the transaction: a mail the server refused leaves
     * nothing stored, and the refusal is said in words).
     */
    public Mailed request(long subscriberId, String note, String actor, String baseUrl, Instant now) {
        Subscriber s = Subscriber.findById(subscriberId, LockModeType.PESSIMISTIC_WRITE); // one request at a time per subscriber
        if (s == null) {
            throw new NotFoundException("No subscriber " + subscriberId + " in this organisation.");
        }
        SubscriberLifecycle.refuseUnlessReaddable(s);
        String n = note == null || note.isBlank() ? null : SubscriberLifecycle.required(note, "The note", 1000);
        SubscriberReadd pending = SubscriberReadd.pendingConfirmation(s.id, now);
        if (pending != null) {
            throw new Refused("A confirmation link was mailed on " + minutes(pending.recordedAt) + " UTC by " + pending.recordedBy
                    + " and is valid until " + minutes(pending.expiresAt) + " UTC: no second link while it is pending.");
        }
        long recent = SubscriberReadd.count("subscriberId = :s and method = :m and recordedAt > :since", Parameters.with("s", s.id)
                .and("m", SubscriberReadd.CONFIRMATION).and("since", now.minus(Duration.ofDays(LINK_WINDOW_DAYS))));
        if (recent >= MAX_LINKS) {
            throw new Refused("Already " + recent + " confirmation links in the last " + LINK_WINDOW_DAYS
                    + " days: no more are sent. Record a direct request if the subscriber asks you directly.");
        }
        Campaign campaign = campaignFor(s);
        if (campaign == null) {
            throw new Refused("No campaign of the list " + s.list.name + " has an enabled sending server to mail the link through.");
        }
        ConfirmationToken token = ConfirmationToken.random();
        SubscriberReadd r = new SubscriberReadd();
        r.subscriberId = s.id;
        r.method = SubscriberReadd.CONFIRMATION;
        r.channel = "email";
        r.note = n;
        r.recordedBy = actor;
        r.recordedAt = now;
        r.tokenHash = token.hash();
        r.expiresAt = now.plus(VALIDITY).truncatedTo(ChronoUnit.MINUTES);
        r.persist();

        String organisation = organisation(s.tenantId);
        String link = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "confirm/" + token.value();
        String text = "Hello,\r\n\r\n" + organisation + " asks whether you want to receive the list \"" + s.list.name
                + "\" again at this address. Earlier messages to it could not be delivered, so nothing is sent until you "
                + "confirm.\r\n\r\nTo confirm, open this link and press the button on the page:\r\n" + link + "\r\n\r\n"
                + "The link is valid until " + minutes(r.expiresAt) + " UTC. If you do not want this, ignore this message: "
                + "nothing changes.\r\n";
        try {
            singleMail.send(singleMail.prepare(s.tenantId, campaign, s, "Please confirm: receive \"" + s.list.name + "\" again", text));
        } catch (SingleMail.Unavailable e) {
            throw new Refused("The confirmation link cannot be mailed: " + e.getMessage() + ".");
        } catch (SmtpSendException e) {
            throw new Refused((e.isRecipientRejection() ? "The receiving server refused the address: "
                    : "The sending server " + campaign.sendingServer.name + " did not take the mail: ")
                    + e.getMessage() + ". No link was sent and nothing was recorded.");
        }
        return new Mailed(s.email, r.expiresAt);
    }

    /** What the link stands for, changing nothing (the page a GET shows). */
    public Link view(ConfirmationToken token, Instant now) {
        SubscriberReadd r = SubscriberReadd.byTokenHash(token.hash());
        if (r == null) {
            return Link.unknown();
        }
        Subscriber s = Subscriber.withList(r.subscriberId);
        return link(r, s, stateOf(r, s, now));
    }

    /** The click: re-subscribes when the link is pending and the address may be re-added; else says why not. */
    public Confirmed confirm(ConfirmationToken token, Instant now) {
        SubscriberReadd r = SubscriberReadd.find("tokenHash", token.hash()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (r == null) {
            return new Confirmed(Link.unknown(), null);
        }
        Subscriber s = Subscriber.findById(r.subscriberId, LockModeType.PESSIMISTIC_WRITE);
        State state = stateOf(r, s, now);
        if (state != State.PENDING) {
            return new Confirmed(link(r, s, state), null);
        }
        r.confirmedAt = now;
        r.requestedBy = s.email;
        r.requestedAt = now;
        String why = "Re-subscribed by the address owner: confirmed " + minutes(now) + " UTC with the link mailed on "
                + minutes(r.recordedAt) + " UTC at " + r.recordedBy + "'s request" + (r.note == null ? "" : ": " + r.note);
        SubscriberLifecycle.resubscribe(s, why, ACTOR, now);
        String text = "Hello,\r\n\r\nthank you for confirming: you are back on the list \"" + s.list.name + "\".\r\n";
        return new Confirmed(link(r, s, State.CONFIRMED), firstMail.prepare(s, "You are back on \"" + s.list.name + "\"", text));
    }

    private static State stateOf(SubscriberReadd r, Subscriber s, Instant now) {
        if (r.confirmedAt != null) {
            return State.USED;
        }
        if (!r.expiresAt.isAfter(now)) {
            return State.EXPIRED;
        }
        if (s.status == SubscriberStatus.SUBSCRIBED) {
            return State.ALREADY_SUBSCRIBED;
        }
        try {
            SubscriberLifecycle.refuseUnlessReaddable(s);
        } catch (Refused e) {
            return State.SUPPRESSED;
        }
        return State.PENDING;
    }

    private static Link link(SubscriberReadd r, Subscriber s, State state) {
        return new Link(state, s.email, s.list.name, organisation(s.tenantId), r.expiresAt, r.confirmedAt);
    }

    /**
     * The campaign whose server mails to this subscriber: the one it last bounced on (its server knows the address),
     * else the list's newest; only campaigns whose sending server is enabled.
     */
    static Campaign campaignFor(Subscriber s) {
        Bounce last = Bounce.find("from Bounce b join fetch b.campaign c join fetch c.sendingServer where b.subscriber = :s"
                + " order by b.occurredAt desc, b.id desc", Parameters.with("s", s)).firstResult();
        if (last != null && last.campaign.sendingServer.enabled) {
            return last.campaign;
        }
        return Campaign.find("from Campaign c join fetch c.sendingServer v where c.list = :l and v.enabled = true"
                + " order by c.sentAt desc nulls last, c.id desc", Parameters.with("l", s.list)).firstResult();
    }

    private static String organisation(String tenantId) {
        Tenant t = Tenant.findById(tenantId);
        return t == null ? tenantId : t.name;
    }

    public static String minutes(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace(":00Z", "").replace("Z", "");
    }
}
