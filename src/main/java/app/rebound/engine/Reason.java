package app.rebound.engine;

import java.util.Locale;

/**
 * Why a message was not delivered, in Sisimai's vocabulary. Each constant carries its rules: whether it
 * makes the address permanently dead ({@link #isHard()}), whose fault it is by default
 * ({@link #defaultFault()}), the status code used when the mail carries none, and a sentence fragment.
 */
public enum Reason {
    USERUNKNOWN(Fault.RECIPIENT, "5.1.1", "the mailbox does not exist"),
    HOSTUNKNOWN(Fault.RECIPIENT, "5.1.2", "the recipient domain does not exist"),
    HASMOVED(Fault.RECIPIENT, "5.1.6", "the mailbox has moved and left no forwarding address"),
    NOTACCEPT(Fault.RECIPIENT, "5.3.2", "the destination does not accept any mail"),
    MAILBOXFULL(Fault.RECIPIENT, "4.2.2", "the mailbox is full"),
    SUSPEND(Fault.RECIPIENT, "5.2.1", "the mailbox is disabled or suspended"),
    FILTERED(Fault.RECIPIENT, "5.2.0", "the recipient's own filter rules refused the message"),
    REJECTED(Fault.SENDER, "5.7.1", "the sender address (envelope from) was refused"),
    BLOCKED(Fault.SENDER, "5.7.1", "the sending IP address or host is blocked (blocklist or local block)"),
    SPAMDETECTED(Fault.SENDER, "5.7.1", "the content was judged to be spam"),
    POLICYVIOLATION(Fault.SENDER, "5.7.1", "the message broke a policy of the receiving site"),
    VIRUSDETECTED(Fault.SENDER, "5.7.1", "a virus scanner refused the message"),
    BADREPUTATION(Fault.SENDER, "5.7.1", "the sending IP address or domain has a poor reputation"),
    SPEEDING(Fault.SENDER, "4.7.1", "mail is being sent too fast (rate limit)"),
    TOOMANYCONN(Fault.SENDER, "4.5.3", "too many connections or recipients at once"),
    AUTHFAILURE(Fault.SENDER, "5.7.26", "SPF, DKIM or DMARC authentication failed"),
    REQUIREPTR(Fault.SENDER, "5.7.25", "the sending IP address has no valid reverse DNS (PTR)"),
    NOTCOMPLIANTRFC(Fault.SENDER, "5.7.1", "the message is not RFC 5322 compliant"),
    MESGTOOBIG(Fault.SENDER, "5.3.4", "the message is too big for the receiving system"),
    EXCEEDLIMIT(Fault.SENDER, "5.2.3", "the message exceeds the recipient's size limit"),
    CONTENTERROR(Fault.SENDER, "5.6.0", "the message format or content was refused"),
    EXPIRED(Fault.NETWORK, "4.4.7", "delivery was given up after retrying for too long"),
    NETWORKERROR(Fault.NETWORK, "4.4.0", "a DNS, routing or network error stopped delivery"),
    SYSTEMERROR(Fault.RECEIVER_SYSTEM, "4.3.0", "the receiving mail system had an error"),
    SYSTEMFULL(Fault.RECEIVER_SYSTEM, "4.3.1", "the receiving mail system is out of disk space"),
    MAILERERROR(Fault.RECEIVER_SYSTEM, "5.3.0", "a local mailer program failed"),
    SYNTAXERROR(Fault.SENDER, "5.5.2", "an SMTP command had a syntax error"),
    SECURITYERROR(Fault.SENDER, "5.7.0", "a security check of the receiving site failed"),
    FAILEDSTARTTLS(Fault.SENDER, "5.7.10", "the receiver requires TLS and it could not be used"),
    NORELAYING(Fault.SENDER, "5.7.1", "the server refused to relay the message"),
    SUPPRESSED(Fault.SENDER, "5.0.0", "the address is on the sending system's own suppression list"),
    ONHOLD(Fault.UNKNOWN, "5.0.0", "the reason could not be determined from the report"),
    UNDEFINED(Fault.UNKNOWN, "5.0.0", "the report gives no reason"),
    DELIVERED(Fault.UNKNOWN, "2.0.0", "the message was delivered"),
    FEEDBACK(Fault.UNKNOWN, null, "the recipient reported the message (complaint / feedback loop)"),
    VACATION(Fault.UNKNOWN, null, "the recipient sent an automatic reply (out of office)");

    private final Fault defaultFault;
    private final String fallbackStatus;
    private final String phrase;

    Reason(Fault defaultFault, String fallbackStatus, String phrase) {
        this.defaultFault = defaultFault;
        this.fallbackStatus = fallbackStatus;
        this.phrase = phrase;
    }

    /** Lower-case name as used by Sisimai and in JSON ("userunknown"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reason fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * True when the reason alone says the address is dead: userunknown, hostunknown, hasmoved and notaccept.
     * Notaccept only suppresses with a permanent (5xx) answer; see {@link #suppresses(boolean)}.
     */
    public boolean isHard() {
        return this == USERUNKNOWN || this == HOSTUNKNOWN || this == HASMOVED || this == NOTACCEPT;
    }

    /** Whether a result with this reason should stop further mail to the address. */
    public boolean suppresses(boolean transientAnswer) {
        if (this == NOTACCEPT) {
            return !transientAnswer;
        }
        return isHard();
    }

    /** Not a delivery failure at all. */
    public boolean isNonFailure() {
        return this == DELIVERED || this == FEEDBACK || this == VACATION;
    }

    /** Reasons that the status code alone cannot settle and that text may refine (Sisimai's re-check set). */
    public boolean shouldBeRechecked() {
        return this == UNDEFINED || this == ONHOLD || this == SYSTEMERROR || this == SECURITYERROR
                || this == EXPIRED || this == NETWORKERROR || this == HOSTUNKNOWN || this == USERUNKNOWN;
    }

    public Fault defaultFault() {
        return defaultFault;
    }

    /** Status used when the mail carries none (class adjusted by the caller for transient answers). */
    public String fallbackStatus() {
        return fallbackStatus;
    }

    /** Sentence fragment for explanations: "the mailbox does not exist". */
    public String phrase() {
        return phrase;
    }
}
