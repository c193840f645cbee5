package app.rebound.engine.internal;

import app.rebound.engine.Reason;

/**
 * Receiver-specific reply texts (docs §8): a host hint (matched against the remote MTA, the recipient domain and
 * the reporting MTA; null = the tag is unique enough on its own), the lower-case tag, the reason and a label.
 * They are checked before the generic rules because receivers use codes outside their registered meaning.
 */
final class RhostRules {
    private RhostRules() {
    }

    interface Sink {
        void add(String host, String text, Reason reason, String label);
    }

    static void register(Sink r) {
        // Google (support.google.com/mail/?p=<Tag>)
        r.add("google", "p=nosuchuser", Reason.USERUNKNOWN, "google:NoSuchUser");
        r.add("google", "tried to reach does not exist", Reason.USERUNKNOWN, "google:NoSuchUser");
        r.add("google", "p=disableduser", Reason.SUSPEND, "google:DisabledUser");
        r.add("google", "tried to reach is disabled", Reason.SUSPEND, "google:DisabledUser");
        r.add("google", "tried to reach is inactive", Reason.SUSPEND, "google:DisabledUser");
        r.add("google", "overquota", Reason.MAILBOXFULL, "google:OverQuota");
        r.add("google", "out of storage space", Reason.MAILBOXFULL, "google:OverQuota");
        r.add("google", "receiving mail too quickly", Reason.SPEEDING, "google:ReceivingRate");
        r.add("google", "at a rate that prevents additional messages", Reason.SPEEDING, "google:ReceivingRate");
        r.add("google", "unusual rate of unsolicited mail", Reason.BLOCKED, "google:UnsolicitedRate");
        r.add("google", "very low reputation", Reason.BADREPUTATION, "google:LowReputation");
        r.add("google", "likely unsolicited mail", Reason.SPAMDETECTED, "google:Unsolicited");
        r.add("google", "nature of the content", Reason.SPAMDETECTED, "google:Suspicious");
        r.add("google", "dmarc", Reason.AUTHFAILURE, "google:Dmarc");
        r.add("google", "unauthenticated", Reason.AUTHFAILURE, "google:Unauthenticated");
        r.add("google", "does not have a ptr record", Reason.REQUIREPTR, "google:Ptr");
        r.add("google", "forward dns entry does not point", Reason.REQUIREPTR, "google:Ptr");
        r.add("google", "rfcmessagenoncompliant", Reason.NOTCOMPLIANTRFC, "google:RfcNonCompliant");
        r.add("google", "not rfc 5322 compliant", Reason.NOTCOMPLIANTRFC, "google:RfcNonCompliant");
        r.add("google", "we weren't able to find the recipient domain", Reason.HOSTUNKNOWN, "google:NoDomain");
        r.add("google", "because the address couldn't be found", Reason.USERUNKNOWN, "google:AddressNotFound");
        r.add(null, "has sent to too many recipients this hour", Reason.SPEEDING, "godaddy:IB607");
        r.add(null, "doesn't receive email according to the administrator", Reason.NOTACCEPT, "google:NullMx");
        r.add(null, "delivery error: dd this user doesn't have a", Reason.USERUNKNOWN, "yahoo:NoAccount");
        r.add(null, "destinataire invalide", Reason.USERUNKNOWN, "orange:InvalidRecipient");
        r.add("cox", "aup#cdrbl", Reason.BLOCKED, "cox:CDRBL");
        r.add("mimecast", "host network not allowed", Reason.POLICYVIOLATION, "mimecast:HostNetwork");
        // Microsoft consumer and Exchange Online
        r.add(null, "(s3150)", Reason.BLOCKED, "microsoft:S3150");
        r.add(null, "(s3140)", Reason.BLOCKED, "microsoft:S3140");
        r.add(null, "(as3150)", Reason.BLOCKED, "microsoft:AS3150");
        r.add(null, "part of their network is on our block list", Reason.BLOCKED, "microsoft:Blocklist");
        r.add(null, "banned sending ip", Reason.BLOCKED, "microsoft:BannedIp");
        r.add(null, "rate limited due to ip reputation", Reason.BADREPUTATION, "microsoft:S775");
        r.add(null, "does not pass dmarc verification", Reason.AUTHFAILURE, "microsoft:Dmarc");
        r.add(null, "resolver.adr.recipientnotfound", Reason.USERUNKNOWN, "microsoft:RecipientNotFound");
        r.add(null, "resolver.adr.exrecipnotfound", Reason.USERUNKNOWN, "microsoft:RecipNotFound");
        r.add(null, "recipient not found by smtp address lookup", Reason.USERUNKNOWN, "microsoft:RecipientNotFound");
        r.add("outlook", "requested action not taken: mailbox unavailable", Reason.USERUNKNOWN,
                "microsoft:MailboxUnavailable");
        r.add("outlook", "recipient address rejected: access denied", Reason.USERUNKNOWN, "microsoft:AccessDenied");
        r.add("outlook", "tenant has exceeded threshold", Reason.SPEEDING, "microsoft:TenantThreshold");
        r.add("outlook", "delivery not authorized, message refused", Reason.POLICYVIOLATION, "microsoft:TransportRule");
        // Yahoo / AOL
        // Sisimai::Rhost::YahooInc (v5.0.4 on): "[TSS04] ... temporarily deferred due to unexpected volume or user
        // complaints" is badreputation, the sending IP's or domain's standing
        r.add(null, "[tss04]", Reason.BADREPUTATION, "yahoo:TSS04");
        r.add(null, "[tss05]", Reason.BLOCKED, "yahoo:TSS05");
        r.add(null, "[tss09]", Reason.REJECTED, "yahoo:TSS09");
        r.add(null, "[tss11]", Reason.REJECTED, "yahoo:TSS11");
        r.add(null, "[ts03]", Reason.BLOCKED, "yahoo:TS03");
        r.add(null, "[bl21]", Reason.BLOCKED, "yahoo:BL21");
        r.add(null, "[bl23]", Reason.BLOCKED, "yahoo:BL23");
        r.add(null, "[ph01]", Reason.POLICYVIOLATION, "yahoo:PH01");
        r.add("yahoo", "user doesn't have a", Reason.USERUNKNOWN, "yahoo:NoAccount");
        r.add("aol", "user doesn't have a", Reason.USERUNKNOWN, "aol:NoAccount");
        r.add("yahoo", "this mailbox is disabled", Reason.SUSPEND, "yahoo:Disabled");
        r.add("yahoo", "is no longer valid", Reason.SUSPEND, "yahoo:NoLongerValid");
        r.add("yahoo", "sender is unauthenticated", Reason.AUTHFAILURE, "yahoo:Unauthenticated");
        r.add("yahoo", "receiving mail too quickly", Reason.SPEEDING, "yahoo:TooQuickly");
        r.add("aol", "mailbox not found", Reason.USERUNKNOWN, "aol:MailboxNotFound");
        r.add("yahoo", "mailbox not found", Reason.USERUNKNOWN, "yahoo:MailboxNotFound");
        // Apple iCloud
        r.add(null, "recipient no longer on server", Reason.HASMOVED, "apple:NoLongerOnServer");
        r.add(null, "[cs01]", Reason.POLICYVIOLATION, "apple:CS01");
        r.add(null, "[hme1]", Reason.AUTHFAILURE, "apple:HME1");
        r.add("icloud", "inactive email address", Reason.USERUNKNOWN, "apple:Inactive");
        r.add("icloud", "unknown or illegal alias", Reason.USERUNKNOWN, "apple:UnknownAlias");
        r.add("icloud", "user is over quota", Reason.MAILBOXFULL, "apple:OverQuota");
        r.add("icloud", "deferred due to excessive volume", Reason.SPEEDING, "apple:ExcessiveVolume");
        r.add("icloud", "dmarc policy", Reason.AUTHFAILURE, "apple:Dmarc");
        // Security gateways and others
        r.add(null, "envelope blocked - user", Reason.REJECTED, "mimecast:EnvelopeBlocked");
        r.add(null, "administrative prohibition envelope blocked", Reason.REJECTED, "mimecast:EnvelopeBlocked");
        r.add(null, "anti-spoofing policy", Reason.POLICYVIOLATION, "mimecast:AntiSpoofing");
        r.add(null, "content examination policy", Reason.POLICYVIOLATION, "mimecast:ContentPolicy");
        r.add(null, "local ct ip reputation", Reason.BADREPUTATION, "mimecast:IpReputation");
        r.add(null, "ipbl1", Reason.BLOCKED, "cox:IPBL");
        r.add(null, "urlbl", Reason.SPAMDETECTED, "cox:URLBL");
        r.add(null, "dnsbl-lookup.cgi", Reason.BLOCKED, "proofpoint:Dnsbl");
        r.add(null, "cloudmark sender intelligence", Reason.BLOCKED, "cloudmark:CSI");
        r.add(null, "barracuda reputation", Reason.BLOCKED, "barracuda:BRBL");    }
}
