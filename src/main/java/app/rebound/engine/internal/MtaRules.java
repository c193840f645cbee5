package app.rebound.engine.internal;

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

    /** One phrase rule. */
    record Rule(String origin, String host, String phrase, String reason) {
    }

    private static Rule r(String origin, String host, String phrase, String reason) {
        return new Rule(origin, host, phrase, reason);
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
            // Exim: "Unrouteable mail domain" is a domain that does not route anywhere: dead, not a network error
            r("Exim (deliver.c)", null, "unrouteable mail domain", "hostunknown"),
            // au by KDDI (ezweb.ne.jp, au.com)
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is temporarily over quota", "mailboxfull"),
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is disabled.", "suspend"),
            r("Sisimai::Lhost::EZweb", null, "the user(s) account is temporarily limited.", "suspend"),
            r("Sisimai::Lhost::EZweb", null, "your message was not delivered within ", "expired"),
            r("Sisimai::Rhost::KDDI", "au.com ezweb.ne.jp", "550 : user unknown", "filtered"),
            r("Sisimai::Rhost::KDDI", "au.com ezweb.ne.jp", ">: user unknown", "userunknown"),
            // OpenSMTPD (smtpd/mta.c messages)
            r("OpenSMTPD (mta.c)", null, "network error on destination mxs", "networkerror"),
            r("OpenSMTPD (mta.c)", null, "no mx found for domain", "hostunknown"),
            r("OpenSMTPD (mta.c)", null, "no valid route to remote mx", "networkerror"),
            r("OpenSMTPD (mta.c)", null, "destination seem to reject all mails", "blocked"),
            r("OpenSMTPD (mta.c)", null, "could not retrieve credentials", "securityerror"),
            r("OpenSMTPD (mta.c)", null, "loop detected", "networkerror"),
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
            // A mailbox that exists and refuses by its owner's choice: a filter, never a dead address
            r("receivers' filter replies", null, "refused due to recipient preferences", "filtered"),
            r("receivers' filter replies", null, "recipient is only accepting mail from specific", "filtered"),
            r("receivers' filter replies", null, "you have been blocked by the recipient", "filtered"),
            // The message size, said in words
            r("receivers' size replies", null, "exceeded the maximum size", "mesgtoobig"),
            r("receivers' size replies", null, "exceeds the maximum size", "mesgtoobig"),
            r("receivers' size replies", null, "maximum message size exceeded", "mesgtoobig"),
            r("receivers' size replies", null, "message size exceeds fixed maximum", "mesgtoobig"));

    /** Orange / Wanadoo / La Poste reply codes (LPN105_104, OFR004_201, OUK_513): the last three digits. */
    private static final String[][] FRANCE_PTT = {
        {"102", "blocked"}, {"103", "blocked"}, {"104", "toomanyconn"}, {"305", "securityerror"}, {"401", "blocked"},
        {"402", "securityerror"}, {"403", "rejected"}, {"405", "rejected"}, {"415", "rejected"},
        {"416", "userunknown"}, {"417", "mailboxfull"}, {"418", "userunknown"}, {"420", "suspend"},
        {"421", "rejected"}, {"426", "suspend"}, {"505", "systemerror"}, {"506", "spamdetected"}, {"510", "blocked"},
        {"514", "mesgtoobig"}, {"999", "blocked"},
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

    /** i.ua error pages (mail.i.ua/err/N). */
    private static final String[] IUA = {null, "norelaying", "userunknown", "suspend", "mailboxfull", "toomanyconn",
        "norelaying", "blocked", "rejected", "blocked", "filtered"};

    /**
     * The reason a receiver's own error code in the reply names, as {reason, rule id}, or null. Looks for
     * Orange/La Poste codes ({@code OFR005_505}), GoDaddy's {@code IBnnn} and i.ua's {@code /err/N} links.
     */
    static String[] byCode(String lower) {
        for (String prefix : new String[] {"ofr", "lpn", "ouk"}) {
            int i = lower.indexOf(prefix);
            while (i >= 0) {
                String code = franceCode(lower, i + 3);
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

    /** A mailing-list manager refusing a post (FML, Mailman, ezmlm): the list, not a mailbox, said no. */
    static final String[] LIST_REFUSALS = {"you are not a member of this mailing list",
        "you are not a member of this list", "post to this list is restricted", "posting to a restricted list",
        "you are not allowed to post to this mailing list", "you are not allowed to post to this list",
        "only members can post", "your message to the list was rejected", "is a members-only list",
        "message has been rejected by the list"};

    /** Every phrase used here; registered in the shared automaton. */
    static List<String> phrases() {
        List<String> out = new ArrayList<>();
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

        static {
            for (int i = 0; i < RULES.size(); i++) {
                RULE_IDS[i] = ReasonText.idOf(RULES.get(i).phrase());
            }
        }
    }

    /** The first rule whose phrase the scanned text holds and whose receiver matches the hosts, or null. */
    static Rule first(long[] hits, String hosts) {
        for (int i = 0; i < Ids.RULE_IDS.length; i++) {
            if (ReasonText.has(hits, Ids.RULE_IDS[i])) {
                Rule x = RULES.get(i);
                if (x.host() == null || Receivers.anyDomain(hosts, x.host())) {
                    return x;
                }
            }
        }
        return null;
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
