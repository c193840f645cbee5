package app.rebound.engine.internal;

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

    /** The decision and the id of the rule that made it. */
    public record Decision(Reason reason, String rule) {
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

    private record Rhost(String host, String text, Reason reason, String label) {
    }

    /** Receiver rules: host hint (matched against remote MTA, recipient domain, reporting MTA; null = any) + tag. */
    private static final Rhost[] RHOST = {
        // Google (support.google.com/mail/?p=<Tag>)
        new Rhost("google", "p=nosuchuser", Reason.USERUNKNOWN, "google:NoSuchUser"),
        new Rhost("google", "tried to reach does not exist", Reason.USERUNKNOWN, "google:NoSuchUser"),
        new Rhost("google", "p=disableduser", Reason.SUSPEND, "google:DisabledUser"),
        new Rhost("google", "tried to reach is disabled", Reason.SUSPEND, "google:DisabledUser"),
        new Rhost("google", "tried to reach is inactive", Reason.SUSPEND, "google:DisabledUser"),
        new Rhost("google", "overquota", Reason.MAILBOXFULL, "google:OverQuota"),
        new Rhost("google", "out of storage space", Reason.MAILBOXFULL, "google:OverQuota"),
        new Rhost("google", "receiving mail too quickly", Reason.SPEEDING, "google:ReceivingRate"),
        new Rhost("google", "at a rate that prevents additional messages", Reason.SPEEDING, "google:ReceivingRate"),
        new Rhost("google", "unusual rate of unsolicited mail", Reason.BLOCKED, "google:UnsolicitedRate"),
        new Rhost("google", "very low reputation", Reason.BADREPUTATION, "google:LowReputation"),
        new Rhost("google", "likely unsolicited mail", Reason.SPAMDETECTED, "google:Unsolicited"),
        new Rhost("google", "nature of the content", Reason.SPAMDETECTED, "google:Suspicious"),
        new Rhost("google", "dmarc", Reason.AUTHFAILURE, "google:Dmarc"),
        new Rhost("google", "unauthenticated", Reason.AUTHFAILURE, "google:Unauthenticated"),
        new Rhost("google", "does not have a ptr record", Reason.REQUIREPTR, "google:Ptr"),
        new Rhost("google", "forward dns entry does not point", Reason.REQUIREPTR, "google:Ptr"),
        new Rhost("google", "rfcmessagenoncompliant", Reason.NOTCOMPLIANTRFC, "google:RfcNonCompliant"),
        new Rhost("google", "not rfc 5322 compliant", Reason.NOTCOMPLIANTRFC, "google:RfcNonCompliant"),
        new Rhost("google", "we weren't able to find the recipient domain", Reason.HOSTUNKNOWN, "google:NoDomain"),
        new Rhost("google", "because the address couldn't be found", Reason.USERUNKNOWN, "google:AddressNotFound"),
        new Rhost(null, "has sent to too many recipients this hour", Reason.SPEEDING, "godaddy:IB607"),
        new Rhost(null, "doesn't receive email according to the administrator", Reason.NOTACCEPT, "google:NullMx"),
        new Rhost(null, "delivery error: dd this user doesn't have a", Reason.USERUNKNOWN, "yahoo:NoAccount"),
        new Rhost(null, "destinataire invalide", Reason.USERUNKNOWN, "orange:InvalidRecipient"),
        new Rhost("cox", "aup#cdrbl", Reason.BLOCKED, "cox:CDRBL"),
        new Rhost("mimecast", "host network not allowed", Reason.POLICYVIOLATION, "mimecast:HostNetwork"),
        // Microsoft consumer and Exchange Online
        new Rhost(null, "(s3150)", Reason.BLOCKED, "microsoft:S3150"),
        new Rhost(null, "(s3140)", Reason.BLOCKED, "microsoft:S3140"),
        new Rhost(null, "(as3150)", Reason.BLOCKED, "microsoft:AS3150"),
        new Rhost(null, "part of their network is on our block list", Reason.BLOCKED, "microsoft:Blocklist"),
        new Rhost(null, "banned sending ip", Reason.BLOCKED, "microsoft:BannedIp"),
        new Rhost(null, "rate limited due to ip reputation", Reason.BADREPUTATION, "microsoft:S775"),
        new Rhost(null, "does not pass dmarc verification", Reason.AUTHFAILURE, "microsoft:Dmarc"),
        new Rhost(null, "resolver.adr.recipientnotfound", Reason.USERUNKNOWN, "microsoft:RecipientNotFound"),
        new Rhost(null, "resolver.adr.exrecipnotfound", Reason.USERUNKNOWN, "microsoft:RecipNotFound"),
        new Rhost(null, "recipient not found by smtp address lookup", Reason.USERUNKNOWN, "microsoft:RecipientNotFound"),
        new Rhost("outlook", "requested action not taken: mailbox unavailable", Reason.USERUNKNOWN,
                "microsoft:MailboxUnavailable"),
        new Rhost("outlook", "recipient address rejected: access denied", Reason.USERUNKNOWN, "microsoft:AccessDenied"),
        new Rhost("outlook", "tenant has exceeded threshold", Reason.SPEEDING, "microsoft:TenantThreshold"),
        new Rhost("outlook", "delivery not authorized, message refused", Reason.POLICYVIOLATION, "microsoft:TransportRule"),
        // Yahoo / AOL
        new Rhost(null, "[tss04]", Reason.BLOCKED, "yahoo:TSS04"),
        new Rhost(null, "[tss05]", Reason.BLOCKED, "yahoo:TSS05"),
        new Rhost(null, "[tss09]", Reason.REJECTED, "yahoo:TSS09"),
        new Rhost(null, "[tss11]", Reason.REJECTED, "yahoo:TSS11"),
        new Rhost(null, "[ts03]", Reason.BLOCKED, "yahoo:TS03"),
        new Rhost(null, "[bl21]", Reason.BLOCKED, "yahoo:BL21"),
        new Rhost(null, "[bl23]", Reason.BLOCKED, "yahoo:BL23"),
        new Rhost(null, "[ph01]", Reason.POLICYVIOLATION, "yahoo:PH01"),
        new Rhost("yahoo", "user doesn't have a", Reason.USERUNKNOWN, "yahoo:NoAccount"),
        new Rhost("aol", "user doesn't have a", Reason.USERUNKNOWN, "aol:NoAccount"),
        new Rhost("yahoo", "this mailbox is disabled", Reason.SUSPEND, "yahoo:Disabled"),
        new Rhost("yahoo", "is no longer valid", Reason.SUSPEND, "yahoo:NoLongerValid"),
        new Rhost("yahoo", "sender is unauthenticated", Reason.AUTHFAILURE, "yahoo:Unauthenticated"),
        new Rhost("yahoo", "receiving mail too quickly", Reason.SPEEDING, "yahoo:TooQuickly"),
        new Rhost("aol", "mailbox not found", Reason.USERUNKNOWN, "aol:MailboxNotFound"),
        new Rhost("yahoo", "mailbox not found", Reason.USERUNKNOWN, "yahoo:MailboxNotFound"),
        // Apple iCloud
        new Rhost(null, "recipient no longer on server", Reason.HASMOVED, "apple:NoLongerOnServer"),
        new Rhost(null, "[cs01]", Reason.POLICYVIOLATION, "apple:CS01"),
        new Rhost(null, "[hme1]", Reason.AUTHFAILURE, "apple:HME1"),
        new Rhost("icloud", "inactive email address", Reason.USERUNKNOWN, "apple:Inactive"),
        new Rhost("icloud", "unknown or illegal alias", Reason.USERUNKNOWN, "apple:UnknownAlias"),
        new Rhost("icloud", "user is over quota", Reason.MAILBOXFULL, "apple:OverQuota"),
        new Rhost("icloud", "deferred due to excessive volume", Reason.SPEEDING, "apple:ExcessiveVolume"),
        new Rhost("icloud", "dmarc policy", Reason.AUTHFAILURE, "apple:Dmarc"),
        // Security gateways and others
        new Rhost(null, "envelope blocked - user", Reason.REJECTED, "mimecast:EnvelopeBlocked"),
        new Rhost(null, "administrative prohibition envelope blocked", Reason.REJECTED, "mimecast:EnvelopeBlocked"),
        new Rhost(null, "anti-spoofing policy", Reason.POLICYVIOLATION, "mimecast:AntiSpoofing"),
        new Rhost(null, "content examination policy", Reason.POLICYVIOLATION, "mimecast:ContentPolicy"),
        new Rhost(null, "local ct ip reputation", Reason.BADREPUTATION, "mimecast:IpReputation"),
        new Rhost(null, "ipbl1", Reason.BLOCKED, "cox:IPBL"),
        new Rhost(null, "urlbl", Reason.SPAMDETECTED, "cox:URLBL"),
        new Rhost(null, "dnsbl-lookup.cgi", Reason.BLOCKED, "proofpoint:Dnsbl"),
        new Rhost(null, "cloudmark sender intelligence", Reason.BLOCKED, "cloudmark:CSI"),
        new Rhost(null, "barracuda reputation", Reason.BLOCKED, "barracuda:BRBL"),
    };

    private static boolean hostMatches(String hint, String hosts) {
        return hint == null || hosts.contains(hint)
                || hint.equals("google") && (hosts.contains("gmail") || hosts.contains("googlemail"))
                || hint.equals("outlook") && (hosts.contains("hotmail") || hosts.contains("live.com")
                || hosts.contains("msn.com") || hosts.contains("office365") || hosts.contains("microsoft"))
                || hint.equals("icloud") && (hosts.contains("me.com") || hosts.contains("mac.com")
                || hosts.contains("apple"))
                || hint.equals("yahoo") && (hosts.contains("yahoodns") || hosts.contains("ymail"))
                || hint.equals("aol") && hosts.contains("aim.com");
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
        String text = Text.lower(f.diagnostic);
        if (text.isEmpty()) {
            text = Text.lower(f.context);
        }
        String hosts = Text.lower(f.remoteMta + " " + domainOf(f.recipient) + " " + f.reportingMta);

        for (Rhost r : RHOST) {
            if (text.contains(r.text) && hostMatches(r.host, hosts)) {
                return new Decision(r.reason, "rhost:" + r.label);
            }
        }

        Reason byStatus = byStatus(status);
        String cmd = f.command;
        String statusRule = "status:" + status;

        // First probe set: status-code table and text together, with SMTP-phase guards.
        if (byStatus == Reason.MAILBOXFULL) {
            return new Decision(Reason.MAILBOXFULL, statusRule);
        }
        if (ReasonText.matches(Reason.MAILBOXFULL, text)) {
            return new Decision(Reason.MAILBOXFULL, "text:mailboxfull");
        }
        if (byStatus == Reason.MESGTOOBIG) {
            return new Decision(Reason.MESGTOOBIG, statusRule);
        }
        if (!status.equals("5.2.3") && !status.equals("4.2.3") && ReasonText.matches(Reason.MESGTOOBIG, text)) {
            return new Decision(Reason.MESGTOOBIG, "text:mesgtoobig");
        }
        if (byStatus == Reason.EXCEEDLIMIT) {
            return new Decision(Reason.EXCEEDLIMIT, statusRule);
        }
        if (ReasonText.matches(Reason.EXCEEDLIMIT, text)) {
            return new Decision(Reason.EXCEEDLIMIT, "text:exceedlimit");
        }
        if (f.replyCode == 525 || byStatus == Reason.SUSPEND) {
            return new Decision(Reason.SUSPEND, f.replyCode == 525 ? "replycode:525" : statusRule);
        }
        if (ReasonText.matches(Reason.SUSPEND, text)) {
            return new Decision(Reason.SUSPEND, "text:suspend");
        }
        if (ReasonText.matches(Reason.HASMOVED, text)) {
            return new Decision(Reason.HASMOVED, "text:hasmoved");
        }
        if (!cmd.equals("CONN") && !cmd.equals("EHLO") && !cmd.equals("HELO")
                && ReasonText.matches(Reason.NORELAYING, text)) {
            return new Decision(Reason.NORELAYING, "text:norelaying");
        }
        if (byStatus == Reason.AUTHFAILURE) {
            return new Decision(Reason.AUTHFAILURE, statusRule);
        }
        if (ReasonText.matches(Reason.AUTHFAILURE, text)) {
            return new Decision(Reason.AUTHFAILURE, "text:authfailure");
        }
        // UserUnknown
        if (byStatus == Reason.USERUNKNOWN) {
            if (!ReasonText.matches(Reason.NORELAYING, text) && !ReasonText.matches(Reason.BLOCKED, text)
                    && !ReasonText.matches(Reason.MAILBOXFULL, text) && !ReasonText.matches(Reason.HASMOVED, text)
                    && !ReasonText.matches(Reason.REJECTED, text) && !ReasonText.matches(Reason.NOTACCEPT, text)) {
                return new Decision(Reason.USERUNKNOWN, statusRule);
            }
        } else if (cmd.equals("RCPT") && ReasonText.matches(Reason.USERUNKNOWN, text)) {
            return new Decision(Reason.USERUNKNOWN, "text:userunknown");
        }
        // Filtered
        if (byStatus == Reason.FILTERED) {
            if (ReasonText.matches(Reason.USERUNKNOWN, text) || ReasonText.matches(Reason.FILTERED, text)) {
                return new Decision(Reason.FILTERED, statusRule);
            }
        } else if (!exceptData(cmd)
                && (ReasonText.matches(Reason.FILTERED, text) || ReasonText.matches(Reason.USERUNKNOWN, text))) {
            return new Decision(Reason.FILTERED, "text:filtered");
        }
        if (byStatus == Reason.REQUIREPTR || ReasonText.matches(Reason.REQUIREPTR, text)) {
            return new Decision(Reason.REQUIREPTR, byStatus == Reason.REQUIREPTR ? statusRule : "text:requireptr");
        }
        if (ReasonText.matches(Reason.NOTCOMPLIANTRFC, text)) {
            return new Decision(Reason.NOTCOMPLIANTRFC, "text:notcompliantrfc");
        }
        if (ReasonText.matches(Reason.BADREPUTATION, text)) {
            return new Decision(Reason.BADREPUTATION, "text:badreputation");
        }
        if (byStatus == Reason.CONTENTERROR && ReasonText.matches(Reason.CONTENTERROR, text)) {
            return new Decision(Reason.CONTENTERROR, statusRule);
        }
        if (ReasonText.matches(Reason.CONTENTERROR, text)) {
            return new Decision(Reason.CONTENTERROR, "text:contenterror");
        }
        // Rejected (the sender address)
        if (byStatus == Reason.REJECTED) {
            return new Decision(Reason.REJECTED, statusRule);
        }
        boolean vague = byStatus == null || byStatus == Reason.SECURITYERROR || byStatus == Reason.SYSTEMERROR;
        if ((cmd.equals("MAIL") || cmd.equals("DATA") && byStatus != Reason.USERUNKNOWN || vague)
                && ReasonText.matches(Reason.REJECTED, text)) {
            return new Decision(Reason.REJECTED, "text:rejected");
        }
        // HostUnknown
        if (byStatus == Reason.HOSTUNKNOWN) {
            if (!ReasonText.matches(Reason.NETWORKERROR, text)) {
                return new Decision(Reason.HOSTUNKNOWN, statusRule);
            }
        } else if (ReasonText.matches(Reason.HOSTUNKNOWN, text)) {
            return new Decision(Reason.HOSTUNKNOWN, "text:hostunknown");
        }
        if (byStatus == Reason.SPAMDETECTED) {
            return new Decision(Reason.SPAMDETECTED, statusRule);
        }
        if (!status.isEmpty() && !exceptData(cmd) && ReasonText.matches(Reason.SPAMDETECTED, text)) {
            return new Decision(Reason.SPAMDETECTED, "text:spamdetected");
        }
        if (byStatus == Reason.SPEEDING || ReasonText.matches(Reason.SPEEDING, text)) {
            return new Decision(Reason.SPEEDING, "text:speeding");
        }
        if (byStatus == Reason.TOOMANYCONN) {
            return new Decision(Reason.TOOMANYCONN, statusRule);
        }
        if (ReasonText.matches(Reason.TOOMANYCONN, text)) {
            return new Decision(Reason.TOOMANYCONN, "text:toomanyconn");
        }
        if (byStatus == Reason.BLOCKED) {
            return new Decision(Reason.BLOCKED, statusRule);
        }
        if (ReasonText.matches(Reason.BLOCKED, text)) {
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
                if (ReasonText.matches(r, text)) {
                    return new Decision(r, "text:" + r.id());
                }
            }
            if (f.replyCode == 521 || f.replyCode == 556) {
                return new Decision(Reason.NOTACCEPT, "replycode:" + f.replyCode);
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
            if (f.replyCode >= 500 && f.replyCode <= 504 || ReasonText.matches(Reason.SYNTAXERROR, text)) {
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
        if (ReasonText.matches(Reason.VACATION, text)) {
            return new Decision(Reason.VACATION, "text:vacation");
        }
        if (!text.isBlank()) {
            return new Decision(Reason.ONHOLD, "fallback:onhold");
        }
        return new Decision(Reason.UNDEFINED, "fallback:undefined");
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
