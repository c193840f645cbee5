package app.rebound.ingest;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.engine.Reason;
import app.rebound.engine.RecipientResult;
import app.rebound.engine.StatusCode;
import app.rebound.subscriber.SubscriberStatus;
import java.util.List;
import java.util.Locale;

/**
 * What Rebound does about one recorded bounce: the product's auto-action table, exactly.
 * <table>
 *   <tr><th>bounce</th><th>action</th></tr>
 *   <tr><td>spam complaint (ARF abuse or fraud; a provider's complaint event)</td><td>subscriber unsubscribed</td></tr>
 *   <tr><td>unsubscribe (a provider's unsubscribe event, feedback type {@code unsubscribe}; not a complaint)</td>
 *       <td>subscriber unsubscribed</td></tr>
 *   <tr><td>trap hit: a spam-trap pattern in the reply itself (not a mere blocklist mention)</td>
 *       <td>subscriber unsubscribed, sending IP flagged</td></tr>
 *   <tr><td>hard 5.7.x and every sender-fault bounce (a message too big for the receiver counts, whatever its code)</td>
 *       <td>not flipped; flagged "investigate: your side"</td></tr>
 *   <tr><td>hard, the address is dead: 5.1.x or 5.4.x not blamed on the sender, 5.2.0, or the engine's suppress
 *       verdict</td><td>subscriber bounced</td></tr>
 *   <tr><td>soft (4.x.x; 5.x.x not the address's fault, e.g. mailbox full), and hard failures of the receiving
 *       system or the network</td><td>kept for the retry scheduler</td></tr>
 *   <tr><td>delay warning, auto-reply, delivery report, anything undetermined</td><td>recorded, no status change</td></tr>
 * </table>
 */
public enum AutoAction {
    BOUNCED, UNSUBSCRIBED, INVESTIGATE, RETRY, RECORDED;

    /** Spam-trap wording that is evidence of a trap hit; a blocklist name alone is not. */
    private static final List<String> TRAP_EVIDENCE = List.of("spam trap", "spamtrap", "spam-trap", "honeypot",
            "honey pot", "pristine trap", "recycled trap", "trap hit");

    /** Replies that say the message was too big, which some receivers send under codes the engine cannot place. */
    private static final java.util.regex.Pattern TOO_BIG = java.util.regex.Pattern.compile(
            "(?i)message (size|too (big|large))|exceed\\w* (the )?max(imum)? (message )?size|size limit|too large");

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision for one recipient result, with the words shown beside the bounce. */
    public record Decision(AutoAction action, SubscriberStatus newStatus, boolean investigate, boolean flagIp,
                           String cause, String hint) {
    }

    public static Decision decide(RecipientResult r) {
        StatusCode s = r.status();
        if (r.type() == BounceType.COMPLAINT) {
            String ft = r.feedbackType().toLowerCase(Locale.ROOT);
            if (ft.isEmpty() || ft.equals("abuse") || ft.equals("fraud")) {
                return new Decision(UNSUBSCRIBED, SubscriberStatus.UNSUBSCRIBED, false, false, "complaint",
                        "Spam complaint: unsubscribed (a complaint is not a bounce)");
            }
            if (ft.equals("unsubscribe")) {
                // A provider's unsubscribe event: the person asked to leave. Not a complaint (cause "unsubscribe"),
                // but it acts: the subscriber is unsubscribed.
                return new Decision(UNSUBSCRIBED, SubscriberStatus.UNSUBSCRIBED, false, false, "unsubscribe",
                        "Unsubscribed at the provider: unsubscribed (not a complaint)");
            }
            return new Decision(RECORDED, null, false, false, "complaint",
                    "Feedback report (" + ft + "): recorded, no status change");
        }
        if (isTrapHit(r)) {
            return new Decision(UNSUBSCRIBED, SubscriberStatus.UNSUBSCRIBED, false, true, "trap",
                    "Spam-trap hit: unsubscribed, sending IP flagged for monitoring");
        }
        if (r.delayed() || r.type() == BounceType.AUTO_REPLY || r.type() == BounceType.DELIVERED
                || r.type() == BounceType.UNDETERMINED) {
            return new Decision(RECORDED, null, false, false, "none", "Recorded, no status change");
        }
        boolean permanent = r.type() == BounceType.HARD;
        if (permanent && (r.fault() == Fault.SENDER || (s != null && s.isSecurityOrPolicy()) || tooBig(r))) {
            return new Decision(INVESTIGATE, null, true, false, "none", "Investigate: your side. " + senderHint(r));
        }
        if (permanent && isDeadAddress(r)) {
            return new Decision(BOUNCED, SubscriberStatus.BOUNCED, false, false, "bounce",
                    "Address is dead: bounced, future sends skip it");
        }
        if (r.type() == BounceType.SOFT && r.fault() == Fault.SENDER) {
            return new Decision(RETRY, null, true, false, "none",
                    "Kept for retry; investigate: your side. " + senderHint(r));
        }
        return new Decision(RETRY, null, false, false, "none", "Kept for the retry scheduler");
    }

