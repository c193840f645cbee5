package app.rebound.engine.internal;

import app.rebound.engine.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply wording of particular MTAs and receivers, as data: each rule is a lower-case phrase, the reason it means,
 * an optional receiver (matched on domain label boundaries against the remote MTA, the recipient's domain and
 * the reporting MTA; null = the wording is specific enough on its own) and its origin. Phrases and codes marked
 * {@code Sisimai::...} are facts taken from the Sisimai project's per-MTA (Lhost) and per-receiver (Rhost)
 * modules (BSD-2-Clause, github.com/sisimai/p5-sisimai); the code that applies them is Rebound's.
 */
final class MtaRules {
    private MtaRules() {
    }

    /**
     * One phrase rule; {@code statusClass} '4' or '5' when it holds only for that class of failure,
     * {@link #NO_CODE} when only for a report that gives neither a status nor a reply code, {@link #OWN_DOMAIN} when
     * only if the domain written right after the phrase is the recipient's own, else 0; {@code statuses} the status
     * codes (space-separated) it holds for, null for any.
     */
    record Rule(String origin, String host, String phrase, String reason, char statusClass, String statuses) {
    }

    /** The class of a rule that holds only when the report quotes no status and no reply code of its own. */
    static final char NO_CODE = '-';

    /**
     * The class of a rule that holds only when the phrase is followed by the recipient's own domain ("No MX or A
     * records for b" about a@b): the same words about another domain (a relay, a smart host) say nothing of the
     * recipient's.
     */
    static final char OWN_DOMAIN = '@';

    private static final String YAHOO = "yahoodns.net yahoo.com yahoo.co.jp yahoo.co.uk ymail.com aol.com";
    private static final String APPLE = "icloud.com me.com mac.com apple.com";
    private static final String GOOGLE = "google.com gmail.com googlemail.com";
    private static final String OUTLOOK = "outlook.com hotmail.com live.com msn.com office365.com";
    private static final String FACEBOOK = "facebook.com facebookmail.com";

    private static Rule r(String origin, String host, String phrase, String reason) {
        return new Rule(origin, host, phrase, reason, (char) 0, null);
    }

    /**
     * A rule that holds only with one of the given status codes (space-separated), as a receiver's table pairs its
     * wording with a status ({@code Sisimai::Rhost::Google}: the same words under 5.1.7 and 5.1.3 name the sender's
     * and the recipient's address).
     */
    private static Rule rs(String origin, String host, String phrase, String reason, String statuses) {
        return new Rule(origin, host, phrase, reason, (char) 0, statuses);
    }

    /** A rule that holds only when the failure is of the given class ('4' transient, '5' permanent). */
    private static Rule r(String origin, String host, String phrase, String reason, char statusClass) {
        return new Rule(origin, host, phrase, reason, statusClass, null);
    }

