package app.rebound.demo;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Verbatim receiver replies per mailbox provider, each with the status code, reply code and the reason,
 * type and fault Sisimai would give it. Placeholders in braces are filled per bounce by {@link #render}.
 * Only replies Rebound treats as recipient faults with a permanent status are hard.
 */
final class ReceiverReplies {
    private ReceiverReplies() {
    }

    /** Who runs the recipient's MX, which decides how its replies read. */
    enum Provider {
        GMAIL, OUTLOOK_COM, EXCHANGE_ONLINE, YAHOO, ICLOUD, MIMECAST, POSTFIX, DEAD_DOMAIN
    }

    /** One reply a receiver gives, with how it classifies. */
    record Reply(Provider provider, String statusCode, Short replyCode, BounceType type, String reason,
            Fault fault, int weight, String text) {
        boolean suppresses() {
            return type == BounceType.HARD && fault == Fault.RECIPIENT;
        }
    }

    private static final Map<Provider, List<Reply>> BY_PROVIDER = new EnumMap<>(Provider.class);
    static final List<Reply> ALL = new ArrayList<>();

    private static void add(Provider p, String status, Integer reply, BounceType type, String reason, Fault fault,
            int weight, String text) {
        Reply r = new Reply(p, status, reply == null ? null : reply.shortValue(), type, reason, fault, weight, text);
        BY_PROVIDER.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
        ALL.add(r);
    }

    private static final BounceType HARD = BounceType.HARD;
    private static final BounceType SOFT = BounceType.SOFT;

    static {
        // Gmail / Google Workspace: multi-line replies unfolded as in a DSN Diagnostic-Code, "<id> - gsmtp".
        add(Provider.GMAIL, "5.1.1", 550, HARD, "userunknown", Fault.RECIPIENT, 34,
                "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the "
                        + "recipient's email address for typos or unnecessary spaces. "
                        + "https://support.google.com/mail/?p=NoSuchUser {gsmtp} - gsmtp");
        add(Provider.GMAIL, "4.2.2", 452, SOFT, "mailboxfull", Fault.RECIPIENT, 14,
                "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to "
                        + "https://support.google.com/mail/?p=OverQuotaTemp {gsmtp} - gsmtp");
        add(Provider.GMAIL, "5.2.2", 552, SOFT, "mailboxfull", Fault.RECIPIENT, 6,
                "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to "
                        + "https://support.google.com/mail/?p=OverQuotaPerm {gsmtp} - gsmtp");
        add(Provider.GMAIL, "5.7.1", 550, SOFT, "spamdetected", Fault.SENDER, 7,
                "550-5.7.1 [{ip}] Our system has detected that this message is likely unsolicited mail. To reduce the "
                        + "amount of spam sent to Gmail, this message has been blocked. For more information, go to "
                        + "https://support.google.com/mail/?p=UnsolicitedMessageError {gsmtp} - gsmtp");
        add(Provider.GMAIL, "5.7.1", 550, SOFT, "policyviolation", Fault.SENDER, 2,
                "550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail "
                        + "that you sent. Please contact your domain administrator for further details. For more "
                        + "information, go to https://support.google.com/a/answer/172179 {gsmtp} - gsmtp");
        add(Provider.GMAIL, "5.7.26", 550, SOFT, "authfailure", Fault.SENDER, 4,
                "550-5.7.26 Unauthenticated email from {fromDomain} is not accepted due to domain's DMARC policy. "
                        + "Please contact the administrator of {fromDomain} domain if this was a legitimate mail. To "
                        + "learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection "
                        + "{gsmtp} - gsmtp");
        add(Provider.GMAIL, "4.7.0", 421, SOFT, "badreputation", Fault.SENDER, 6,
                "421-4.7.0 [{ip}] Our system has detected that this message is suspicious due to the very low "
                        + "reputation of the sending IP address. To protect our users from spam, mail sent from your "
                        + "IP address has been temporarily rate limited. For more information, go to "
                        + "https://support.google.com/mail/?p=UnsolicitedRateLimitError {gsmtp} - gsmtp");
        add(Provider.GMAIL, "4.5.3", 452, SOFT, "systemerror", Fault.SENDER, 3,
                "452-4.5.3 Your message has too many recipients. For more information regarding Google's sending "
                        + "limits, go to https://support.google.com/mail/?p=TooManyRecipientsError {gsmtp} - gsmtp");

        // Outlook.com / Hotmail (consumer): S#### are Microsoft's anti-spam rule ids.
        add(Provider.OUTLOOK_COM, "5.5.0", 550, HARD, "userunknown", Fault.RECIPIENT, 30,
                "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [{olcHost} {isoTime} {msId}]");
        add(Provider.OUTLOOK_COM, "5.7.1", 550, SOFT, "blocked", Fault.SENDER, 8,
                "550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet service "
                        + "provider since part of their network is on our block list (S3150). You can also refer your "
                        + "provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [{olcHost} {isoTime} {msId}]");
        add(Provider.OUTLOOK_COM, "4.7.650", 451, SOFT, "badreputation", Fault.SENDER, 6,
                "451 4.7.650 The mail server [{ip}] has been temporarily rate limited due to IP reputation. For e-mail "
                        + "delivery information, see https://postmaster.live.com (S775) [{olcHost} {isoTime} {msId}]");
        add(Provider.OUTLOOK_COM, "5.2.2", 552, SOFT, "mailboxfull", Fault.RECIPIENT, 5,
                "552 5.2.2 Requested mail action aborted: exceeded storage allocation (S2017062305). "
                        + "[{olcHost} {isoTime} {msId}]");

        // Exchange Online / Microsoft 365 tenants (corporate recipients).
        add(Provider.EXCHANGE_ONLINE, "5.1.10", 550, HARD, "userunknown", Fault.RECIPIENT, 22,
                "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup "
                        + "[{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.1.1", 550, HARD, "userunknown", Fault.RECIPIENT, 8,
                "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found [{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.4.1", 550, HARD, "userunknown", Fault.RECIPIENT, 8,
                "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.2.2", 554, SOFT, "mailboxfull", Fault.RECIPIENT, 4,
                "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; "
                        + "Failed to process message due to a permanent exception with message [BeginDiagnosticData]"
                        + "Cannot open mailbox /o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/"
                        + "cn=Recipients/cn={cn}-{local}. [{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.2.0", 554, SOFT, "filtered", Fault.RECEIVER_SYSTEM, 3,
                "554 5.2.0 STOREDRV.Deliver.Exception:StoragePermanentException.MapiExceptionNoSupport; Failed to "
                        + "process message due to a permanent exception with message [BeginDiagnosticData]Cannot "
                        + "deliver message to mailbox /o=ExchangeLabs/ou=Exchange Administrative Group "
                        + "(FYDIBOHF23SPDLT)/cn=Recipients/cn={cn}-{local}. [{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.7.606", 550, SOFT, "blocked", Fault.SENDER, 3,
                "550 5.7.606 Access denied, banned sending IP [{ip}]. To request removal from this list please visit "
                        + "https://sender.office.com/ and follow the directions. For more information please go to "
                        + "http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [{exoHost} {isoTime} {msId}]");
        add(Provider.EXCHANGE_ONLINE, "5.7.23", 550, SOFT, "authfailure", Fault.SENDER, 3,
                "550 5.7.23 The message was rejected because of Sender Policy Framework violation -> {returnPath}: "
                        + "Sender is not authorized by default to use 'bounces@{returnPath}' in 'mfrom' identity "
                        + "(mechanism '-all' matched) [{exoHost} {isoTime} {msId}]");

        // Yahoo / AOL: enhanced codes often missing (the DSN then says 5.0.0); bracketed tags classify.
        add(Provider.YAHOO, "5.0.0", 554, HARD, "userunknown", Fault.RECIPIENT, 24,
                "554 delivery error: dd This user doesn't have a {domain} account ({rcpt}) [0] - {yahooMta}");
        add(Provider.YAHOO, "4.7.0", 421, SOFT, "badreputation", Fault.SENDER, 10,
                "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints "
                        + "- 4.16.55.1; see https://postmaster.yahooinc.com/error-codes");
        add(Provider.YAHOO, "4.7.1", 421, SOFT, "badreputation", Fault.SENDER, 3,
                "421 4.7.1 [TS03] All messages from {ip} will be permanently deferred; Retrying will NOT succeed. "
                        + "See https://postmaster.yahooinc.com/error-codes");
        add(Provider.YAHOO, "5.7.9", 550, SOFT, "authfailure", Fault.SENDER, 3,
                "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all "
                        + "senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not "
                        + "pass SPF [{returnPath}] with ip: [{ip}] = did not pass For instructions on setting up "
                        + "authentication, go to https://senders.yahooinc.com/smtp-error-codes#unauthenticated-mail");

        // Apple iCloud (inbound filtering by Proofpoint).
        add(Provider.ICLOUD, "5.1.1", 550, HARD, "userunknown", Fault.RECIPIENT, 16,
                "550 5.1.1 <{rcpt}>: inactive email address");
        add(Provider.ICLOUD, "5.2.2", 552, SOFT, "mailboxfull", Fault.RECIPIENT, 8,
                "552 5.2.2 <{rcpt}>: user is over quota");
        add(Provider.ICLOUD, "4.7.1", 421, SOFT, "speeding", Fault.SENDER, 5,
                "421 4.7.1 Messages to {rcpt} deferred due to excessive volume. Try again later - "
                        + "https://support.apple.com/en-us/HT204137");
        add(Provider.ICLOUD, "5.7.1", 550, SOFT, "policyviolation", Fault.SENDER, 3,
                "550 5.7.1 [CS01] Message rejected due to local policy. Please visit "
                        + "https://support.apple.com/en-us/HT204137");

        // Mimecast gateways in front of corporate mailboxes: no enhanced code in the reply.
        add(Provider.MIMECAST, "5.0.0", 550, HARD, "userunknown", Fault.RECIPIENT, 18,
                "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [{mimecastId}]");
        add(Provider.MIMECAST, "5.0.0", 550, SOFT, "badreputation", Fault.SENDER, 4,
                "550 Local CT IP Reputation - (Reject) - https://community.mimecast.com/docs/DOC-1369#550 [{mimecastId}]");
        add(Provider.MIMECAST, "5.0.0", 550, SOFT, "rejected", Fault.SENDER, 3,
                "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 [{mimecastId}]");

        // Small providers, schools and businesses running Postfix (with postgrey) or Exim.
        add(Provider.POSTFIX, "5.1.1", 550, HARD, "userunknown", Fault.RECIPIENT, 22,
                "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table");
        add(Provider.POSTFIX, "5.2.5", 552, SOFT, "suspend", Fault.RECIPIENT, 4,
                "552 5.2.5 <{rcpt}>: Recipient address rejected: this mailbox is disabled and does not accept new "
                        + "messages");
        add(Provider.POSTFIX, "4.3.1", 452, SOFT, "systemfull", Fault.RECEIVER_SYSTEM, 6,
                "452 4.3.1 Insufficient system storage");
        add(Provider.POSTFIX, "4.4.1", null, SOFT, "expired", Fault.NETWORK, 6,
                "connect to mx.{domain}[{rcptIp}]:25: Connection timed out");
        add(Provider.POSTFIX, "4.7.1", 450, SOFT, "blocked", Fault.RECEIVER_SYSTEM, 6,
                "450 4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, see "
                        + "http://postgrey.schweikert.ch/help/{domain}.html");
        add(Provider.POSTFIX, "4.7.0", 421, SOFT, "toomanyconn", Fault.SENDER, 3,
                "421 4.7.0 mx1.{domain} Error: too many connections from [{ip}]");
        add(Provider.POSTFIX, "5.7.1", 554, SOFT, "blocked", Fault.SENDER, 4,
                "554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; "
                        + "https://www.spamhaus.org/query/ip/{ip}");
        add(Provider.POSTFIX, "5.2.0", 550, SOFT, "filtered", Fault.RECIPIENT, 2,
                "550 5.2.0 <{rcpt}>: message rejected by the recipient's mail filter (Sieve: reject)");

        // Mistyped domains: the sending Postfix gives up itself, so there is no remote reply code.
        add(Provider.DEAD_DOMAIN, "5.4.4", null, HARD, "hostunknown", Fault.RECIPIENT, 1,
                "Host or domain name not found. Name service error for name={domain} type=A: Host not found");
    }

    static List<Reply> of(Provider provider) {
        return BY_PROVIDER.get(provider);
    }

    static Reply pick(Provider provider, Random rnd) {
        List<Reply> replies = of(provider);
        int total = replies.stream().mapToInt(Reply::weight).sum();
        int n = rnd.nextInt(total);
        for (Reply r : replies) {
            n -= r.weight();
            if (n < 0) {
                return r;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The reply text for one bounce; every random part comes from {@code rnd}. */
    static String render(Reply reply, Map<String, String> values, Random rnd) {
        String text = reply.text();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            int close = text.indexOf('}', open);
            out.append(text, i, open);
            String key = text.substring(open + 1, close);
            out.append(values.containsKey(key) ? values.get(key) : generated(key, rnd));
            i = close + 1;
        }
        return out.toString();
    }

    private static String generated(String key, Random rnd) {
        return switch (key) {
            case "gsmtp" -> hex(rnd, 13) + "-" + hex(rnd, 11) + "si" + digits(rnd, 7) + "." + digits(rnd, 3);
            case "msId" -> hex(rnd, 16).toUpperCase();
            case "olcHost" -> pickOf(rnd, "AM4PEPF", "DU2PEPF", "VI1EUR05", "CH1PEPF") + hex(rnd, 8).toUpperCase()
                    + "." + pickOf(rnd, "eurprd04", "eurprd05", "namprd04") + ".prod.outlook.com";
            case "exoHost" -> pickOf(rnd, "DB5EUR03FT0", "AM6EUR05FT0", "BN8NAM12FT0", "CO1NAM11FT0")
                    + digits(rnd, 2) + "." + pickOf(rnd, "eop-EUR03", "eop-EUR05", "eop-nam12", "eop-nam11")
                    + ".prod.protection.outlook.com";
            case "cn" -> hex(rnd, 32);
            case "yahooMta" -> "mta" + (1000 + rnd.nextInt(9000)) + ".mail." + pickOf(rnd, "gq1", "bf1", "ne1")
                    + ".yahoo.com";
            case "mimecastId" -> alnum(rnd, 22) + ".uk" + (100 + rnd.nextInt(400));
            case "rcptIp" -> "192.0.2." + (1 + rnd.nextInt(254));
            default -> throw new IllegalArgumentException("no value for {" + key + "}");
        };
    }

    private static String pickOf(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String hex(Random rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    private static String digits(Random rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    private static String alnum(Random rnd, int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return b.toString();
    }
}
