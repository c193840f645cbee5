package app.rebound.engine.internal;

import app.rebound.engine.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lower-case reply-text phrases per reason. The phrase lists follow the public rule set of the Sisimai
 * project (reason/why-*.go, BSD-2) and the receiver documentation summarised in docs/bounce-reference.md;
 * matching is plain substring search ({@code contains}) or ordered fragments, so it is linear in the text.
 */
final class ReasonText {
    private ReasonText() {
    }

    private record Set(String[] index, String[][] pairs, String[] isnot) {
    }

    /** Phrase ids resolved against the shared automaton. */
    private record Ids(int[] index, int[][] pairs, String[][] pairText, int[] isnot) {
    }

    private static final Map<Reason, Set> SETS = new EnumMap<>(Reason.class);
    private static final Map<Reason, Ids> IDS = new EnumMap<>(Reason.class);
    private static final Map<String, Integer> PHRASE_IDS = new HashMap<>();
    private static final List<String> PHRASES = new ArrayList<>();
    private static final Automaton AUTOMATON;

    private static void put(Reason r, String[] index, String[][] pairs) {
        SETS.put(r, new Set(index, pairs, null));
    }

    /** Appends phrases to a reason's index list. */
    private static void more(Reason r, String... phrases) {
        Set old = SETS.get(r);
        String[] index = old.index() == null ? new String[0] : old.index();
        String[] merged = java.util.Arrays.copyOf(index, index.length + phrases.length);
        System.arraycopy(phrases, 0, merged, index.length, phrases.length);
        SETS.put(r, new Set(merged, old.pairs(), old.isnot()));
    }

    /** Appends ordered fragments (all must occur, in this order) to a reason's pair list. */
    private static void morePairs(Reason r, String[]... pairs) {
        Set old = SETS.get(r);
        String[][] have = old.pairs() == null ? new String[0][] : old.pairs();
        String[][] merged = java.util.Arrays.copyOf(have, have.length + pairs.length);
        System.arraycopy(pairs, 0, merged, have.length, pairs.length);
        SETS.put(r, new Set(old.index(), merged, old.isnot()));
    }

    private static int id(String phrase) {
        return PHRASE_IDS.computeIfAbsent(phrase, k -> {
            PHRASES.add(k);
            return PHRASES.size() - 1;
        });
    }

    private static int[] ids(String[] phrases) {
        if (phrases == null) {
            return new int[0];
        }
        int[] out = new int[phrases.length];
        for (int i = 0; i < phrases.length; i++) {
            out[i] = id(phrases[i]);
        }
        return out;
    }

    /** One pass over the text: which of all known phrases occur in it (case-insensitive). */
    static long[] scan(String text) {
        return AUTOMATON.scan(text);
    }