    /**
     * Issue 10: the suppression-list reason a recorded bounce calls for, or null: {@code hard_bounce} for a hard
     * bounce that bounced the subscriber (dead address, or a hard bounce on a watched send), {@code complaint} for a
     * spam complaint, {@code trap} for a spam-trap hit. Soft bounces, your-side failures and provider unsubscribe
     * events never suppress.
     */
    public static String suppressionReason(RecipientResult r, Decision d) {
        return switch (d.cause()) {
            case "trap" -> "trap";
            case "complaint" -> d.action() == UNSUBSCRIBED ? "complaint" : null;
            default -> d.action() == BOUNCED && r.type() == BounceType.HARD && r.fault() != Fault.SENDER ? "hard_bounce" : null;
        };
    }

    /** Whether this decision flips a subscriber who is on a watched send after a re-add: a bounce not on your side. */
    public static boolean flipsWhenWatched(Decision d) {
        return d.action() == BOUNCED || (d.action() == RETRY && !d.investigate());
    }

    /** The decision for a bounce on a watched send after a re-add (issue 10): bounced again, reactivation blocked. */
    public static Decision watched(Decision d) {
        return new Decision(BOUNCED, SubscriberStatus.BOUNCED, false, d.flagIp(), "watched-bounce",
                "Bounced on a watched send after a re-add: bounced again, automatic reactivation blocked");
    }

    /** Hard and the address is dead: 5.1.x or 5.4.x not blamed on the sender, 5.2.0, or the engine's suppress. */
    static boolean isDeadAddress(RecipientResult r) {
        if (r.suppress()) {
            return true;
        }
        StatusCode s = r.status();
        if (s == null || !s.isPermanent() || r.fault() == Fault.SENDER) {
            return false;
        }
        return s.subject() == 1 || s.subject() == 4 || (s.subject() == 2 && s.detail() == 0);
    }

    static boolean isTrapHit(RecipientResult r) {
        if (!r.trapSuspicion()) {
            return false;
        }
        String d = r.diagnostic().toLowerCase(Locale.ROOT);
        for (String e : TRAP_EVIDENCE) {
            if (d.contains(e)) {
                return true;
            }
        }
        return false;
    }

    /** Too big for the receiver: the sender must act, whatever code the receiver used (e.g. 550 5.2.5). */
    static boolean tooBig(RecipientResult r) {
        return r.reason() == Reason.MESGTOOBIG || r.reason() == Reason.EXCEEDLIMIT
                || ((r.reason() == Reason.ONHOLD || r.reason() == Reason.UNDEFINED) && TOO_BIG.matcher(r.diagnostic()).find());
    }

    private static String senderHint(RecipientResult r) {
        if (tooBig(r)) {
            return "Reduce the message size.";
        }
        Reason reason = r.reason();
        return switch (reason) {
            case MESGTOOBIG, EXCEEDLIMIT -> "Reduce the message size.";
            case AUTHFAILURE, SECURITYERROR, REJECTED, REQUIREPTR, FAILEDSTARTTLS, NORELAYING ->
                    "Investigate your setup (authentication, SPF/DKIM/DMARC, reverse DNS, TLS).";
            case BLOCKED, BADREPUTATION -> "Check your sending IP's reputation and blocklist status.";
            case SPAMDETECTED, CONTENTERROR, VIRUSDETECTED, NOTCOMPLIANTRFC -> "Review the message content.";
            case SPEEDING, TOOMANYCONN -> "Slow down: lower the sending rate or connections.";
            default -> "Investigate your setup.";
        };
    }
}
