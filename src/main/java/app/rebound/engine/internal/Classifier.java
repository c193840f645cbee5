package app.rebound.engine.internal;

import app.rebound.engine.Fault;
import app.rebound.engine.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides the {@link Reason} of one failed recipient. Order (after Sisimai's pipeline, docs §7.2):
 * a reason preset by a format decoder; 2.x.x = delivered; receiver-specific rules (Gmail, Microsoft, Yahoo,
 * iCloud, gateways); the first probe set, where status code and text both count, with SMTP-phase guards;
 * then the status-code table, text again for vague codes, and class fallbacks.
 */
public final class Classifier {

    /** The decision, the id of the rule that made it, and whose fault it is when not the reason's default. */
    public record Decision(Reason reason, String rule, Fault fault) {
        public Decision(Reason reason, String rule) {
            this(reason, rule, null);
        }
    }

    private static final Map<String, Reason> STATUS = new HashMap<>();

    private static void st(Reason r, String... codes) {
        for (String c : codes) {
            STATUS.put(c, r);
        }
    }

    static {
        st(Reason.DELIVERED, "2.1.5");
        st(Reason.USERUNKNOWN, "5.1.0", "5.1.1", "5.1.3");
        st(Reason.HOSTUNKNOWN, "5.1.2", "5.4.4");
        st(Reason.HASMOVED, "4.1.6", "5.1.6", "5.7.17", "5.7.18");
        st(Reason.REJECTED, "4.1.7", "4.1.8", "5.1.7", "5.1.8");
        st(Reason.FILTERED, "5.1.4", "5.2.0", "5.2.1", "4.2.4", "5.2.4");
        st(Reason.BLOCKED, "4.2.1", "4.7.1", "4.7.2");
        st(Reason.MAILBOXFULL, "4.2.2", "5.2.2");
        st(Reason.EXCEEDLIMIT, "4.2.3", "5.2.3");
        st(Reason.MESGTOOBIG, "5.3.4", "4.7.16", "5.7.16");
        st(Reason.SYSTEMFULL, "4.3.1", "5.3.1", "4.4.5");
        st(Reason.NOTACCEPT, "4.3.2", "5.3.2", "5.1.10", "5.7.27");
        st(Reason.EXPIRED, "4.4.1", "4.4.7");
        st(Reason.NETWORKERROR, "4.4.2", "4.4.4", "4.4.6", "4.4.8", "5.4.0");
        st(Reason.SYSTEMERROR, "4.1.9", "5.1.9", "4.3.3", "5.3.0", "5.3.3", "4.3.5", "5.3.5", "4.4.3", "5.4.3", "4.5.3",
                "4.5.5", "5.5.4", "5.5.5");
        st(Reason.SYNTAXERROR, "5.5.2", "5.5.6");
        st(Reason.TOOMANYCONN, "5.5.3");
        st(Reason.CONTENTERROR, "4.6.0", "4.6.2", "4.6.5", "5.6.0", "5.6.1", "5.6.2", "5.6.3", "5.6.5", "5.6.6", "5.6.7",
                "5.6.8", "5.6.9");
        st(Reason.SECURITYERROR, "4.7.5", "4.7.6", "4.7.7", "4.7.12", "4.7.15", "5.7.0", "5.7.1", "5.7.2", "5.7.3", "5.7.4",
                "5.7.5", "5.7.6", "5.7.7", "5.7.8", "5.7.9", "5.7.10", "5.7.11", "5.7.14", "5.7.15", "5.7.19");
        st(Reason.SUSPEND, "5.7.13");
        st(Reason.AUTHFAILURE, "4.7.24", "4.7.26", "5.7.20", "5.7.21", "5.7.22", "5.7.23", "5.7.24", "5.7.26", "5.7.29",
                "4.7.30", "5.7.30", "4.7.32", "5.7.509");
        st(Reason.REQUIREPTR, "4.7.25", "5.7.25", "4.7.23");
        st(Reason.SPAMDETECTED, "5.7.28");
    }

    /** The reason the status code alone points to, or null. */
    public static Reason byStatus(String status) {
        return status == null || status.isEmpty() ? null : STATUS.get(status);
    }

    static boolean hostMatches(String hint, String hosts) {
        return Receivers.matches(hint, hosts);
    }

    private static boolean exceptData(String command) {
        return command.equals("CONN") || command.equals("EHLO") || command.equals("HELO") || command.equals("MAIL")
                || command.equals("RCPT");
    }

    public Decision classify(Fact f) {
        if (!f.presetReason.isEmpty()) {
            // A format decoder recognised its own wording: more specific than generic text rules.
            Reason r = Reason.fromId(f.presetReason);
            return new Decision(r, f.presetRule.isEmpty() ? "decoder:" + f.decoder : f.presetRule);
        }
        String status = f.status;
        if (status.startsWith("2.")) {
            return new Decision(Reason.DELIVERED, "status:" + status);
        }
        String text = f.diagnostic.isEmpty() ? f.context : f.diagnostic;
        long[] hits = f.hits != null ? f.hits : ReasonText.scan(text);
        f.hits = hits;
        String hosts = hostsOf(f);

        if (MtaRules.greylisting(hits) && !status.startsWith("5") && f.replyCode / 100 != 5) {
            // A receiver's policy of deferring unknown senders once: the retry gets through; nobody must act.
            return new Decision(Reason.BLOCKED, "text:greylisting", Fault.RECEIVER_SYSTEM);
        }
        for (ReasonText.Rhost r : ReasonText.rhost()) {
            if (ReasonText.has(hits, r.id()) && hostMatches(r.host(), hosts)) {
                return new Decision(r.reason(), "rhost:" + r.label());
            }
        }

        Reason byStatus = byStatus(status);
        String cmd = f.command;
        String statusRule = "status:" + status;

        // First probe set: status-code table and text together, with SMTP-phase guards.
        if (byStatus == Reason.MAILBOXFULL) {
            return new Decision(Reason.MAILBOXFULL, statusRule);
        }
        if (ReasonText.matches(Reason.MAILBOXFULL, hits, text)) {
            return new Decision(Reason.MAILBOXFULL, "text:mailboxfull");
        }
        if (byStatus == Reason.MESGTOOBIG) {
            return new Decision(Reason.MESGTOOBIG, statusRule);
        }
        if (!status.equals("5.2.3") && !status.equals("4.2.3") && ReasonText.matches(Reason.MESGTOOBIG, hits, text)) {
            return new Decision(Reason.MESGTOOBIG, "text:mesgtoobig");
        }
        if (byStatus == Reason.EXCEEDLIMIT) {
            return new Decision(Reason.EXCEEDLIMIT, statusRule);
        }
        if (ReasonText.matches(Reason.EXCEEDLIMIT, hits, text)) {
            return new Decision(Reason.EXCEEDLIMIT, "text:exceedlimit");
        }
        if (f.replyCode == 525 || byStatus == Reason.SUSPEND) {
            return new Decision(Reason.SUSPEND, f.replyCode == 525 ? "replycode:525" : statusRule);
        }
        if (ReasonText.matches(Reason.SUSPEND, hits, text)) {
            return new Decision(Reason.SUSPEND, "text:suspend");
        }
        if (ReasonText.matches(Reason.HASMOVED, hits, text)) {
            return new Decision(Reason.HASMOVED, "text:hasmoved");
        }
        if (!cmd.equals("CONN") && !cmd.equals("EHLO") && !cmd.equals("HELO")
                && ReasonText.matches(Reason.NORELAYING, hits, text)) {
            return new Decision(Reason.NORELAYING, "text:norelaying");
        }
        if (byStatus == Reason.AUTHFAILURE) {
            return new Decision(Reason.AUTHFAILURE, statusRule);
        }
        if (ReasonText.matches(Reason.AUTHFAILURE, hits, text)) {
            return new Decision(Reason.AUTHFAILURE, "text:authfailure");
        }
        // UserUnknown
        Reason vetoed = null;
        if (byStatus == Reason.USERUNKNOWN) {
            // X.1.x says "bad address", but the text may say the sender, the IP or the relay was refused.
            for (Reason other : new Reason[] {Reason.NORELAYING, Reason.BLOCKED, Reason.MAILBOXFULL, Reason.HASMOVED,
                Reason.REJECTED, Reason.NOTACCEPT}) {
                if (ReasonText.matches(other, hits, text)) {
                    vetoed = other;
                    break;
                }
            }
            if (vetoed == null) {
                return new Decision(Reason.USERUNKNOWN, statusRule);
            }
        } else if (cmd.equals("RCPT") && (ReasonText.matches(Reason.USERUNKNOWN, hits, text)
                || Text.lower(text).contains("recipient address rejected.") && (f.replyCode / 100 == 5))) {
            return new Decision(Reason.USERUNKNOWN, "text:userunknown");
        }
        // Filtered
        if (byStatus == Reason.FILTERED) {
            if (ReasonText.matches(Reason.USERUNKNOWN, hits, text) || ReasonText.matches(Reason.FILTERED, hits, text)) {
                return new Decision(Reason.FILTERED, statusRule);
            }
        } else if (!exceptData(cmd)
                && (ReasonText.matches(Reason.FILTERED, hits, text) || ReasonText.matches(Reason.USERUNKNOWN, hits, text))) {
            // Sisimai's rule: "user unknown" outside the RCPT phase is a filter's answer (the mailbox exists)
            return new Decision(Reason.FILTERED, "text:filtered");
        }
        if (byStatus == Reason.REQUIREPTR || ReasonText.matches(Reason.REQUIREPTR, hits, text)) {
            return new Decision(Reason.REQUIREPTR, byStatus == Reason.REQUIREPTR ? statusRule : "text:requireptr");
        }
        if (ReasonText.matches(Reason.NOTCOMPLIANTRFC, hits, text)) {
            return new Decision(Reason.NOTCOMPLIANTRFC, "text:notcompliantrfc");
        }
        if (ReasonText.matches(Reason.BADREPUTATION, hits, text)) {
            return new Decision(Reason.BADREPUTATION, "text:badreputation");
        }
        if (byStatus == Reason.CONTENTERROR && ReasonText.matches(Reason.CONTENTERROR, hits, text)) {
            return new Decision(Reason.CONTENTERROR, statusRule);
        }
        if (ReasonText.matches(Reason.CONTENTERROR, hits, text)) {
            return new Decision(Reason.CONTENTERROR, "text:contenterror");
        }
        // Rejected (the sender address)
        if (byStatus == Reason.REJECTED) {
            return new Decision(Reason.REJECTED, statusRule);
        }
        boolean vague = byStatus == null || byStatus == Reason.SECURITYERROR || byStatus == Reason.SYSTEMERROR;
        if ((cmd.equals("MAIL") || cmd.equals("DATA") && byStatus != Reason.USERUNKNOWN || vague)
                && ReasonText.matches(Reason.REJECTED, hits, text)) {
            return new Decision(Reason.REJECTED, "text:rejected");
        }
        // HostUnknown
        if (byStatus == Reason.HOSTUNKNOWN) {
            if (!ReasonText.matches(Reason.NETWORKERROR, hits, text)) {
                return new Decision(Reason.HOSTUNKNOWN, statusRule);
            }
        } else if (ReasonText.matches(Reason.HOSTUNKNOWN, hits, text)) {
            return new Decision(Reason.HOSTUNKNOWN, "text:hostunknown");
        }
        if (byStatus == Reason.SPAMDETECTED) {
            return new Decision(Reason.SPAMDETECTED, statusRule);
        }
        if (!status.isEmpty() && !exceptData(cmd) && ReasonText.matches(Reason.SPAMDETECTED, hits, text)) {
            return new Decision(Reason.SPAMDETECTED, "text:spamdetected");
        }
        if (byStatus == Reason.SPEEDING || ReasonText.matches(Reason.SPEEDING, hits, text)) {
            return new Decision(Reason.SPEEDING, "text:speeding");
        }
        if (byStatus == Reason.TOOMANYCONN) {
            return new Decision(Reason.TOOMANYCONN, statusRule);
        }
        if (ReasonText.matches(Reason.TOOMANYCONN, hits, text)) {
            return new Decision(Reason.TOOMANYCONN, "text:toomanyconn");
        }
        if (byStatus == Reason.BLOCKED) {
            return new Decision(Reason.BLOCKED, statusRule);
        }
        if (ReasonText.matches(Reason.BLOCKED, hits, text)) {
            return new Decision(Reason.BLOCKED, "text:blocked");
        }

        // The status code table, with text for the reasons it cannot settle.
        if (byStatus == null || byStatus.shouldBeRechecked() || f.diagnosticType.startsWith("X-")) {
            Reason[] order = {Reason.MAILBOXFULL, Reason.AUTHFAILURE, Reason.BADREPUTATION, Reason.SPEEDING,
                Reason.SPAMDETECTED, Reason.VIRUSDETECTED, Reason.POLICYVIOLATION, Reason.NORELAYING,
                Reason.SYSTEMERROR, Reason.NETWORKERROR, Reason.SUSPEND, Reason.CONTENTERROR, Reason.SYSTEMFULL,
                Reason.NOTACCEPT, Reason.EXPIRED, Reason.FAILEDSTARTTLS, Reason.SECURITYERROR, Reason.SUPPRESSED,
                Reason.MAILERERROR};
            for (Reason r : order) {
                if (ReasonText.matches(r, hits, text)) {
                    return new Decision(r, "text:" + r.id());
                }
            }
            // The code cannot settle it and the reply says nothing known: read the report's own text too.
            if (!f.context.isEmpty() && text != f.context) {
                long[] more = ReasonText.scan(f.context);
                for (Reason r : order) {
                    if (ReasonText.matches(r, more, f.context)) {
                        return new Decision(r, "context:" + r.id());
                    }
                }
            }
            if (f.replyCode == 521 || f.replyCode == 556) {
                return new Decision(Reason.NOTACCEPT, "replycode:" + f.replyCode);
            }
            if (vetoed != null && (vetoed != Reason.REJECTED || Text.lower(text).contains("sender"))) {
                // Never call an address dead when the reply blames something else.
                return new Decision(vetoed, "text:" + vetoed.id() + "-over-" + status);
            }
            if (byStatus != null) {
                return new Decision(byStatus, statusRule);
            }
            if (status.startsWith("5.6") || status.startsWith("4.6")) {
                return new Decision(Reason.CONTENTERROR, "status-class:" + status);
            }
            if (status.startsWith("5.7") || status.startsWith("4.7")) {
                return new Decision(Reason.SECURITYERROR, "status-class:" + status);
            }
            if (f.diagnosticType.toUpperCase().startsWith("X-UNIX")) {
                return new Decision(Reason.MAILERERROR, "diagnostic-type:x-unix");
            }
            if (f.replyCode >= 500 && f.replyCode <= 504 || ReasonText.matches(Reason.SYNTAXERROR, hits, text)) {
                return new Decision(Reason.SYNTAXERROR, "text:syntaxerror");
            }
            if (f.action.equals("delayed") || f.action.equals("expired")) {
                return new Decision(Reason.EXPIRED, "action:" + f.action);
            }
            if (cmd.equals("EHLO") || cmd.equals("HELO")) {
                return new Decision(Reason.BLOCKED, "command:" + cmd);
            }
        } else {
            return new Decision(byStatus, statusRule);
        }
        if (f.action.equals("delayed")) {
            return new Decision(Reason.EXPIRED, "action:delayed");
        }
        if (ReasonText.matches(Reason.VACATION, hits, text)) {
            return new Decision(Reason.VACATION, "text:vacation");
        }
        if (!text.isBlank()) {
            return new Decision(Reason.ONHOLD, "fallback:onhold");
        }
        return new Decision(Reason.UNDEFINED, "fallback:undefined");
    }

    /** The hosts a receiver rule is matched against: remote MTA, the recipient's domain, the reporting MTA. */
    static String hostsOf(Fact f) {
        return Text.lower(f.remoteMta + " " + domainOf(f.recipient) + " " + f.reportingMta);
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