    static boolean matches(Reason r, long[] hits, String text) {
        Ids s = IDS.get(r);
        if (s == null) {
            return false;
        }
        for (int id : s.isnot) {
            if (Automaton.has(hits, id)) {
                return false;
            }
        }
        for (int id : s.index) {
            if (Automaton.has(hits, id)) {
                return true;
            }
        }
        String lower = null;
        outer:
        for (int k = 0; k < s.pairs.length; k++) {
            for (int id : s.pairs[k]) {
                if (!Automaton.has(hits, id)) {
                    continue outer;
                }
            }
            if (lower == null) {
                lower = Text.lower(text);
            }
            if (Text.aligned(lower, s.pairText[k])) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text says any reason's words. */
    static boolean anyReason(String text) {
        if (text.isEmpty()) {
            return false;
        }
        long[] hits = scan(text);
        for (Reason r : IDS.keySet()) {
            if (matches(r, hits, text)) {
                return true;
            }
        }
        return false;
    }

    /** Convenience for callers without a prepared scan. */
    static boolean matches(Reason r, String text) {
        return !text.isEmpty() && matches(r, scan(text), text);
    }

    static boolean has(long[] hits, int id) {
        return id >= 0 && Automaton.has(hits, id);
    }

    /** Ids of registered phrases (-1 for an unknown one). */
    static int[] idsOf(String[] phrases) {
        int[] out = new int[phrases.length];
        for (int i = 0; i < phrases.length; i++) {
            out[i] = idOf(phrases[i]);
        }
        return out;
    }

    /** Id of a registered phrase, or -1. */
    static int idOf(String phrase) {
        Integer i = PHRASE_IDS.get(phrase);
        return i == null ? -1 : i;
    }

    /** Receiver rule: host hint (remote MTA, recipient domain or reporting MTA must contain it; null = any). */
    record Rhost(String host, String text, Reason reason, String label, int id) {
    }

    private static final List<Rhost> RHOST = new ArrayList<>();

    private static void rh(String host, String text, Reason reason, String label) {
        RHOST.add(new Rhost(host, text, reason, label, id(text)));
    }

    static List<Rhost> rhost() {
        return RHOST;
    }

    private static int[] trapIds;

    /** Blocklist / spam-trap signals of docs §9. */
    static boolean trap(long[] hits) {
        for (int id : trapIds) {
            if (Automaton.has(hits, id)) {
                return true;
            }
        }
        return false;
    }

    private static String[] a(String... s) {
        return s;
    }

    private static String[][] p(String[]... s) {
        return s;
    }

    static {
        put(Reason.USERUNKNOWN, a("#5.1.1 bad address", "550 address invalid", "5.1.0 address rejected.",
                "address does not exist", "address not present in directory", "address unknown", "can't accept user",
                "does not exist.", "destination addresses were unknown", "destination server rejected recipients",
                "email address does not exist", "email address could not be found", "invalid address",
                "invalid mailbox", "invalid recipient", "is not a known user", "is not a valid mailbox",
                "is not an active address at this host", "mailbox does not exist", "mailbox invalid",
                "mailbox is inactive", "mailbox is unavailable", "mailbox not present", "mailbox not found",
                "mailbox unavaiable", "nessun utente simile in questo indirizzo", "no account by that name here",
                "no existe dicha persona", "no existe ese usuario ", "no mail box available for this user",
                "no mailbox by that name is currently available", "no mailbox found", "no such address here",
                "no such mailbox", "no such person at this address", "no such recipient", "no such user",
                "no thank you rejected: account unavailable", "no valid recipients, bye", "not a valid recipient",
                "not a valid user here", "not a local address", "not email addresses",
                "recipient address rejected. (in reply to rcpt to command)",
                "recipient address rejected: access denied", "recipient address rejected: invalid user",
                "recipient address rejected: invalid-recipient", "recipient address rejected: unknown user",
                "recipient address rejected: userunknown", "recipient does not exist", "recipient is not accepted",
                "recipient is not local", "recipient not exist", "recipient not found", "recipient not ok",
                "recipient refuses to accept your mail", "recipient unknown",
                "requested action not taken: mailbox unavailable", "resolver.adr.recipient notfound",
                "resolver.adr.recipientnotfound", "resolver.adr.exrecipnotfound", "sorry, user unknown",
                "sorry, badrcptto", "sorry, no mailbox here by that name",
                "sorry, your envelope recipient has been denied",
                "that domain or user isn't in my list of allowed rcpthosts",
                "the email account that you tried to reach does not exist",
                "the following recipients was undeliverable", "the user's email name is not found",
                "there is no one at this address", "this address no longer accepts mail",
                "this email address is wrong or no longer valid", "this recipient is in my badrecipientto list",
                "this recipient is not in my validrcptto list", "this spectator does not exist", "unknown mailbox",
                "unknown recipient", "unknown user", "user does not exist", "user missing home directory",
                "user not active", "user not exist", "user not found", "user not known", "user unknown",
                "utilisateur inconnu !", "vdeliver: invalid or unknown virtual user",
                "weil die adresse nicht gefunden wurde oder keine e-mails empfangen kann",
                "your envelope recipient is in my badrcptto list", "inactive email address",
                "unknown or illegal alias", "no such local user"),
                p(a("<", "> not found"), a("<", ">... blocked by "), a("account ", " does not exist at the organization"),
                        a("bad", "recipient"), a("mailbox ", "does not exist"),
                        a("mailbox ", "unavailable or access denied"), a("no ", " in name directory"),
                        a("non", "existent user"), a("rcpt <", " does not exist"), a("rcpt (", "t exist "),
                        a("recipient ", " was not found in"), a("recipient address rejected: user ", " does not exist"),
                        a("recipient address rejected: user unknown in ", " table"),
                        a("said: 550", "5.1.1 ", " user unknown "), a("this user doesn't have a ", " account"),
                        a("unknown e", "mail address"), a("unknown local", "part"), a("user ", " was not found"),
                        a("user ", " does not exist"), a("user (", ") unknown")));
        put(Reason.MAILBOXFULL, a("452 insufficient disk space", "account disabled temporarly for exceeding receiving limits",
                "boite du destinataire pleine", "exceeded storage allocation", "full mailbox",
                "mailbox exceeds allowed size", "mailbox size limit exceeded",
                "mailbox would exceed maximum allowed storage", "mailfolder is full", "no space left on device",
                "not sufficient disk space", "quota violation for", "too much mail data",
                "user has exceeded quota, bouncing mail", "user has too many messages on the server",
                "user's space has been used up", "out of storage space", "over quota", "overquota",
                "insufficient storage", "mailbox is full", "mailbox full"),
                p(a("account is ", " quota"), a("disk", "quota"), a("enough ", " space"),
                        a("mailbox ", "exceeded", " limit"), a("mailbox ", "full"), a("mailbox ", "quota"),
                        a("maildir ", "quota"), a("over ", "quota"), a("quota ", "exceeded")));
        put(Reason.MESGTOOBIG, a("exceeded maximum inbound message size", "line limit exceeded",
                "max message size exceeded", "message file too big", "message length exceeds administrative limit",
                "message size exceeds fixed limit", "message size exceeds fixed maximum message size",
                "message size exceeds maximum value", "message too big", "message too large for this ",
                "size limit", "taille limite du message atteinte", "maximum email size exceeded",
                "exceeded google's message size limits", "message size exceeds", "message is too big",
                "message is too large"),
                p(a("message of ", " bytes exceeds"), a("size ", " exceeds ", " limit")));
        put(Reason.EXCEEDLIMIT, a("message header size exceeds limit", "message too large",
                "exceeds the size limit", "message exceeds maximum size"), null);
        put(Reason.SUSPEND, a(" is currently suspended", " temporary locked", "archived recipient",
                "boite du destinataire archivee", "email account that you tried to reach is disabled",
                "has been suspended", "inactive account", "invalid/inactive user", "is a deactivated mailbox",
                "is unavailable: user is terminated", "mailbox currently suspended", "mailbox disabled",
                "mailbox is frozen", "mailbox unavailable or access denied",
                "recipient rejected: temporarily inactive", "recipient suspend the service",
                "the email account that you tried to reach is inactive",
                "this account has been disabled or discontinued", "this account has been temporarily suspended",
                "this address no longer accepts mail", "this mailbox is disabled", "user or domain is disabled",
                "user suspended", "vdelivermail: account is locked email bounced", "account is disabled",
                "account has been disabled", "account disabled", "is no longer valid", "account suspended",
                "account is suspended", "mailbox suspended", "mailbox is suspended", "mailbox is disabled",
                "mailbox has been disabled", "account is inactive", "mailbox is inactive"), null);
        put(Reason.HASMOVED, a(" has been replaced by ", "recipient no longer on server", "address has moved"),
                null);
        put(Reason.NORELAYING, a("as a relay", "email address is not verified.", "insecure mail relay",
                "is not permitted to relay through this server without authentication",
                "mail server requires authentication when attempting to send to a non-local e-mail address",
                "no relaying", "not a gateway", "not allowed to relay through this machine",
                "not an open relay, so get lost", "not local host", "relay access denied", "relay denied",
                "relay not permitted", "relaying denied", "relaying mail to ", "specified domain is not allowed",
                "that domain isn't in my list of allowed rcpthost", "this system is not configured to relay mail",
                "unable to relay ", "we don't handle mail for", "unable to relay"), null);
        put(Reason.AUTHFAILURE, a("//spf.pobox.com", "bad spf records for", "dmarc policy",
                "doesn't meet the required authentication level", "please inspect your spf settings",
                "sender policy framework (spf) fail", "sender policy framework violation",
                "spf (sender policy framework) domain authentication fail", "spf check: fail",
                "the 5322.from address doesn't meet the authentication requirements defined for the sender",
                "does not pass dmarc", "dmarc verification", "sender is unauthenticated",
                "must authenticate with", "requires all senders to authenticate", "dkim signature",
                "failing both spf and dkim", "spf validation failed", "dkim validation failed",
                "message is unauthenticated", "mail is unauthenticated", "dmarc sender invalid",
                "spf sender invalid", "dkim sender invalid", "authentication checks"),
                p(a(" is not allowed to send mail.", "_401"), a("is not allowed to send from <", " per it's spf record")));
        put(Reason.FILTERED, a("account is protected by", "bounced address", "has restricted sms e-mail",
                "is not accepting any mail", "message filtered", "message rejected due to user rules",
                "not found recipient account", "recipient id refuse to receive mail",
                "recipient is only accepting mail from specific email addresses",
                "refused due to recipient preferences", "user not found", "user refuses to receive this mail",
                "user reject", "you have been blocked by the recipient"), null);
        put(Reason.REQUIREPTR, a("access denied. ip name lookup failed",
                "all mail servers must have a ptr record with a valid reverse dns entry",
                "bad dns ptr resource record", "cannot find your hostname", "cannot resolve your address.",
                "client host rejected: cannot find your hostname", "fix reverse dns for ",
                "ips with missing ptr records", "no ptr record found.",
                "please get a custom reverse dns name from your isp for your host", "ptr record setup",
                "reverse dns failed", "reverse dns required", "sender ip reverse lookup rejected",
                "the ip address sending this message does not have a ptr record setup",
                "the corresponding forward dns entry does not point to the sending ip",
                "this system will not accept messages from servers/devices with no reverse dns",
                "unresolvable relay host name",
                "we do not accept mail from hosts with dynamic ip or generic dns ptr-records",
                "does not have a ptr record", "no ptr record", "reverse dns lookup"),
                p(a("domain ", " mismatches client ip"), a("dns lookup failure: ", " try again later"),
                        a("reverse dns lookup for host ", " failed permanently"),
                        a("server access ", " forbidden by invalid rdns record of your mail server"),
                        a("service permits ", " unverifyable sending ips")));
        put(Reason.NOTCOMPLIANTRFC, a("duplicate header", "this message is not rfc 5322 compliant",
                "https://support.google.com/mail/?p=rfcmessagenoncompliant", "not rfc 5322 compliant",
                "missing a valid message-id"),
                p(a(" multiple ", " header")));
        put(Reason.BADREPUTATION, a("a poor email reputation score",
                "has been temporarily rate limited due to ip reputation", "ip/domain reputation problems",
                "likely suspicious due to the very low reputation", "none/bad reputation",
                "poor reputation", "low reputation", "ip reputation", "reputation - (reject)"), null);
        put(Reason.CONTENTERROR, a("header size exceeds maximum permitted", "improper use of 8-bit data in message header",
                "message header size, or recipient list, exceeds policy limit", "message mime complexity exceeds the policy maximum",
                "routing loop detected -- too many received: headers", "this message contain invalid mime headers",
                "this message contain improperly-formatted binary content",
                "this message contain text that uses unnecessary base64 encoding",
                "illegal characters in header", "invalid mime", "malformed mime"), null);
        put(Reason.REJECTED, a("access denied (in reply to mail from command)", "access denied (sender blacklisted)",
                "address rejected", "administrative prohibition", "batv failed to verify",
                "batv validation failure",
                "backscatter protection detected an invalid or expired email address",
                "because the sender isn't on the recipient's list of senders to accept mail from",
                "bogus mail from", "can't determine purported responsible address",
                "connections not accepted from servers without a valid sender domain", "denied [bouncedeny]",
                "denied by secumail valid-address-filter", "delivery not authorized, message refused",
                "does not exist e2110", "domain of sender address ", "email address is on senderfilterconfig list",
                "emetteur invalide", "empty envelope senders not allowed", "envelope blocked - ",
                "error: no third-party dsns", "from: domain is invalid. please provide a valid from:",
                "fully qualified email address required", "invalid domain, see <url:", "invalid sender",
                "is not a registered gateway user", "mail from not owned by user",
                "message rejected: email address is not verified", "mx records for ", "null sender is not allowed",
                "recipient addresses rejected : access denied", "recipient not accepted. (batv: no tag",
                "returned mail not accepted here", "rfc 1035 violation: recursive cname records for",
                "rule imposed mailbox access for", "sending this from a different address or alias using the ",
                "sender address has been blacklisted", "sender email address rejected", "sender is in my black list",
                "sender is spammer", "sender not pre-approved", "sender rejected", "sender domain is empty",
                "sender verify failed", "sender was rejected", "spam reporting address",
                "syntax error: empty email address", "the message has been rejected by batv defense",
                "this server does not accept mail from", "transaction failed unsigned dsn for",
                "unroutable sender address", "you are not allowed to post to this mailing list",
                "you are sending to/from an address that has been blacklisted",
                "your access to submit messages to this e-mail system has been rejected",
                "your email address has been blacklisted", "sender address rejected",
                "rejected by header-based blocked senders", "unresolvable rfc.5321 from domain"), null);
        SETS.put(Reason.REJECTED, new Set(SETS.get(Reason.REJECTED).index(), null,
                a("5.1.0 address rejected", "recipient address rejected", "sender ip address rejected")));
        put(Reason.HOSTUNKNOWN, a("domain does not exist", "domain is not reachable", "domain must exist",
                "host or domain name not found", "host unknown", "host unreachable",
                "mail domain mentioned in email address is unknown", "name or service not known", "no such domain",
                "recipient address rejected: unknown domain name", "recipient domain must exist",
                "the account or domain may not exist", "unknown host", "unroutable address", "unrouteable address",
                "domain not found", "unknown domain"),
                p(a("553 ", " does not exist")));
        // "Host unknown" inside a protocol-error report names a relay the reporting MTA could not talk to
        SETS.put(Reason.HOSTUNKNOWN, new Set(SETS.get(Reason.HOSTUNKNOWN).index(), SETS.get(Reason.HOSTUNKNOWN).pairs(),
                a("protocol error")));
        put(Reason.SPAMDETECTED, a(" - spam", "//www.spamhaus.org/help/help_spam_16.htm", "//dsbl.org/help/help_spam_16.htm",
                "//mail.163.com/help/help_spam_16.htm", "554 5.7.0 reject, id=", "appears to be unsolicited",
                "blacklisted url in message", "block for spam", "blocked by policy: no spam please",
                "blocked by spamassassin", "blocked for abuse. see http://att.net/blocks",
                "cannot be forwarded because it was detected as spam",
                "considered unsolicited bulk e-mail (spam) by our mail filters", "content filter rejection",
                "cyberoam anti spam engine has identified this email as a bulk email", "denied due to spam list",
                "high probability of spam", "is classified as spam and is rejected", "listed in work.drbl.imedia.ru",
                "the mail server detected your message as spam and has prevented delivery.",
                "mail appears to be unsolicited", "mail content denied", "may consider spam",
                "message considered as spam or virus", "message contains spam or virus", "message content rejected",
                "message detected as spam", "message filtered", "message looks like spam",
                "message is being rejected as it seems to be a spam", "message refused by mailmarshal spamprofiler",
                "message refused by trustwave seg spamprofiler", "message rejected as spam",
                "message rejected because of unacceptable content", "message rejected due to suspected spam content",
                "message rejected for policy reasons", "message was rejected for possible spam/virus content",
                "our email server thinks this email is spam", "our system has detected that this message is ",
                "probable spam", "reject bulk.advertising", "rejected: spamassassin score ", "rejected - bulk email",
                "rejecting banned content", "rejecting mail content", "related to content with spam-like characteristics",
                "sender domain listed at ", "sending address not accepted due to spam filter", "spam blocked",
                "spam check", "spam content matched", "spam detected", "spam email", "spam email not accepted",
                "spam message rejected.", "spam not accepted", "spam refused", "spam rejection", "spam score ",
                "spambouncer identified spam", "spamming not allowed", "too many spam complaints", "too much spam.",
                "the email message was detected as spam", "the message has been rejected by spam filtering engine",
                "the message was rejected due to classification as bulk mail",
                "the content of this message looked like spam", "this message appears to be spam",
                "this message has been identified as spam", "this message has been scored as spam with a probability",
                "this message was classified as spam", "this message was rejected by recurrent pattern detection system",
                "transaction failed spam message not queued", "we dont accept spam",
                "your email appears similar to spam we have received before", "your email breaches local uribl policy",
                "your email had spam-like ", "your email is considered spam", "your email is probably spam",
                "your email was detected as spam", "your message as spam and has prevented delivery",
                "your message has been temporarily blocked by our filter",
                "your message has been rejected because it appears to be spam", "your message has triggered a spam block",
                "your message may contain the spam contents", "your message failed several antispam checks",
                "likely unsolicited mail", "nature of the content"),
                p(a("mail score (", " over "), a("mail rejete. mail rejected. ", "506"),
                        a("our filters rate at and above ", " percent probability of being spam"), a("rejected by ", " (spam)"),
                        a("rejected due to spam ", "classification"), a("rejected due to spam ", "content"),
                        a("rule imposed as ", " is blacklisted on"), a("spam ", " exceeded"),
                        a("this message scored ", " spam points")));
        put(Reason.SPEEDING, a("please try again slower", "receiving mail at a rate that prevents additional messages from being delivered",
                "receiving mail too quickly", "throttling failure: ", "deferred due to excessive volume",
                "has exceeded the max emails per hour ", "tenant has exceeded threshold", "sending too fast",
                "too many messages", "sent to too many recipients this hour"),
                p(a("temporarily", "rate limited")));
        put(Reason.TOOMANYCONN, a("all available ips are at maximum connection limit", "connection rate limit exceeded",
                "exceeds per-domain connection limit for", "throttling failure: daily message quota exceeded",
                "throttling failure: maximum sending rate exceeded", "too many connections",
                "too many concurrent smtp connections", "too many errors from your ip", "too many recipients",
                "too many smtp sessions for this host", "trop de connexions, ",
                "we have already made numerous attempts to deliver this message",
                "max message per connection reached", "too many sessions", "connection frequency limited"),
                p(a("too many con", "s"), a("too many ", "session")));
        put(Reason.BLOCKED, a(" said: 550 blocked", "//www.spamcop.net/bl.", "bad sender ip address", "banned sending ip",
                "blacklisted by", "blocked using ", "blocked - see http", "dnsbl:attrbl",
                "client host rejected: abus detecte gu_eib_02", "client host rejected: abus detecte gu_eib_04",
                "client host rejected: may not be mail exchanger", "client host rejected: was not authenticated",
                "confirm this mail server", "connection dropped", "connection refused by", "connection reset by peer",
                "connection was dropped by remote host", "connections not accepted from ip addresses on spamhaus xbl",
                "currently sending spam see: ", "domain does not exist:", "dynamic/zombied/spam ips blocked",
                "error: no valid recipients from ", "esmtp not accepting connections", "extreme bad ip profile",
                "go away", "helo command rejected:", "host network not allowed", "hosts with dynamic ip",
                "invalid ip for sending mail of domain", "is in a black list", "is not allowed to send mail from",
                "mailfrom domain is listed in spamhaus", "no access from mail server", "no matches to nameserver query",
                "not currently accepting mail from your ip", "part of their network is on our block list",
                "please use the smtp server of your isp", "refused - see http", "rejected - multi-blacklist",
                "rejected because the sending mta or the sender has not passed validation", "rejecting open proxy",
                "sender ip address rejected", "server access forbidden by your ip ",
                "service not available, closing transmission channel",
                "smtp error from remote mail server after initial connection:",
                "sorry, that domain isn't in my list of allowed rcpthosts",
                "sorry, your remotehost looks suspiciously like spammer",
                "temporarily deferred due to unexpected volume or user complaints",
                "to submit messages to this e-mail system has been rejected", "too many spams from your ip",
                "too many unwanted messages have been sent from the following ip address above", "was blocked by ",
                "we do not accept mail from dynamic ips", "you are not allowed to connect", "you are sending spam",
                "your ip address is listed in the rbl", "your network is temporary blacklisted",
                "your server requires confirmation", "on our block list", "ip temporarily blacklisted",
                "listed by pbl", "spamhaus", "barracudacentral", "barracuda reputation", "csi.cloudmark.com",
                "dnsbl-lookup.cgi", "ipcheck.proofpoint.com", "unusual rate of unsolicited mail", "access denied, banned sender"),
                p(a("(", "@", ":blocked)"), a("access from ip address ", " blocked"), a("client host ", " blocked using"),
                        a("connections will not be accepted from ", " because the ip is in spamhaus's list"),
                        a("dnsbl:rbl ", ">_is_blocked"), a("email blocked by ", ".barracudacentral.org"),
                        a("email blocked by ", "spamhaus"), a("host ", " refused to talk to me: ", " blocked"),
                        a("ip ", " is blocked by earthlink"), a("is in an ", "rbl on "), a("mail server at ", " is blocked"),
                        a("mail from ", " refused:"), a("mail from ", " refused, see ", "orbs"),
                        a("message from ", " rejected based on blacklist"),
                        a("messages from ", " temporarily deferred due to user complaints"),
                        a("server ip ", " listed as abusive"), a("sorry! your ip address", " is blocked by rbl"),
                        a("the domain ", " is blacklisted"), a("the email ", " is blacklisted"), a("the ip", " is blacklisted"),
                        a("your access ip", " has been rejected"), a("your sender's ip address is listed at ", ".abuseat.org")));
        put(Reason.VIRUSDETECTED, a("it has a potentially executable attachment", "message was rejected because it contains a virus",
                "the message was rejected because it contains prohibited virus or spam content",
                "this form of attachment has been used by recent viruses or other malware",
                "virus detected", "virus found", "your message was infected with a virus", "message contains a virus",
                "contains a virus", "infected with"),
                null);
        put(Reason.POLICYVIOLATION, a("an illegal attachment on your message", "because the recipient is not accepting mail with ",
                "by non-member to a members-only list", "closed mailing list", "denied by policy",
                "email not accepted for policy reasons", "email rejected due to security policies", "header are not accepted",
                "header error", "local policy violation", "message bounced due to organizational settings",
                "message given low priority", "message not accepted for policy reasons", "message rejected due to local policy",
                "messages with multiple addresses", "rejected for policy reasons", "protocol violation",
                "the email address used to send your message is not subscribed to this group",
                "the message was rejected by organization policy",
                "this message was blocked because its content presents a potential",
                "we do not accept messages containing images or other attachments", "you're using a mass mailer",
                "anti-spoofing policy", "content examination policy", "has a policy that prohibited the mail"),
                p(a("you have exceeded the", "allowable number of posts without solving a captcha")));
        put(Reason.SYSTEMERROR, a("aliasing/forwarding loop broken", "can't create user output file", "could not load drd for domain",
                "internal error reading data", "internal server error: operation now in progress", "interrupted system call",
                "it encountered an error while being processed", "it would create a mail loop", "local configuration error",
                "local error in processing", "loop was found in the mail exchanger", "loops back to myself",
                "mail system configuration error", "queue file write error", "recipient deferred because there is no mdb",
                "remote server is misconfigured", "server configuration error", "service currently unavailable",
                "system config error", "temporary local problem", "timeout waiting for input", "transaction failed "),
                p(a("unable to connect ", "daemon")));
        put(Reason.NETWORKERROR, a("could not connect and send the mail to", "dns records for the destination computer could not be found",
                "hop count exceeded - possible mail loop", "host is unreachable", "host name lookup failure",
                "host not found, try again", "mail forwarding loop for ", "malformed name server reply",
                "malformed or unexpected name server reply", "maximum forwarding loop count exceeded", "message looping",
                "message probably in a routing loop", "no route to host", "too many hops", "unable to resolve route ",
                "dns error: ", "dns type 'mx' lookup"), null);
        put(Reason.SYSTEMFULL, a("mail system full", "requested mail action aborted: exceeded storage allocation",
                "insufficient system storage", "system storage"), null);
        put(Reason.NOTACCEPT, a("does not accept mail (nullmx)", "host/domain does not accept mail", "host does not accept mail",
                "mail receiving disabled", "name server: .: host not found", "no mx record found for domain=",
                "no route for current request", "smtp protocol returned a permanent error", "null mx",
                "does not accept mail"), null);
        put(Reason.EXPIRED, a("connection timed out", "could not find a gateway for", "delivery attempts will continue to be",
                "delivery expired", "delivery time expired", "failed to deliver to domain ", "giving up on",
                "have been failing for a long time", "has been delayed", "it has not been collected after",
                "message expired after sitting in queue for", "message expired, cannot connect to remote server",
                "message expired, connection refulsed", "message timed out",
                "retry time not reached for any host after a long failure period", "server did not respond",
                "this message has been in the queue too long", "unable to deliver message after multiple retries",
                "was not reachable within the allowed queue period", "your message could not be delivered for more than",
                "retry timeout exceeded", "message expired", "envelope expired"),
                p(a("could not be delivered for", " days"), a("not delivered within", " days"),
                        a("delivery failed ", " attempts"),
                        a("did not accept our requests to connect")));
        put(Reason.FAILEDSTARTTLS, a("starttls is required to send mail", "tls required but not supported",
                "must use tls", "requires encryption", "requires tls", "this route requires encryption",
                "must issue a starttls command first", "tls is required", "encryption required",
                "does not support tls", "starttls failed", "tls negotiation failed"), null);
        put(Reason.SECURITYERROR, a("account not subscribed to ses", "authentication credentials invalid", "authentication failure",
                "authentication required", "authentication turned on in your email client",
                "executable files are not allowed in compressed files", "insecure mail relay",
                "recipient address rejected: access denied",
                "sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts",
                "unauthenticated senders not allowed", "verification failure",
                "you are not authorized to send mail, authentication is required"),
                p(a("authentication failed; server ", " said: "), a("authentification invalide", "305"),
                        a("authentification requise", "402"), a("domain ", " is a dead domain"),
                        a("user ", " is not authorized to perform ses:sendrawemail on resource")));
        put(Reason.SUPPRESSED, a("address is on the suppression list", "on account suppression list",
                "suppressed by", "is on the suppression list", "on our suppression list"), null);
        put(Reason.MAILERERROR, a("x-unix; ", "command failed: ", "exit code", "pipe to |", "procmail: ",
                "bin/procmail", "mailer error", "local delivery failed", "unknown mailer error", "command died with status",
                "uncaught signal"), null);
        put(Reason.SYNTAXERROR, a("syntax error", "command unrecognized", "unrecognized command",
                "line too long", "bad command sequence", "command not recognized"), null);
        put(Reason.VACATION, a("i am away on vacation", "i am away until", "i am out of the office",
                "i will be traveling for work on", "out of the office", "out of office"), null);
        // Phrases of Sisimai's Reason index lists (lib/Sisimai/Reason/*.pm) that the lists above did not hold yet
        more(Reason.MESGTOOBIG, "mail file size exceeds the maximum size allowed for mail delivery");
        more(Reason.VIRUSDETECTED, "virus phishing/malicious_url detected");
        more(Reason.MAILERERROR, " || exit ", "bin/maidrop", "command output:");
        more(Reason.SPAMDETECTED, "rejected due to spam classification", "rejected due to spam content",
                "rejected due to spam url in classification",
                "this e-mail cannot be forwarded because it was detected as spam",
                "this mail is classified as spam and is rejected");
        // Sisimai v5 (go-sisimai reason/why-emailtoolarge.go, why-ratelimited.go; 2025-2026) phrases that the
        // p5/rb lists above did not hold: EmailTooLarge is MesgTooBig here; RateLimited is split into Speeding (a
        // sending rate) and TooManyConn (connections, sessions). Its pair "connection " ... "limit" is not taken: it
        // would read "Connection timed out; retry limit not reached" as a connection limit.
        more(Reason.MESGTOOBIG, "exceeded the maximum incoming message size");
        morePairs(Reason.SPEEDING, a("throttled ", "postmaster.comcast.net"));
        RhostRules.register(ReasonText::rh);
        for (String[] c : Signals.COMMANDS) {
            id(c[0]);
        }
        for (String p : Vendors.phrases()) {
            id(p);
        }
        for (String p : MtaRules.phrases()) {
            id(p);
        }
        for (String p : LocalAgents.phrases()) {
            id(p);
        }
        for (String p : Signals.BOUNCE_BODY) {
            id(p);
        }
        trapIds = ids(new String[] {"spamhaus", "spamcop", "abuseat.org", "barracudacentral",
            "barracuda reputation", "cloudmark", "proofpoint.com/dnsbl", "dnsbl-lookup.cgi", "ipcheck.proofpoint",
            "on our block list", "banned sending ip", "blocked using ", "is in a black list", "blacklisted",
            "blocklisted", "spam trap", "spamtrap", "[tss04]", "[tss05]", "user complaints", "dnsbl", " rbl",
            "(s3150)", "(s3140)", "uceprotect", "sorbs.net", "invaluement", "surbl"});
        for (Map.Entry<Reason, Set> e : SETS.entrySet()) {
            Set st = e.getValue();
            String[][] pairs = st.pairs() == null ? new String[0][] : st.pairs();
            int[][] pairIds = new int[pairs.length][];
            for (int i = 0; i < pairs.length; i++) {
                pairIds[i] = ids(pairs[i]);
            }
            IDS.put(e.getKey(), new Ids(ids(st.index()), pairIds, pairs, ids(st.isnot())));
        }
        AUTOMATON = new Automaton(PHRASES);
    }
}