    static final List<Rule> RULES = List.of(
            // DMA, the DragonFly Mail Agent (dma.c, net.c)
            r("Sisimai::Lhost::DragonFly", null, "could not deliver for the last ", "expired"),
            r("Sisimai::Lhost::DragonFly", null, "dns lookup failure: host ", "hostunknown"),
            // Ipswitch IMail Server
            r("Sisimai::Lhost::IMailServer", null, "invalid final delivery userid", "userunknown"),
            r("Sisimai::Lhost::IMailServer", null, "user mailbox exceeds allowed size", "mailboxfull"),
            r("Sisimai::Lhost::IMailServer", null, "requested action not taken: virus detected", "virusdetected"),
            // Verizon (vtext.com, vzwpix.com)
            r("Sisimai::Lhost::Verizon", "vtext.com vzwpix.com", "requested action not taken: no such user here",
                    "userunknown"),
            r("Sisimai::Lhost::Verizon", "vtext.com vzwpix.com", "no valid recipients for this mm", "userunknown"),
            // Mail.Ru (an Exim)
            r("Sisimai::Lhost::MailRu", null, "all host address lookups failed permanently", "hostunknown"),
            r("Sisimai::Lhost::MailRu", null, "all relevant mx records point to non-existent hosts", "hostunknown"),
            r("Sisimai::Lhost::MailRu", null, "an mx or srv record indicated no smtp service", "notaccept"),
            r("Sisimai::Lhost::MailRu", null, "no host found for existing smtp connection", "notaccept"),
            r("Sisimai::Lhost::MailRu", null, "error: quota exceed", "mailboxfull"),
            r("Sisimai::Lhost::MailRu", null, "delivery to file forbidden", "systemerror"),
            r("Sisimai::Lhost::MailRu", null, "delivery to pipe forbidden", "systemerror"),
            r("Sisimai::Lhost::MailRu", null, "too many \"received\" headers", "contenterror"),
            // Local delivery agents checking the mailbox themselves: no such mailbox, whatever the SMTP phase
            r("Sendmail mail.local (Sisimai::Reason::UserUnknown)", null, "mail.local: unknown user", "userunknown"),
            r("vmailmgr vdeliver (Sisimai::Reason::UserUnknown)", null, "vdeliver: invalid or unknown virtual user",
                    "userunknown"),
            // Exim: "Unrouteable mail domain" is a domain that does not route anywhere: dead, not a network error
            r("Exim (deliver.c)", null, "unrouteable mail domain", "hostunknown"),
            // au by KDDI (ezweb.ne.jp, au.com)
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is temporarily over quota", "mailboxfull"),
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is disabled.", "suspend"),
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is temporarily limited.", "suspend"),
            r("Sisimai::Lhost::EZweb", null, "your message was not delivered within ", "expired"),
            r("Sisimai::Rhost::KDDI", "au.com ezweb.ne.jp", "550 : user unknown", "filtered"),
            r("Sisimai::Rhost::KDDI", "au.com ezweb.ne.jp", ">: user unknown", "userunknown"),
            // OpenSMTPD relay failure strings (smtpd/mta.c, smtpd/queue.c), as Sisimai::Lhost::OpenSMTPD lists them
            r("Sisimai::Lhost::OpenSMTPD (queue.c)", null, "envelope expired", "expired"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "invalid domain name", "hostunknown"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "domain does not exist", "hostunknown"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "destination seem to reject all mails", "notaccept"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "address family mismatch on destination mxs",
                    "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "all routes to destination blocked", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "bad dns lookup error code", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "could not retrieve source address", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "network error on destination mxs", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c, go-sisimai v5)", null, "no mx found for domain", "notaccept"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c, go-sisimai v5)", null, "no mx found for destination", "notaccept"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "no valid route to remote mx", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "no valid route to destination", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "temporary failure in mx lookup", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "loop detected", "networkerror"),
            r("Sisimai::Lhost::OpenSMTPD (mta.c)", null, "could not retrieve credentials", "securityerror"),
            // Orange / La Poste (Sisimai::Rhost::FrancePTT MessagesOf): a refused SPF check of the sender's domain
            r("Sisimai::Rhost::FrancePTT", "orange.fr wanadoo.fr laposte.net", "spf/dns de votre nom de domaine",
                    "authfailure"),
            // Google (support.google.com/a/answer/3726730), wording Sisimai::Rhost::Google lists
            r("Sisimai::Rhost::Google", GOOGLE, "the spf record of the sending domain", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to authenticate with either spf or dkim", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "has an spf record with a hard fail policy", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "fails to pass spf checks for an spf record", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "is not accepted due to domain's dmarc policy", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "fails to pass authentication checks", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to authenticate with spf", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to authenticate their email with spf", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to authenticate their email with dkim", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to authenticate with dkim", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "aligned with either the authenticated spf or dkim", "authfailure"),
            r("Sisimai::Rhost::Google", GOOGLE, "ip not in whitelist for rcpt domain", "blocked"),
            r("Sisimai::Rhost::Google", GOOGLE, "try again later, closing connection.", "blocked"),
            r("Sisimai::Rhost::Google", GOOGLE, "an unusual rate of mail", "blocked"),
            r("Sisimai::Rhost::Google", GOOGLE, "exceeded google's message size limits", "mesgtoobig"),
            r("Sisimai::Rhost::Google", GOOGLE, "exceeds google's message size limit of", "mesgtoobig"),
            r("Sisimai::Rhost::Google", GOOGLE, "exceeds google's limit of", "exceedlimit"),
            r("Sisimai::Rhost::Google", GOOGLE, "bytes per individual header size", "exceedlimit"),
            r("Sisimai::Rhost::Google", GOOGLE, "exceeds google's message header size limit", "exceedlimit"),
            r("Sisimai::Rhost::Google", GOOGLE, "timeout - closing connection", "expired"),
            r("Sisimai::Rhost::Google", GOOGLE, "must issue a starttls command first", "failedstarttls"),
            r("Sisimai::Rhost::Google", GOOGLE, "tls required for rcpt domain", "failedstarttls"),
            r("Sisimai::Rhost::Google", GOOGLE, "senders to use tls/ssl for smtp", "failedstarttls"),
            r("Sisimai::Rhost::Google", GOOGLE, "inbox is out of storage space", "mailboxfull"),
            r("Sisimai::Rhost::Google", GOOGLE, "email quota exceeded", "mailboxfull"),
            r("Sisimai::Rhost::Google", GOOGLE, "message exceeded 50 hops", "networkerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "mail relay denied", "norelaying"),
            r("Sisimai::Rhost::Google", GOOGLE, "invalid credentials for relay", "norelaying"),
            r("Sisimai::Rhost::Google", GOOGLE, "is not authorized to send email directly to our servers",
                    "norelaying"),
            r("Sisimai::Rhost::Google", GOOGLE, "missing a valid address in the from: header", "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "multiple addresses in from: header are not accepted",
                    "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "missing a valid message-id: header", "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "contains a unicode character in a disallowed header",
                    "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "encoded-word syntax is not permitted", "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "mail message is malformed", "notcompliantrfc"),
            r("Sisimai::Rhost::Google", GOOGLE, "illegal attachment on your message", "policyviolation"),
            r("Sisimai::Rhost::Google", GOOGLE, "its content presents a potential security issue", "policyviolation"),
            r("Sisimai::Rhost::Google", GOOGLE, "has a policy that prohibited the mail that you sent",
                    "policyviolation"),
            r("Sisimai::Rhost::Google", GOOGLE, "sending messages with the same message-id:", "policyviolation"),
            r("Sisimai::Rhost::Google", GOOGLE, "mail sending denied", "rejected"),
            r("Sisimai::Rhost::Google", GOOGLE, "unauthenticated email is not accepted", "rejected"),
            r("Sisimai::Rhost::Google", GOOGLE, "have a ptr record, or the ptr record", "requireptr"),
            r("Sisimai::Rhost::Google", GOOGLE, "ipv6 sending guidelines regarding ptr records", "requireptr"),
            r("Sisimai::Rhost::Google", GOOGLE, "does not match the ip address of the hostname", "requireptr"),
            r("Sisimai::Rhost::Google", GOOGLE, "too many login attempts", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "no identity changes permitted", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "application-specific password required", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "please log in with your web browser", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "please log in through your web browser", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "username and password not accepted", "securityerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "peak smtp relay limit exceeded for customer", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "daily sending quota exceeded", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "daily user sending limit exceeded", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "daily smtp relay limit exceeded for", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "daily smtp relay sending limit exceeded for", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "this mail has been rate limited", "speeding"),
            r("Sisimai::Rhost::Google", GOOGLE, "smtp protocol violation", "syntaxerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "too many unrecognized commands, goodbye", "syntaxerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "no data after bdat", "syntaxerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "xoauth is no longer supported", "syntaxerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "too many unauthenticated commands", "syntaxerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "temporary system problem", "systemerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "multiple destination domains per transaction is unsupported",
                    "systemerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "mail server temporarily rejected message", "systemerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "mail server has temporarily rejected this message", "systemerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "domain policy size per transaction exceeded", "systemerror"),
            r("Sisimai::Rhost::Google", GOOGLE, "your message has too many recipients", "toomanyconn"),
            r("Sisimai::Rhost::Google", GOOGLE, "too many recipients for this sender", "toomanyconn"),
            rs("Sisimai::Rhost::Google", GOOGLE, "is not a valid rfc 5321 address", "notcompliantrfc", "5.1.7"),
            rs("Sisimai::Rhost::Google", GOOGLE, "is not a valid rfc 5321 address", "userunknown", "5.1.3"),
            // the rest of Sisimai::Rhost::Google's table, each phrase with the status codes it lists for it
            rs("Sisimai::Rhost::Google", GOOGLE, "empty helo/ehlo argument not allowed", "blocked", "5.5.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "helo/ehlo argument is invalid", "blocked", "5.5.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "your message exceeded google's message header size limits",
                    "exceedlimit", "5.3.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "exceeds google's header name limit of", "exceedlimit", "5.3.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "connection expired", "expired", "4.7.0"),
            rs("Sisimai::Rhost::Google", GOOGLE, "cannot decode response", "securityerror", "5.5.2"),
            rs("Sisimai::Rhost::Google", GOOGLE, "authentication required.", "securityerror", "5.5.1 5.7.0"),
            rs("Sisimai::Rhost::Google", GOOGLE, "optional argument not permitted", "syntaxerror", "5.5.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "starttls may not be repeated", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "unimplemented command", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "unrecognized command", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "bad sequence of commands", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "ehlo/helo first", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "mail first", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "rcpt first", "syntaxerror", "5.5.1"),
            rs("Sisimai::Rhost::Google", GOOGLE, "unrecognized authentication type", "syntaxerror", "5.7.4"),
            rs("Sisimai::Rhost::Google", GOOGLE, "server busy", "systemerror", "4.4.5"),
            // Facebook (facebook.com/postmaster/response_codes), codes as Sisimai::Rhost::Facebook lists them
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p7", "authfailure"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p1", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p2", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p3", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p4", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-t1", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-t2", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-t3", "blocked"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "msg-p2", "contenterror"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "rcp-p2", "filtered"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "rcp-p3", "filtered"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "msg-p1", "mesgtoobig"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "int-p2", "mesgtoobig"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "msg-p3", "notcompliantrfc"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "dns-p1", "rejected"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "dns-p2", "rejected"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "dns-t1", "rejected"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "dns-p3", "requireptr"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "dns-t2", "requireptr"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p6", "spamdetected"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "rcp-t4", "suspend"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "rcp-t1", "systemerror"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "con-t1", "toomanyconn"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "con-t2", "toomanyconn"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "con-t3", "toomanyconn"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "con-t4", "toomanyconn"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "msg-t1", "toomanyconn"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "rcp-p1", "userunknown"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "int-p1", "userunknown"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "int-p3", "userunknown"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "int-p4", "userunknown"),
            r("Sisimai::Rhost::Facebook", FACEBOOK, "pol-p5", "virusdetected"),
            // Microsoft Exchange Server and Exchange Online NDR texts (learn.microsoft.com, "Non-delivery reports in
            // Exchange Online"), as Sisimai::Rhost::Microsoft lists them
            r("Sisimai::Rhost::Microsoft", null, "must pass either spf or dkim validation, this message is not signed",
                    "authfailure"),
            r("Sisimai::Rhost::Microsoft", null, "tlsa-invalid: the domain failed dane validation", "authfailure"),
            r("Sisimai::Rhost::Microsoft", null, "dnssec-invalid: destination domain returned invalid dnssec records",
                    "authfailure"),
            r("Sisimai::Rhost::Microsoft", null, "certificate-host-mismatch: remote certificate must have",
                    "authfailure"),
            r("Sisimai::Rhost::Microsoft", null, "rejected because of sender policy framework violation",
                    "authfailure"),
            r("Sisimai::Rhost::Microsoft", null, "certificate-expired: destination mail server's certificate",
                    "authfailure"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "access denied, bad helo", "blocked"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "access denied, rejected by recipient", "blocked"),
            r("Sisimai::Rhost::Microsoft", null, "does not accept email over ipv6", "blocked"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "access denied, banned sender", "blocked"),
            r("Sisimai::Rhost::Microsoft", null, "using customer block list", "blocked"),
            r("Sisimai::Rhost::Microsoft", null, "restrictdomainstoipaddresses or restrictdomainstocertificate",
                    "blocked"),
            r("Sisimai::Rhost::Microsoft", null, "agent generated message depth exceeded", "contenterror"),
            r("Sisimai::Rhost::Microsoft", null, "resolver.rst.recipsizelimit", "exceedlimit"),
            r("Sisimai::Rhost::Microsoft", null, "message too big for system", "mesgtoobig"),
            r("Sisimai::Rhost::Microsoft", null, "smtpsend.dns.nonexistentdomain", "networkerror"),
            r("Sisimai::Rhost::Microsoft", null, "hop count exceeded - possible mail loop", "networkerror"),
            r("Sisimai::Rhost::Microsoft", null, "tenantattribution; relay access denied", "norelaying"),
            r("Sisimai::Rhost::Microsoft", null, "storedrv.deliver: missing or bad storedriver mdb properties",
                    "notaccept"),
            r("Sisimai::Rhost::Microsoft", null, "x-dg-ref header is too long", "policyviolation"),
            r("Sisimai::Rhost::Microsoft", null, "policy violation detected (as345)", "policyviolation"),
            r("Sisimai::Rhost::Microsoft", null, "access denied, bad outbound sender", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "sender was not authenticated by organization", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "sender not in allowed-senders list", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "sender not authenticated for group", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "sender was not authenticated for mailbox", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "sender was not authenticated for public folder", "rejected"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "access denied, spam abuse detected", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "message must be rfc 5322 section 3.6.2 compliant", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "client blocked from sending from unregistered domains", "rejected"),
            r("Sisimai::Rhost::Microsoft", null, "cannot achieve exchange server authentication", "securityerror"),
            r("Sisimai::Rhost::Microsoft", null, "starttls-not-supported: destination mail server must support tls",
                    "securityerror"),
            r("Sisimai::Rhost::Microsoft", null, "client was not authenticated to send anonymous mail",
                    "securityerror"),
            r("Sisimai::Rhost::Microsoft", null, "content filter agent quarantined this message", "spamdetected"),
            r("Sisimai::Rhost::Microsoft", null, "storedrv.deliver; recipient thread limit exceeded", "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "you've reached your daily limit for message recipients", "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "submission quota exceeded", "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "per hour message receive limit from specific sender exceeded",
                    "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "recipient's per hour message receive limit exceeded", "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "has exceeded permitted limits within", "speeding"),
            r("Sisimai::Rhost::Microsoft", null, "access denied, traffic not accepted from this ip", "speeding"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "access denied, banned recipient", "suspend"),
            // (Sisimai's "recipient address rejected: access denied" = suspend holds for 5.7.504 only; with 5.4.1 it is
            // Exchange Online's directory-based edge blocking of an unknown recipient, kept in RhostRules)
            r("Sisimai::Rhost::Microsoft", null, "journaling on-premises messages to microsoft 365", "systemerror"),
            r("Sisimai::Rhost::Microsoft", null, "destination mailbox address ambiguous", "systemerror"),
            r("Sisimai::Rhost::Microsoft", null, "misconfigured forwarding address", "systemerror"),
            r("Sisimai::Rhost::Microsoft", null, "message failed to be replicated", "systemerror"),
            r("Sisimai::Rhost::Microsoft", null, "(suspiciousremoteservererror)", "systemerror"),
            r("Sisimai::Rhost::Microsoft", OUTLOOK, "pfa agent busy, please try again.", "systemerror"),
            r("Sisimai::Rhost::Microsoft", null, "storedrv.submit; invalid recipient address", "userunknown"),
            r("Sisimai::Rhost::Microsoft", null, "recipient address reserved by rfc 2606", "userunknown"),
            // Exchange Server 2007 NDR codes (Sisimai::Lhost::Exchange2007; the newer Rhost::Microsoft meanings above win)
            r("Sisimai::Lhost::Exchange2007", null, "smtpsend.dns.mxloopback", "networkerror"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.adr.badprimary", "systemerror"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.adr.reciplimit", "toomanyconn"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.adr.invalidinsmtp", "systemerror"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.adr.ambiguous", "systemerror"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.rst.authrequired", "securityerror"),
            r("Sisimai::Lhost::Exchange2007", null, "resolver.rst.notauthorized", "rejected"),
            r("Sisimai::Lhost::Exchange2007", null, "queue.expired", "expired"),
            // AOL (Sisimai::Rhost::Aol)
            r("Sisimai::Rhost::Aol", "aol.com", "host or domain name not found", "hostunknown"),
            r("Sisimai::Rhost::Aol", "aol.com", "type=mx: malformed or unexpected name server reply", "notaccept"),
            // Sendmail's own refusals (srvrsmtp.c) and their usual access-map wording
            r("Sisimai::Reason::Blocked (Sendmail srvrsmtp.c)", null, "rejecting open proxy", "blocked"),
            r("Sisimai::Reason::Blocked", null, "refused to talk to me", "blocked"),
            r("Sisimai::Reason::Blocked", null, "dynamic/zombied/spam ips blocked", "blocked"),
            // Zoho Mail
            r("Sisimai::Lhost::Zoho", "zoho.com zoho.eu zohomail.com", "host not reachable", "expired"),
            r("Sisimai::Rhost::Zoho", null, "email rejected per dmarc policy", "authfailure"),
            r("Sisimai::Rhost::Zoho", null, "email cannot be delivered. reason: email flagged as spam", "rejected"),
            r("Sisimai::Rhost::Zoho", "zoho.com zoho.eu zohomail.com", "mail rejected by destination domain", "rejected"),
            r("Sisimai::Rhost::Zoho", null, "email policy violation detected", "policyviolation"),
            r("Sisimai::Rhost::Zoho", null, "mailbox delivery restricted by policy error", "policyviolation"),
            r("Sisimai::Rhost::Zoho", "zoho.com zoho.eu zohomail.com", "temporary system error", "systemerror"),
            r("Sisimai::Rhost::Zoho", "zoho.com zoho.eu zohomail.com", "user does not exist", "userunknown"),
            r("Sisimai::Rhost::Zoho", null, " detected by zoho mail", "virusdetected"),
            // Broadcom Email Security.cloud (MessageLabs)
            r("Sisimai::Rhost::MessageLabs", null, "domain authentication fail", "authfailure"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "connection rejected by policy", "badreputation"),
            r("Sisimai::Rhost::MessageLabs", null, "mail rejected because your ip is in the pbl", "blocked"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "your ip address has been ", "blocked"),
            r("Sisimai::Rhost::MessageLabs", null, "stray linefeeds in message", "contenterror"),
            r("Sisimai::Rhost::MessageLabs", null, "tls/sslv3 connection required", "failedstarttls"),
            r("Sisimai::Rhost::MessageLabs", null, "has detected that this message is not rfc 5322", "notcompliantrfc"),
            r("Sisimai::Rhost::MessageLabs", null, "550 requested action aborted [4]", "notcompliantrfc"),
            r("Sisimai::Rhost::MessageLabs", null, "sender envelope domain not allowed for sender ip address",
                    "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "your domain has been blocked", "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "your email address has been blocked", "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "your envelope sender is in my badmailfrom list", "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "your email address has been blacklisted", "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "your domain has been blacklisted", "rejected"),
            r("Sisimai::Rhost::MessageLabs", null, "please turn on smtp authentication in your mail client",
                    "securityerror"),
            r("Sisimai::Rhost::MessageLabs", null, "filtered by outbound scanning", "spamdetected"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "message filtered", "spamdetected"),
            r("Sisimai::Rhost::MessageLabs", null, "too many recipients received this hour", "toomanyconn"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "too many messages", "toomanyconn"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "no such user", "userunknown"),
            r("Sisimai::Rhost::MessageLabs", "messagelabs.com", "invalid recipient", "userunknown"),
            r("Sisimai::Rhost::MessageLabs", null, "recipient mailbox is not allowed", "userunknown"),
            // Tencent / QQ Mail (service.mail.qq.com/detail/122)
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "spf check failed", "authfailure"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "dmarc check failed", "authfailure"),
            r("Sisimai::Rhost::Tencent", null, "suspected bounce attacks", "blocked"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "suspected spam ip", "blocked"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "connection denied", "blocked"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "message too large", "mesgtoobig"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "mail is rejected by recipients", "rejected"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "spam is embedded in the email", "spamdetected"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "mail content denied", "spamdetected"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "mailbox unavailable or access denined", "speeding"),
            r("Sisimai::Rhost::Tencent", null, "is a deactivated mailbox", "suspend"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "bad address syntax", "syntaxerror"),
            r("Sisimai::Rhost::Tencent", null, "ip frequency limited", "toomanyconn"),
            r("Sisimai::Rhost::Tencent", null, "domain frequency limited", "toomanyconn"),
            r("Sisimai::Rhost::Tencent", null, "sender frequency limited", "toomanyconn"),
            r("Sisimai::Rhost::Tencent", null, "connection frequency limited", "toomanyconn"),
            r("Sisimai::Rhost::Tencent", "qq.com foxmail.com", "mailbox not found", "userunknown"),
            // GoDaddy (secureserver.net) wording without an IB code
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "rbl reject", "blocked"),
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "delivery timeout", "expired"),
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "account storage limit", "mailboxfull"),
            r("Sisimai::Rhost::GoDaddy", null, "message rejected for spam or virus content", "spamdetected"),
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "account disabled", "suspend"),
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "recipient not found", "userunknown"),
            r("Sisimai::Rhost::GoDaddy", "secureserver.net", "account does not exist", "userunknown"),
            // Mimecast (community.mimecast.com, "Mimecast SMTP Error Codes")
            r("Sisimai::Rhost::Mimecast", null, "spf sender invalid - envelope rejected", "authfailure"),
            r("Sisimai::Rhost::Mimecast", null, "dkim sender invalid - envelope rejected", "authfailure"),
            r("Sisimai::Rhost::Mimecast", null, "dmarc sender invalid - envelope rejected", "authfailure"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "internal resources are temporarily unavailable",
                    "badreputation"),
            r("Sisimai::Rhost::Mimecast", null, "local ct ip reputation - (reject)", "badreputation"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "sender address blocked", "blocked"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "recipient temporarily unavailable", "blocked"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "ip temporarily blacklisted", "blocked"),
            r("Sisimai::Rhost::Mimecast", null, "maximum email size exceeded", "mesgtoobig"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "mail loop detected", "networkerror"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "open relay not allowed", "norelaying"),
            r("Sisimai::Rhost::Mimecast", null, "account inbounds disabled", "notaccept"),
            r("Sisimai::Rhost::Mimecast", null, "anti-spoofing policy - inbound not allowed", "policyviolation"),
            r("Sisimai::Rhost::Mimecast", null, "rejected by header-based anti-spoofing policy", "policyviolation"),
            r("Sisimai::Rhost::Mimecast", null, "message bounced due to content examination policy",
                    "policyviolation"),
            r("Sisimai::Rhost::Mimecast", null, "envelope rejected - block policy for envelope from address",
                    "rejected"),
            r("Sisimai::Rhost::Mimecast", null, "rejected by header-based blocked senders", "rejected"),
            r("Sisimai::Rhost::Mimecast", null, "this route requires encryption (tls)", "securityerror"),
            r("Sisimai::Rhost::Mimecast", null, "this route requires tls version 1.2 or greater", "securityerror"),
            r("Sisimai::Rhost::Mimecast", null, "this route requires high-strength ciphers", "securityerror"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "unable to process connection at this time", "systemerror"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "account service is temporarily unavailable", "toomanyconn"),
            r("Sisimai::Rhost::Mimecast", null, "exceeding outbound thread limit", "toomanyconn"),
            r("Sisimai::Rhost::Mimecast", "mimecast", "invalid recipient", "userunknown"),
            r("Sisimai::Rhost::Mimecast", null, "email rejected due to security policies", "virusdetected"),
            // NTT docomo (mfsmax.docomo.ne.jp)
            r("Sisimai::Rhost::NTTDOCOMO", "docomo.ne.jp", "552 too much mail data", "mailboxfull"),
            r("Sisimai::Rhost::NTTDOCOMO", "docomo.ne.jp", "552 too many recipients", "toomanyconn"),
            // Cox (cox.com "email error codes"), wording without an AUP# code
            r("Sisimai::Rhost::Cox", null, "cox too many bad commands from", "blocked"),
            r("Sisimai::Rhost::Cox", "cox.net", "too many invalid recipients", "blocked"),
            r("Sisimai::Rhost::Cox", "cox.net", "dns check failure - try again later", "requireptr"),
            r("Sisimai::Rhost::Cox", null, "rejected - no rdns", "requireptr"),
            r("Sisimai::Rhost::Cox", null, "esmtp no data before greeting", "policyviolation"),
            r("Sisimai::Rhost::Cox", null, "attachment extension is forbidden", "policyviolation"),
            r("Sisimai::Rhost::Cox", "cox.net", "sender rejected", "rejected"),
            r("Sisimai::Rhost::Cox", "cox.net", "esmtp server temporarily not available", "systemerror"),
            r("Sisimai::Rhost::Cox", "cox.net", "too many sessions from", "toomanyconn"),
            r("Sisimai::Rhost::Cox", "cox.net", "requested action aborted: try again later", "toomanyconn"),
            r("Sisimai::Rhost::Cox", "cox.net", "message threshold exceeded", "toomanyconn"),
            r("Sisimai::Rhost::Cox", "cox.net", "recipient rejected", "userunknown"),
            // Cloudflare Email Routing (developers.cloudflare.com/email-routing/postmaster)
            r("Sisimai::Rhost::Cloudflare", null, "found on one or more dnsbls", "blocked"),
            r("Sisimai::Rhost::Cloudflare", "cloudflare.net", "upstream error", "systemerror"),
            // Yahoo Inc. (senders.yahooinc.com/smtp-error-codes)
            r("Sisimai::Rhost::YahooInc", null, "yahoo requires all senders to authenticate with either spf or dkim",
                    "authfailure"),
            r("Sisimai::Rhost::YahooInc", null, "temporarily deferred due to unexpected volume or user complaints",
                    "badreputation"),
            r("Sisimai::Rhost::YahooInc", null, " because the ip is in spamhaus's list;", "blocked"),
            r("Sisimai::Rhost::YahooInc", null, "not accepted from ip addresses on spamhaus xbl", "blocked"),
            r("Sisimai::Rhost::YahooInc", YAHOO, "relaying denied for ", "norelaying"),
            r("Sisimai::Rhost::YahooInc", null, "headers are not rfc compliant", "notcompliantrfc"),
            r("Sisimai::Rhost::YahooInc", null, "not accepted for policy reasons", "policyviolation"),
            r("Sisimai::Rhost::YahooInc", null, "due to unresolvable rfc.5321 domain", "rejected"),
            r("Sisimai::Rhost::YahooInc", YAHOO, " will be permanently deferred", "rejected"),
            r("Sisimai::Rhost::YahooInc", YAHOO, "syntax error in parameters or arguments", "syntaxerror"),
            r("Sisimai::Rhost::YahooInc", YAHOO, "max message per connection reached", "toomanyconn"),
            // Apple iCloud Mail (support.apple.com/en-us/102322)
            r("Sisimai::Rhost::Apple", null, "blocked for failing both spf and dkim autentication checks",
                    "authfailure"),
            r("Sisimai::Rhost::Apple", null, "rejected due to having a domain present in the spamhaus", "blocked"),
            r("Sisimai::Rhost::Apple", null, "rejected due to listing in spamhaus", "blocked"),
            r("Sisimai::Rhost::Apple", APPLE, "not accepting connections", "blocked"),
            r("Sisimai::Rhost::Apple", APPLE, "due to local policy", "policyviolation"),
            r("Sisimai::Rhost::Apple", APPLE, "user does not exist", "userunknown"),
            // A mailbox that exists and refuses by its owner's choice: a filter, never a dead address
            r("receivers' filter replies", null, "due to recipient preferences", "filtered"),
            r("receivers' filter replies", null, "recipient is only accepting mail from specific", "filtered"),
            r("receivers' filter replies", null, "you have been blocked by the recipient", "filtered"),
            // The message size, said in words
            r("receivers' size replies", null, "exceeded the maximum size", "mesgtoobig"),
            r("receivers' size replies", null, "exceeds the maximum size", "mesgtoobig"),
            r("receivers' size replies", null, "maximum message size exceeded", "mesgtoobig"),
            r("receivers' size replies", null, "message size exceeds fixed maximum", "mesgtoobig"),
            // Exim's address parser (parser.c), as Sisimai::Lhost::Exim lists them: the address itself is malformed
            r("Sisimai::Lhost::Exim (parser.c)", null, "angle-brackets nested too deep", "syntaxerror"),
            r("Sisimai::Lhost::Exim (parser.c)", null, "expected word or \"<\"", "syntaxerror"),
            r("Sisimai::Lhost::Exim (parser.c)", null, "domain missing in source-routed address", "syntaxerror"),
            r("Sisimai::Lhost::Exim (parser.c)", null, "malformed address: ", "syntaxerror"),
            // qmail (error_str.c, qmail-remote.c) and the qmail-ldap patch, as Sisimai::Lhost::qmail and ::X4 list them
            r("Sisimai::Lhost::qmail (error_str.c)", null, "disk quota exceeded", "mailboxfull"),
            r("Sisimai::Lhost::qmail", null,
                    "requested action not taken: mailbox unavailable (not enough free space)", "systemfull"),
            r("Sisimai::Lhost::qmail", null, "bad interpreter: no such file or directory", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "mailaddress is administrativ", "suspend"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "the message exeeded the maximum size the user accepts",
                    "exceedlimit"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "automatic homedir creator crashed", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "illegal value in ldap attribute", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "ldap attribute is not given but mandatory", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "timeout while performing search on ldap server",
                    "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "too many results returned but needs to be unique",
                    "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "permanent error while executing qmail-forward",
                    "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "temporary error in automatic homedir creation",
                    "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "temporary error while executing qmail-forward",
                    "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "temporary failure in ldap lookup", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "unable to contact ldap server", "systemerror"),
            r("Sisimai::Lhost::qmail (qmail-ldap)", null, "unable to login into ldap server, bad credentials",
                    "systemerror"),
            // HCL (IBM, Lotus) Domino and Notes
            r("Sisimai::Lhost::Domino", null, "no se encuentra en el directorio de domino", "userunknown"),
            r("Sisimai::Lhost::Domino", null, "non r\u00e9pertori\u00e9 dans l'annuaire domino", "userunknown"),
            r("Sisimai::Lhost::Domino", null, "domino \u30c7\u30a3\u30ec\u30af\u30c8\u30ea\u306b\u306f\u898b\u3064\u304b\u308a\u307e\u305b\u3093",
                    "userunknown"),
            r("Sisimai::Lhost::Domino", null, "cannot route mail to user", "filtered"),
            r("Sisimai::Lhost::Domino", null, "several matches found in domino directory", "systemerror"),
            r("Sisimai::Lhost::Notes", null,
                    "\u30c7\u30a3\u30ec\u30af\u30c8\u30ea\u306e\u30ea\u30b9\u30c8\u306b\u3042\u308a\u307e\u305b\u3093",
                    "userunknown"),
            r("Sisimai::Lhost::Notes", null, "message has exceeded maximum hop count", "networkerror"),
            // Courier MTA (module.esmtp/esmtpclient.c)
            r("Sisimai::Lhost::Courier (esmtpclient.c)", null, "this domain's dns violates rfc 1035", "systemerror"),
            r("Sisimai::Lhost::Courier (esmtpclient.c)", null, "no such domain.", "hostunknown"),
            r("Sisimai::Lhost::Courier (esmtpclient.c)", null, "dns lookup failed.", "networkerror"),
            // BIGLOBE (biglobe.ne.jp and its partner ISPs)
            r("Sisimai::Lhost::Biglobe", null, "mail delivery failed... user unknown", "filtered"),
            r("Sisimai::Lhost::Biglobe", null, "the number of messages in recipient's mailbox exceeded the local limit",
                    "mailboxfull"),
            // Oracle (Sun Java System) Messaging Server
            r("Sisimai::Lhost::MessagingServer", null, "illegal host/domain name found", "hostunknown"),
            // Gmail's own notices (the older "Technical details of ... failure" template)
            r("Sisimai::Lhost::Gmail", null, "dns error: could not contact dns servers", "expired"),
            r("Sisimai::Lhost::Gmail", null, "the recipient server did not accept our requests to connect", "expired"),
            r("Sisimai::Lhost::Gmail", null, "dns error: domain name not found", "hostunknown"),
            r("Sisimai::Lhost::Gmail", null, "dns error: dns server returned answer with no data", "hostunknown"),
            // fml, a mailing-list manager: a refused post, a loop, a security check
            r("Sisimai::Lhost::FML", null, "not member article from ", "rejected"),
            r("Sisimai::Lhost::FML", null, "spam mail from a spammer is rejected", "rejected"),
            r("Sisimai::Lhost::FML", null, "duplicated message-id", "systemerror"),
            r("Sisimai::Lhost::FML", null, "has detected a loop condition so that", "systemerror"),
            r("Sisimai::Lhost::FML", null, "loop back warning:", "systemerror"),
            r("Sisimai::Lhost::FML", null, "fml system error message", "systemerror"),
            r("Sisimai::Lhost::FML", null, "security alert:", "securityerror"),
            // au by KDDI's own notices ("Could not be delivered to: <...>")
            r("Sisimai::Lhost::KDDI", null, "as their mailbox is full", "mailboxfull"),
            r("Sisimai::Lhost::KDDI", null, "due to the following smtp relay error", "norelaying"),
            r("Sisimai::Lhost::KDDI", null, "as the remote domain doesnt exist", "hostunknown"),
            // 1&1 (IONOS)
            r("Sisimai::Lhost::EinsUndEins", null, "mail size limit exceeded", "mesgtoobig"),
            // Exchange Server 2003 MSEXCH:IMS codes ("MSEXCH:IMS:... (000C05A6) Unknown Recipient")
            r("Sisimai::Lhost::Exchange2003", null, "(00010256)", "systemerror"),
            r("Sisimai::Lhost::Exchange2003", null, "(000d06b5)", "systemerror"),
            r("Sisimai::Lhost::Exchange2003", null, "(00120270)", "networkerror"),
            r("Sisimai::Lhost::Exchange2003", null, "(00050311)", "contenterror"),
            r("Sisimai::Lhost::Exchange2003", null, "(000502cc)", "contenterror"),
            r("Sisimai::Lhost::Exchange2003", null, "(000b0981)", "securityerror"),
            r("Sisimai::Lhost::Exchange2003", null, "(000c0595)", "filtered"),
            // Exchange Online's older status texts (Sisimai::Rhost::ExchangeOnline) not in Rhost::Microsoft's list
            r("Sisimai::Rhost::ExchangeOnline", OUTLOOK, "mailbox cannot be accessed", "suspend"),
            r("Sisimai::Rhost::ExchangeOnline", OUTLOOK, "mailing list expansion problem", "systemerror"),
            r("Sisimai::Rhost::ExchangeOnline", OUTLOOK, "the recipient has exceeded their limit for", "toomanyconn"),
            r("Sisimai::Rhost::ExchangeOnline", OUTLOOK, "system incorrectly configured", "systemerror"),
            r("Sisimai::Rhost::ExchangeOnline", OUTLOOK, "invalid message content", "contenterror"),
            r("Sisimai::Rhost::ExchangeOnline", null, "resolver.rst.recipientsizelimit", "mesgtoobig"),
            r("Sisimai::Rhost::ExchangeOnline", null, "resolver.adr.recipientlimit", "toomanyconn"),
            r("Sisimai::Rhost::ExchangeOnline", null, "resolver.adr.exrecipientnotfound", "userunknown"),
            // Google Workspace relaying for a domain (Sisimai::Rhost::GSuite): the same DNS wording is a dead domain
            // when permanent and a network problem when transient
            r("Sisimai::Rhost::GSuite", GOOGLE, " responded with code nxdomain", "hostunknown", '5'),
            r("Sisimai::Rhost::GSuite", GOOGLE, "domain name not found", "hostunknown", '5'),
            r("Sisimai::Rhost::GSuite", GOOGLE, " responded with code nxdomain", "networkerror", '4'),
            r("Sisimai::Rhost::GSuite", GOOGLE, "domain name not found", "networkerror", '4'),
            r("Sisimai::Rhost::GSuite", GOOGLE, " had no relevant answers.", "networkerror", '4'),
            r("Sisimai::Rhost::GSuite", GOOGLE, "null mx", "notaccept"),
            // Yahoo! Mail's own outbound report ("Sorry, we were unable to deliver your message to the following
            // address. <a@b>: No MX or A records for b"; the format Sisimai::Lhost::Yahoo reads): the recipient's
            // domain has neither an MX nor an address record, so by RFC 5321 section 5.1 it has no mail host at all,
            // a dead domain as Sisimai::Reason::HostUnknown means it; a transient answer with the same words is a
            // DNS problem that may pass
            r("Yahoo! Mail report (Sisimai::Lhost::Yahoo format; RFC 5321 5.1)", null, "no mx or a records for ",
                    "networkerror", '4'),
            r("Yahoo! Mail report (Sisimai::Lhost::Yahoo format; RFC 5321 5.1)", null, "no mx or a records for ",
                    "hostunknown", OWN_DOMAIN),
            // McAfee SaaS (MX Logic), an Exim: its session errors, and its wording for giving up after retries
            r("Sisimai::Lhost::MXLogic", null, "lmtp error after ", "systemerror"),
            r("Sisimai::Lhost::MXLogic", null, "all hosts have been failing for a long time and were last tried",
                    "expired"),
            r("Sisimai::Lhost::MXLogic", null, "was frozen on arrival by ", "expired"),
            r("Sisimai::Lhost::MXLogic", null, "has been frozen", "expired"),
            // Trend Micro (InterScan MSS, TREND VISION ONE): "Unable to deliver message to <addr>" quoting no reply
            r("Sisimai::Lhost::TrendMicro", null, "unable to deliver message to <", "userunknown", NO_CODE));

    /** PowerMTA's X-PowerMTA-BounceCategory values (Sisimai::Lhost::PowerMTA). */
    private static final java.util.Map<String, String> POWERMTA = java.util.Map.of(
            "bad-domain", "hostunknown", "bad-mailbox", "userunknown", "inactive-mailbox", "suspend",
            "message-expired", "expired", "no-answer-from-host", "networkerror", "policy-related", "policyviolation",
            "quota-issues", "mailboxfull", "routing-errors", "systemerror", "spam-related", "spamdetected");

    /** The reason a PowerMTA bounce category names, or null (absent, or "other", "bad-connection", ...). */
    static String powerMtaCategory(String value) {
        return value == null || value.isEmpty() ? null : POWERMTA.get(Text.lower(value).trim());
    }

    /**
     * Exchange Online's own enhanced status codes (the ones outside the IANA registry, and 4.4.316/5.4.316), as
     * Sisimai::Lhost::Office365 lists them from Microsoft's "Email non-delivery reports in Exchange Online":
     * {prefix, lowest and highest detail number, reason}.
     */
    private static final Object[][] MICROSOFT_STATUS = {
        {"4.4.", 312, 312, "networkerror"}, {"5.4.", 312, 312, "networkerror"}, {"4.4.", 316, 316, "expired"},
        {"5.4.", 316, 316, "expired"}, {"5.0.", 350, 350, "contenterror"}, {"5.6.", 11, 11, "contenterror"},
        {"4.7.", 500, 699, "blocked"}, {"4.7.", 850, 899, "blocked"}, {"5.7.", 124, 124, "rejected"},
        {"5.7.", 133, 136, "rejected"}, {"5.7.", 501, 503, "spamdetected"}, {"5.7.", 504, 505, "filtered"},
        {"5.7.", 506, 507, "blocked"}, {"5.7.", 508, 508, "toomanyconn"}, {"5.7.", 509, 509, "authfailure"},
        {"5.7.", 510, 510, "notaccept"}, {"5.7.", 511, 511, "rejected"}, {"5.7.", 512, 512, "policyviolation"},
        {"5.7.", 606, 649, "blocked"}, {"5.7.", 700, 749, "toomanyconn"},
    };

    /** The reason an Exchange Online status code names, or null. */
    static String microsoftStatus(String status) {
        if (status == null || status.length() < 5) {
            return null;
        }
        String prefix = status.substring(0, 4);
        int detail;
        try {
            detail = Integer.parseInt(status.substring(4));
        } catch (NumberFormatException e) {
            return null;
        }
        for (Object[] m : MICROSOFT_STATUS) {
            if (m[0].equals(prefix) && detail >= (Integer) m[1] && detail <= (Integer) m[2]) {
                return (String) m[3];
            }
        }
        return null;
    }

    /**
     * Orange / Wanadoo / La Poste reply codes (LPN105_104, OFR004_201, OUK_513, LPNAAA_101): the last three digits,
     * Sisimai::Rhost::FrancePTT's ErrorCodes table whole (rb-sisimai lib/sisimai/rhost/franceptt.rb; its codes
     * without a reason, 105 to 109, 201, 423, 424 and 513, decide nothing). The code 418 of older tables is no longer
     * in it.
     */
    private static final String[][] FRANCE_PTT = {
        {"101", "blocked"}, {"102", "blocked"}, {"103", "blocked"}, {"104", "toomanyconn"}, {"305", "securityerror"},
        {"401", "authfailure"}, {"402", "securityerror"}, {"403", "rejected"}, {"405", "rejected"},
        {"415", "rejected"}, {"416", "userunknown"}, {"417", "mailboxfull"}, {"420", "suspend"},
        {"421", "rejected"}, {"426", "suspend"}, {"505", "systemerror"}, {"506", "spamdetected"}, {"510", "blocked"},
        {"514", "mesgtoobig"}, {"517", "authfailure"}, {"630", "policyviolation"}, {"999", "blocked"},
    };

    /** GoDaddy's IB codes (" IB607"), from its bounce-back help page via Sisimai::Rhost::GoDaddy. */
    private static final String[][] GODADDY = {
        {"ib401", "securityerror"}, {"ib501", "notcompliantrfc"}, {"ib502", "notcompliantrfc"}, {"ib506", "rejected"},
        {"ib508", "authfailure"}, {"ib108", "requireptr"}, {"ib212", "spamdetected"}, {"ib705", "virusdetected"},
        {"ib605", "toomanyconn"}, {"ib007", "toomanyconn"}, {"ib101", "speeding"}, {"ib110", "blocked"},
        {"ib111", "blocked"}, {"ib112", "blocked"}, {"ib113", "blocked"}, {"ib504", "speeding"}, {"ib510", "speeding"},
        {"ib607", "speeding"}, {"ib103", "badreputation"}, {"ib104", "blocked"}, {"ib105", "blocked"},
        {"ib106", "blocked"},
    };

    /**
     * Spectrum / Charter {@code AUP#I1000}-style codes (spectrumbusiness.net, "Understanding email error codes"):
     * {from, to (0 = single code), reason}.
     */
    private static final Object[][] SPECTRUM = {
        {1000, 0, "blocked"}, {1010, 0, "rejected"}, {1020, 1080, "rejected"}, {1090, 0, "systemerror"},
        {1100, 1150, "requireptr"}, {1160, 1190, "policyviolation"}, {1200, 1210, "blocked"}, {1220, 1250, "blocked"},
        {1260, 0, "networkerror"}, {1300, 1340, "toomanyconn"}, {1350, 1490, "speeding"}, {1500, 0, "rejected"},
        {1520, 0, "rejected"}, {1530, 0, "mesgtoobig"}, {1540, 0, "speeding"}, {1550, 0, "speeding"},
        {1560, 0, "policyviolation"}, {1580, 0, "speeding"},
    };

    /** Cox codes after "AUP#" (cox.com, "Email error codes"). */
    private static final String[][] COX = {
        {"cxbl", "blocked"}, {"cxdns", "requireptr"}, {"cxsndr", "authfailure"}, {"cxsmtp", "rejected"},
        {"cxcnct", "toomanyconn"}, {"cxmxrt", "toomanyconn"}, {"cdrbl", "blocked"}, {"cxthrt", "securityerror"},
        {"cxmj", "securityerror"}, {"ipbl0001", "blocked"}, {"ipbl0010", "blocked"}, {"ipbl0100", "blocked"},
        {"ipbl0011", "blocked"}, {"ipbl0101", "blocked"}, {"ipbl0110", "blocked"}, {"ipbl0111", "blocked"},
        {"ipbl1000", "blocked"}, {"ipbl1001", "blocked"}, {"ipbl1010", "blocked"}, {"ipbl1011", "blocked"},
        {"ipbl1100", "blocked"}, {"ipbl1101", "blocked"}, {"ipbl1110", "blocked"}, {"ipbl1111", "blocked"},
        {"ipbl00001", "blocked"}, {"urlbl011", "spamdetected"}, {"urlbl101", "spamdetected"},
        {"urlbl110", "spamdetected"}, {"urlbl1001", "spamdetected"},
    };

    /** i.ua error pages (mail.i.ua/err/N). */
    private static final String[] IUA = {null, "norelaying", "userunknown", "suspend", "mailboxfull", "toomanyconn",
        "norelaying", "blocked", "rejected", "blocked", "filtered"};

    /**
     * The reason a receiver's own error code in the reply names, as {reason, rule id}, or null. Looks for
     * Orange/La Poste codes ({@code OFR005_505}), GoDaddy's {@code IBnnn} and i.ua's {@code /err/N} links.
     */
    static String[] byCode(String lower) {
        for (String prefix : new String[] {"ofr", "lpnaaa", "lpn", "ouk"}) {
            int i = lower.indexOf(prefix);
            while (i >= 0) {
                String code = franceCode(lower, i + prefix.length());
                if (code != null && (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)))) {
                    for (String[] c : FRANCE_PTT) {
                        if (c[0].equals(code)) {
                            return new String[] {c[1], "Sisimai::Rhost::FrancePTT:" + prefix.toUpperCase() + code};
                        }
                    }
                    return null;
                }
                i = lower.indexOf(prefix, i + 3);
            }
        }
        int ib = lower.indexOf(" ib");
        while (ib >= 0 && ib + 6 <= lower.length()) {
            String code = lower.substring(ib + 1, ib + 6);
            boolean end = ib + 6 == lower.length() || !Character.isLetterOrDigit(lower.charAt(ib + 6));
            if (end) {
                for (String[] c : GODADDY) {
                    if (c[0].equals(code)) {
                        return new String[] {c[1], "Sisimai::Rhost::GoDaddy:" + code.toUpperCase()};
                    }
                }
            }
            ib = lower.indexOf(" ib", ib + 3);
        }
        int aup = lower.indexOf("aup#");
        if (aup >= 0) {
            int t = aup + 4;
            while (t < lower.length() && t - aup < 16 && Character.isLetterOrDigit(lower.charAt(t))) {
                t++;
            }
            String token = lower.substring(aup + 4, t);
            for (String[] c : COX) {
                if (c[0].equals(token)) {
                    return new String[] {c[1], "Sisimai::Rhost::Cox:AUP#" + token.toUpperCase()};
                }
            }
            int k = aup + 4;
            while (k < lower.length() && k - aup < 12 && (Character.isLetter(lower.charAt(k)) || lower.charAt(k) == '-')) {
                k++;
            }
            if (digits(lower, k, 4)) {
                int code = Integer.parseInt(lower.substring(k, k + 4));
                for (Object[] c : SPECTRUM) {
                    int from = (Integer) c[0];
                    int to = (Integer) c[1];
                    if (code == from || to != 0 && code >= from && code <= to) {
                        return new String[] {(String) c[2], "Sisimai::Rhost::Spectrum:AUP#" + code};
                    }
                }
            }
        }
        int iua = lower.indexOf(".i.ua/err/");
        if (iua > 0 && iua + 10 < lower.length() && Character.isDigit(lower.charAt(iua + 10))) {
            int n = lower.charAt(iua + 10) - '0';
            if (iua + 11 < lower.length() && Character.isDigit(lower.charAt(iua + 11))) {
                n = n * 10 + lower.charAt(iua + 11) - '0';
            }
            if (n > 0 && n < IUA.length) {
                return new String[] {IUA[n], "Sisimai::Rhost::IUA:" + n};
            }
        }
        return null;
    }

    /** "_505", "005_505", "105-104" after the prefix: the three digits that count, or null. */
    private static String franceCode(String s, int i) {
        int n = s.length();
        if (i + 4 <= n && s.charAt(i) == '_' && digits(s, i + 1, 3)) {
            return s.substring(i + 1, i + 4);
        }
        if (i + 7 <= n && digits(s, i, 3) && (s.charAt(i + 3) == '_' || s.charAt(i + 3) == '-') && digits(s, i + 4, 3)) {
            return s.substring(i + 4, i + 7);
        }
        return null;
    }

    private static boolean digits(String s, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (k >= s.length() || !Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return from + count >= s.length() || !Character.isDigit(s.charAt(from + count));
    }

    // ------------------------------------------------------------------ whole-message notices

    /**
     * Wording of a delay notice: delivery is still being retried (Sendmail, Postfix, Exim, Exchange, Gmail
     * warning templates). Such a report is a delay (4.x.x, soft), never a failure.
     */
    static final String[] DELAY_NOTICES = {
        "this is a warning message only", "this is a warning only", "you do not need to resend your message",
        "has not yet been delivered to one or more of its recipients", "no action is required on your part",
        "delivery attempts will continue", "delivery is delayed to these recipients", "delivery has been delayed",
        "the server will keep trying to deliver", "will retry for another", "gmail will retry",
        "message delivery to the following recipients has been delayed", "is delayed for more than",
        "will continue trying to deliver", "still trying to deliver",
    };

    /** Greylisting: a receiver's policy of deferring unknown senders once; transient, nobody's fault. */
    static final String[] GREYLISTING = {"greylisted", "greylisting", "graylisted", "graylisting", "grey-listed",
        "gray-listed", "greylist", "graylist", "postgrey"};

    /**
     * Challenge/response and whitelist challenges: a program asks the sender to prove being human; the mail
     * is not a bounce.
     */
    static final String[] CHALLENGES = {"challenge/response", "challenge-response", "challenge response",
        "verify that you are a real person", "verify you are a real person", "added to my whitelist",
        "add you to my whitelist", "to my list of approved senders", "is being held until you",
        "has been held pending your", "please confirm that you sent", "confirm your message by",
        "click the link below to confirm", "to have your message delivered, please", "boxbe", "spamarrest",
        "mailblocks", "awaiting your confirmation"};

    /**
     * A mailing-list manager refusing a post (FML, Mailman, ezmlm, Google Groups): the list, not a mailbox, said
     * no. Mailman 2's non-member auto-discard notice, ezmlm-store's and ezmlm-issubn's refusal, and Google Groups'
     * notice (Sisimai::Lhost::GoogleGroups) in their own words.
     */
    static final String[] LIST_REFUSALS = {"you are not a member of this mailing list",
        "you are not a member of this list", "post to this list is restricted", "posting to a restricted list",
        "you are not allowed to post to this mailing list", "you are not allowed to post to this list",
        "only members can post", "your message to the list was rejected", "is a members-only list",
        "message has been rejected by the list", "policy is to prohibit non-members from posting",
        "only subscribers may post", "may not have permission to post messages to the group"};

    /** Text that must occur for {@link #byCode} to find anything: lets most replies skip it after one lookup. */
    static final String[] CODE_MARKERS = {"ofr", "lpn", "ouk", " ib0", " ib1", " ib2", " ib3", " ib4", " ib5", " ib6",
        " ib7", "aup#", ".i.ua/err/"};

    /** Every phrase used here; registered in the shared automaton. */
    static List<String> phrases() {
        List<String> out = new ArrayList<>(List.of(CODE_MARKERS));
        for (Rule x : RULES) {
            out.add(x.phrase());
        }
        out.addAll(List.of(DELAY_NOTICES));
        out.addAll(List.of(GREYLISTING));
        out.addAll(List.of(CHALLENGES));
        out.addAll(List.of(LIST_REFUSALS));
        return out;
    }

    private static final class Ids {
        static final int[] RULE_IDS = new int[RULES.size()];
        static final int[] DELAY = ReasonText.idsOf(DELAY_NOTICES);
        static final int[] GREY = ReasonText.idsOf(GREYLISTING);
        static final int[] CHALLENGE = ReasonText.idsOf(CHALLENGES);
        static final int[] LIST = ReasonText.idsOf(LIST_REFUSALS);
        static final int[] CODES = ReasonText.idsOf(CODE_MARKERS);

        /** Per phrase id, the indexes of the rules with that phrase, ascending (null: no rule has it). */
        static final int[][] RULES_OF_PHRASE;

        static {
            int max = -1;
            for (int i = 0; i < RULES.size(); i++) {
                RULE_IDS[i] = ReasonText.idOf(RULES.get(i).phrase());
                max = Math.max(max, RULE_IDS[i]);
            }
            RULES_OF_PHRASE = new int[max + 1][];
            for (int i = 0; i < RULES.size(); i++) {
                int id = RULE_IDS[i];
                if (id >= 0) {
                    int[] old = RULES_OF_PHRASE[id];
                    int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
                    grown[grown.length - 1] = i;
                    RULES_OF_PHRASE[id] = grown;
                }
            }
        }
    }

    /**
     * The first rule whose phrase the scanned text holds and whose receiver matches the hosts, or null. Walks the
     * set bits of the scan (a few) rather than the rules (hundreds); the hosts are built only when a rule with a
     * receiver is hit, the failure's class ('4', '5', or 0 without any code) only when a rule with a class is;
     * {@code ownDomainAfter} tells whether a phrase is followed by the recipient's own domain. With
     * {@code beforeRcpt} (the reply answered a command sent before RCPT TO), rules naming a dead mailbox or domain are
     * passed over: Sisimai applies an MTA's phrases only to the reports that MTA wrote, these tables apply to any
     * report, so they keep Sisimai::SMTP::Command's BeforeRCPT guard as the generic words do.
     */
    static Rule first(long[] hits, java.util.function.Supplier<String> hostsOf,
                      java.util.function.IntSupplier classOf, java.util.function.Supplier<String> statusOf,
                      java.util.function.Predicate<String> ownDomainAfter, boolean beforeRcpt) {
        int best = Integer.MAX_VALUE;
        String hosts = null;
        String status = null;
        int statusClass = -1;
        for (int w = 0; w < hits.length; w++) {
            long bits = hits[w];
            while (bits != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int[] rules = id < Ids.RULES_OF_PHRASE.length ? Ids.RULES_OF_PHRASE[id] : null;
                if (rules == null) {
                    continue;
                }
                for (int i : rules) {
                    if (i >= best) {
                        break;
                    }
                    Rule x = RULES.get(i);
                    if (beforeRcpt && Classifier.namesDeadAddress(Reason.fromId(x.reason()))) {
                        continue;
                    }
                    if (x.statusClass() == OWN_DOMAIN) {
                        if (!ownDomainAfter.test(x.phrase())) {
                            continue;
                        }
                    } else if (x.statusClass() != 0) {
                        if (statusClass < 0) {
                            statusClass = classOf.getAsInt();
                        }
                        if (x.statusClass() == NO_CODE ? statusClass != 0 : x.statusClass() != statusClass) {
                            continue;
                        }
                    }
                    if (x.statuses() != null) {
                        if (status == null) {
                            status = " " + statusOf.get() + " ";
                        }
                        if (!(" " + x.statuses() + " ").contains(status)) {
                            continue;
                        }
                    }
                    if (x.host() != null) {
                        if (hosts == null) {
                            hosts = hostsOf.get();
                        }
                        if (!Receivers.anyDomain(hosts, x.host())) {
                            continue;
                        }
                    }
                    best = i;
                    break;
                }
            }
        }
        return best == Integer.MAX_VALUE ? null : RULES.get(best);
    }

    /** Whether the scanned reply may hold a receiver's error code ({@link #byCode}). */
    static boolean mayHoldCode(long[] hits) {
        return any(hits, Ids.CODES);
    }

    static boolean anyDelayNotice(long[] hits) {
        return any(hits, Ids.DELAY);
    }

    static boolean greylisting(long[] hits) {
        return any(hits, Ids.GREY);
    }

    static boolean challenge(long[] hits) {
        return any(hits, Ids.CHALLENGE);
    }

    static boolean listRefusal(long[] hits) {
        return any(hits, Ids.LIST);
    }

    private static boolean any(long[] hits, int[] ids) {
        for (int id : ids) {
            if (ReasonText.has(hits, id)) {
                return true;
            }
        }
        return false;
    }
}
