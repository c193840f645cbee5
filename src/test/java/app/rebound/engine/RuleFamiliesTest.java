package app.rebound.engine;

import static app.rebound.engine.Reports.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One hand-written report per rule family added from MTA templates and Sisimai's per-MTA and per-receiver rules:
 * written in each MTA's format, with addresses and wording of our own (none of them is a corpus mail).
 */
class RuleFamiliesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    private static byte[] text(String headers, String body) {
        return Mails.plain("Return-Path: <>\n" + headers + "\nDate: Mon, 30 Nov 2026 11:00:00 +0000", body);
    }

    /** Exim's permanent-failure report from {@code host}: the failed addresses' block, then the copied original. */
    private static byte[] eximReport(String host, String failed, String original) {
        return text("""
                From: Mail Delivery System <Mailer-Daemon@%s>
                To: news@shop.example
                Subject: Mail delivery failed: returning message to sender""".formatted(host), """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                %s
                ------ This is a copy of the message, including all the headers. ------

                %s""".formatted(failed, original));
    }

    /** The reason expected, and the address kept: a reply of this kind never flips a subscriber. */
    private static void assertKeptWith(Reason expected, RecipientResult r) {
        assertEquals(expected, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    /** The one recipient of a Postfix-style DSN reporting a permanent failure with these fields. */
    private RecipientResult postfixFailure(String rcpt, String status, String remoteMta, String diagnostic) {
        return only(Mails.dsn("MAILER-DAEMON@out.shop.example", "Undelivered Mail Returned to Sender",
                "This is the mail system at host out.shop.example.", rcpt, "failed", status, remoteMta, diagnostic));
    }

    /** Sendmail's "Returned mail" report from {@code host}: the failed addresses, then the session transcript. */
    private static byte[] sendmailReport(String host, String body) {
        return text("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@%s>
                To: news@shop.example
                Subject: Returned mail: see transcript for details""".formatted(host), body);
    }

    /** Sendmail's report of one permanent failure from mail.handel.example.se, with the session's transcript. */
    private static byte[] sendmailFailure(String rcpt, String reason, String peer, String transcript) {
        return sendmailReport("mail.handel.example.se", """
                   ----- The following addresses had permanent fatal errors -----
                <%s>
                    (reason: %s)

                   ----- Transcript of session follows -----
                ... while talking to %s.:
                %s
                """.formatted(rcpt, reason, peer, transcript.strip()));
    }

    private RecipientResult reply(String remoteMta, String diagnostic) {
        return analyzer.classifyReply("someone@example.net", "failed", null, 0, diagnostic, remoteMta);
    }

    @Test
    void dragonFlyMailAgentDnsFailureIsADeadDomain() {
        RecipientResult r = only(text("""
                From: MAILER-DAEMON@relay.kancelar.example.cz
                To: news@shop.example
                Subject: Mail delivery failed
                Received: from localhost (relay.kancelar.example.cz) by relay.kancelar.example.cz \
                (DragonFly Mail Agent v0.13); Mon, 30 Nov 2026 11:00:00 +0000""", """
                This is the DragonFly Mail Agent v0.13 at relay.kancelar.example.cz.

                There was an error delivering your mail to <tomas.novak@stavby.example.cz>.

                DNS lookup failure: host stavby.example.cz not found

                Original message follows.
                """));
        assertEquals("tomas.novak@stavby.example.cz", r.recipient());
        assertEquals(Reason.HOSTUNKNOWN, r.reason());
        assertTrue(r.suppress());
    }

    @Test
    void dragonFlyMailAgentGivingUpIsExpiredNotDead() {
        RecipientResult r = only(text("""
                From: MAILER-DAEMON@box.example.org
                To: news@shop.example
                Subject: Mail delivery failed""", """
                This is the DragonFly Mail Agent v0.13 at box.example.org.

                There was an error delivering your mail to <ines@quinta.example.pt>.

                Could not deliver for the last 432000 seconds. Giving up.

                Original message follows.
                """));
        assertEquals(Reason.EXPIRED, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void imailInvalidFinalDeliveryUseridIsUnknownUser() {
        RecipientResult r = only(text("""
                From: postmaster@mail.gemeinde.example.at
                To: news@shop.example
                Subject: Undeliverable Mail
                X-Mailer: <SMTP32 v8.22>""", """
                Invalid final delivery userid: lena.gruber@gemeinde.example.at

                Original message follows.
                """));
        assertEquals("lena.gruber@gemeinde.example.at", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertTrue(r.suppress());
    }

    @Test
    void verizonNoSuchUserHere() {
        RecipientResult r = only(text("""
                From: post_master@vtext.com
                To: alerts@shop.example
                Subject: Undeliverable Message""", """
                Error: Invalid user address
                Error message below:
                550 - Requested action not taken: no such user here
                Message details:
                  Subject: Your order shipped
                  MAIL FROM: alerts@shop.example
                  RCPT TO: 2125550188@vtext.com
                """));
        assertEquals("2125550188@vtext.com", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
    }

    @Test
    void mailRuMxRecordsPointNowhereIsADeadDomain() {
        RecipientResult r = only(text("""
                From: Mail Delivery System <mailer-daemon@corp.mail.ru>
                To: news@shop.example
                Subject: Mail delivery failed: returning message to sender""", """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  olga@zavod.example.ru
                    all relevant MX records point to non-existent hosts
                """));
        assertEquals("olga@zavod.example.ru", r.recipient());
        assertEquals(Reason.HOSTUNKNOWN, r.reason());
    }

    @Test
    void auEzwebOverQuotaIsMailboxFull() {
        RecipientResult r = only(text("""
                From: Postmaster@ezweb.ne.jp
                To: news@shop.example
                Subject: Mail System Error - Returned Mail""", """
                The user(s) account is temporarily over quota.

                <hanako-0815@ezweb.ne.jp>
                """));
        assertEquals(Reason.MAILBOXFULL, r.reason());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void openSmtpdNetworkErrorIsANetworkError() {
        RecipientResult r = only(text("""
                From: Mailer Daemon <MAILER-DAEMON@mx.studio.example.it>
                To: news@shop.example
                Subject: Delivery status notification: error""", """
                    Hi!

                    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.

                    An error has occurred while attempting to deliver a message for
                    the following list of recipients:

                marco.rossi@posta.example.it: Network error on destination MXs

                    Below is a copy of the original message:
                """));
        assertEquals("marco.rossi@posta.example.it", r.recipient());
        assertEquals(Reason.NETWORKERROR, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void sendmailRejectingOpenProxyIsABlockOnTheSender() {
        RecipientResult r = reply("mail.hafen.example.de", "550 5.7.1 Rejecting open proxy [192.0.2.77]");
        assertEquals(Reason.BLOCKED, r.reason());
        assertEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
    }

    @Test
    void zohoHostNotReachableIsExpiry() {
        RecipientResult r = only(text("""
                From: mailer-daemon@mail.zoho.com
                To: news@shop.example
                Subject: Undelivered Mail Returned to Sender
                X-ZohoMail: Si CHF_MF_NL SS_10""", """
                This message was created automatically by mail delivery software.
                A message that you sent could not be delivered to one or more of its recipients. This is a temporary error.

                [Status: Error, Address: <ingrid@fjord.example.no>, ResponseCode 421, , Host not reachable.]
                """));
        assertEquals("ingrid@fjord.example.no", r.recipient());
        assertEquals(Reason.EXPIRED, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void zohoPolicyViolationIsNotADeadAddress() {
        RecipientResult r = reply("mx.zoho.eu", "554 5.7.7 Email policy violation detected");
        assertEquals(Reason.POLICYVIOLATION, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void orangeCodesAreReadFromTheReply() {
        RecipientResult full = reply("smtp-in.orange.fr",
                "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR004_417 [417]");
        assertEquals(Reason.MAILBOXFULL, full.reason());
        assertFalse(full.suppress());
        RecipientResult auth = reply("smtp-in.orange.fr", "550 5.7.0 Code d'authentification invalide OFR_305");
        assertEquals(Reason.SECURITYERROR, auth.reason());
    }

    @Test
    void messageLabsBadmailfromIsTheSendersProblem() {
        RecipientResult r = reply("cluster9.eu.messagelabs.com",
                "553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)");
        assertEquals(Reason.REJECTED, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void tencentContentDeniedAndMailboxNotFound() {
        assertEquals(Reason.SPAMDETECTED,
                reply("mx3.qq.com", "550 Mail content denied. https://service.mail.qq.com/detail/122/171").reason());
        RecipientResult gone = reply("mx1.qq.com", "550 Mailbox not found. https://service.mail.qq.com/detail/122/169");
        assertEquals(Reason.USERUNKNOWN, gone.reason());
        assertTrue(gone.suppress());
    }

    @Test
    void godaddyIbCodesAndIuaErrorPages() {
        assertEquals(Reason.BADREPUTATION, reply("p3plibsmtp01.prod.phx3.secureserver.net",
                "554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103")
                .reason());
        assertEquals(Reason.MAILBOXFULL, reply("mx.i.ua", "550 Mailbox is full. See http://mail.i.ua/err/4/").reason());
    }

    @Test
    void spectrumAupCodesMimecastAndDocomoWording() {
        assertEquals(Reason.REQUIREPTR, reply("mx.charter.net",
                "554 5.7.1 Connection refused: IP 192.0.2.9 has no valid reverse DNS. AUP#I-1120").reason());
        assertEquals(Reason.POLICYVIOLATION, reply("eu-smtp-inbound-1.mimecast.com",
                "550 Message bounced due to Content Examination Policy - https://community.mimecast.com").reason());
        assertEquals(Reason.REQUIREPTR, reply("cdptpa-mxlb.mail.cox.net",
                "554 5.7.1 Connection refused - rDNS lookup failed for 192.0.2.9 AUP#CXDNS").reason());
        assertEquals(Reason.BLOCKED, reply("route1.mx.cloudflare.net",
                "554 192.0.2.9 found on one or more DNSBLs (abusixip), see the postmaster page").reason());
        assertEquals(Reason.POLICYVIOLATION, reply("mta6.am0.yahoodns.net",
                "554 5.7.9 Message not accepted for policy reasons. See https://senders.yahooinc.com/error-codes")
                .reason());
        assertEquals(Reason.BLOCKED, reply("mx02.mail.icloud.com",
                "550 5.7.1 Mail from IP 192.0.2.31 was rejected due to listing in Spamhaus SBL.").reason());
        RecipientResult full = reply("mfsmax.docomo.ne.jp", "552 Too much mail data");
        assertEquals(Reason.MAILBOXFULL, full.reason());
        assertFalse(full.suppress());
    }

    @Test
    void greylistingIsSoftAndNobodysFault() {
        AnalysisReport rep = analyzer.analyze(Mails.dsn("MAILER-DAEMON@mta1.shop.example",
                "Delayed Mail (still being retried)", "This is the mail system at host mta1.shop.example.",
                "kurt@werkstatt.example.de", "delayed", "4.2.0", "mx.werkstatt.example.de",
                "450 4.2.0 <kurt@werkstatt.example.de>: Recipient address rejected: Greylisted, see"
                        + " http://postgrey.schweikert.ch/help/werkstatt.example.de.html"));
        RecipientResult r = rep.recipients().get(0);
        assertEquals(BounceType.SOFT, r.type());
        assertNotEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
        assertEquals("text:greylisting", r.rule());
    }

    @Test
    void aSendmailWarningIsADelayNeverHard() {
        AnalysisReport rep = analyzer.analyze(text("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.com>
                To: news@shop.example
                Subject: Warning: could not send message for past 4 hours""", """
                    **********************************************
                    **      THIS IS A WARNING MESSAGE ONLY      **
                    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
                    **********************************************

                The original message was received at Mon, 30 Nov 2026 07:00:00 GMT
                from shop.example [192.0.2.10]

                   ----- Transcript of session follows -----
                <kai@langsam.example.com>... Deferred: 550 5.4.7 Connection timed out with mx.langsam.example.com.
                Warning: message still undelivered after 4 hours
                Will keep trying until message is 5 days old
                """));
        assertEquals(Outcome.DELAYED, rep.outcome(), rep::toString);
        RecipientResult r = rep.recipients().get(0);
        assertEquals("kai@langsam.example.com", r.recipient());
        assertEquals(BounceType.SOFT, r.type());
        assertTrue(r.statusText().startsWith("4."), r.statusText());
        assertFalse(r.suppress());
    }

    @Test
    void anEximDelayWarningIsADelayEvenWhenTheLastReplyWasMailboxFull() {
        AnalysisReport rep = analyzer.analyze(text("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.co.nz>
                To: news@shop.example
                Subject: Warning: message 1kQ9xY-000Abc-7Z delayed 24 hours""", """
                This message was created automatically by mail delivery software.
                A message that you sent has not yet been delivered to one or more of its
                recipients after more than 24 hours on the queue on mx.example.co.nz.

                The address to which the message has not yet been delivered is:

                  aroha@kiwi.example.co.nz
                    host mx.kiwi.example.co.nz [192.0.2.44]
                    Delay reason: SMTP error from remote mail server after RCPT TO:<aroha@kiwi.example.co.nz>:
                    552 5.2.2 mailbox over quota

                No action is required on your part. Delivery attempts will continue for
                some time, and this warning may be repeated at intervals if the message
                remains undelivered.
                """));
        assertEquals(Outcome.DELAYED, rep.outcome(), rep::toString);
        RecipientResult r = rep.recipients().get(0);
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
        assertTrue(r.statusText().startsWith("4."), r.statusText());
    }

    @Test
    void aChallengeResponseMailIsNotABounce() {
        AnalysisReport rep = analyzer.analyze(Mails.plain("""
                From: "Bob Smith (via Sender Check)" <bob@smallbiz.example.com>
                To: news@shop.example
                Subject: Please confirm your message
                Date: Mon, 30 Nov 2026 11:00:00 +0000""", """
                Hello, I use a challenge/response system to protect my inbox.
                Your message to bob@smallbiz.example.com is being held until you confirm it.
                Please click the link below to confirm that you are a real person:
                https://confirm.example.com/c/8f1e2d
                """));
        assertEquals(Outcome.NOT_A_BOUNCE, rep.outcome(), rep::toString);
        assertTrue(rep.recipients().isEmpty());
    }

    @Test
    void aMailingListManagersRefusalIsRejectedNeverSuppressed() {
        RecipientResult r = only(Mails.plain("""
                From: staff-owner@lists.verein.example.org
                To: news@shop.example
                Subject: Your message to Staff awaits moderator approval
                List-Id: <staff.lists.verein.example.org>
                Date: Mon, 30 Nov 2026 11:00:00 +0000""", """
                You are not allowed to post to this mailing list, and your message has
                been automatically rejected. If you think that your messages are being
                rejected in error, contact the mailing list owner at
                staff-owner@lists.verein.example.org.
                """));
        assertEquals(Reason.REJECTED, r.reason());
        assertFalse(r.suppress());
        assertEquals("news@shop.example", r.recipient());
    }

    @Test
    void aBlankFirstLineBeforeTheHeadersIsSkipped() {
        byte[] mail = Mails.dsn("MAILER-DAEMON@mx.example.net", "Undelivered Mail Returned to Sender",
                "Your message could not be delivered.", "pia@example.net", "failed", "5.1.1", "mx.example.net",
                "550 5.1.1 <pia@example.net>: Recipient address rejected: User unknown");
        byte[] withBlank = new byte[mail.length + 3];
        withBlank[0] = ' ';
        withBlank[1] = '\r';
        withBlank[2] = '\n';
        System.arraycopy(mail, 0, withBlank, 3, mail.length);
        RecipientResult r = only(withBlank);
        assertEquals("pia@example.net", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
    }

    @Test
    void receiversAreMatchedByDomainOnLabelBoundaries() {
        assertEquals("rhost:apple:Inactive", reply("mx01.mail.icloud.com", "550 5.1.1 inactive email address").rule());
        assertNotEquals("rhost:apple:Inactive", reply("mx.acme.com", "550 5.1.1 inactive email address").rule());
        assertEquals("rhost:microsoft:MailboxUnavailable",
                reply("olc.protection.outlook.com", "550 requested action not taken: mailbox unavailable").rule());
        assertNotEquals("rhost:microsoft:MailboxUnavailable",
                reply("mx.olive.com", "550 requested action not taken: mailbox unavailable").rule());
        assertEquals("rhost:aol:MailboxNotFound", reply("mx-aol.mail.gm0.yahoodns.net mx.aol.com",
                "550 5.1.1 mailbox not found").rule());
        assertNotEquals("rhost:aol:MailboxNotFound", reply("mx.gaol.example", "550 5.1.1 mailbox not found").rule());
    }

    @Test
    void theMessageSizeInWordsIsMesgTooBig() {
        RecipientResult r = reply("mx.example.org", "552 The message exceeded the maximum size allowed by the server");
        assertEquals(Reason.MESGTOOBIG, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void eximUnrouteableMailDomainIsADeadDomain() {
        RecipientResult r = reply("", "Unrouteable mail domain \"closed.example.com\"");
        assertEquals(Reason.HOSTUNKNOWN, r.reason());
    }

    @Test
    void hostUnknownInsideAProtocolErrorDoesNotSuppress() {
        RecipientResult r = reply("relay.example.net",
                "554 5.0.0 Service unavailable; Protocol error while talking to relay; Host unknown");
        assertFalse(r.suppress(), r::toString);
    }

    @Test
    void aSuspendedAccountCalledUnknownIsNotDead() {
        RecipientResult r = analyzer.classifyReply("lee@example.kr", "failed", "5.1.1", 550,
                "550 5.1.1 user unknown: account suspended by the administrator", "mx.example.kr");
        assertEquals(Reason.SUSPEND, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void recipientPreferencesAreAFilterNotADeadMailbox() {
        RecipientResult r = analyzer.classifyReply("max@example.ch", "failed", "5.1.1", 550,
                "550 5.1.1 Message refused due to recipient preferences", "mx.example.ch");
        assertEquals(Reason.FILTERED, r.reason());
        assertFalse(r.suppress());
    }

    @Test
    void returnedMailUserUnknownFromAnUnknownMtaGivesAResult() {
        AnalysisReport rep = analyzer.analyze(text("""
                From: MAILER-DAEMON@gw.hotel.example.gr
                To: news@shop.example
                Subject: Returned mail: User unknown""", """
                   ----- The following is a copy of your message -----
                Return-Path: <news@shop.example>
                From: News <news@shop.example>
                To: nikos@hotel.example.gr
                Subject: Winter offers
                """));
        assertEquals(1, rep.recipients().size(), rep::toString);
        assertEquals("nikos@hotel.example.gr", rep.recipients().get(0).recipient());
    }

    private RecipientResult openSmtpd(String line) {
        return only(text("""
                From: Mailer Daemon <MAILER-DAEMON@smtp.atelier.example.be>
                To: news@shop.example
                Subject: Delivery status notification: error
                Received: from localhost (smtp.atelier.example.be [local]) by smtp.atelier.example.be \
                (OpenSMTPD) with ESMTPA id 5c1d09ab; Mon, 30 Nov 2026 10:59:58 +0000""", """
                    Hi!

                    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.

                    An error has occurred while attempting to deliver a message for
                    the following list of recipients:

                """ + line + """

                    Below is a copy of the original message:
                """));
    }

    @Test
    void openSmtpdRelayFailuresReadAsSisimaiListsThem() {
        RecipientResult reject = openSmtpd("lea.peeters@brouwerij.example.be: Destination seem to reject all mails");
        assertEquals("lea.peeters@brouwerij.example.be", reject.recipient());
        assertEquals(Reason.NOTACCEPT, reject.reason(), reject::toString);
        RecipientResult noDomain = openSmtpd("jan@vergeten.example.be: Domain does not exist");
        assertEquals(Reason.HOSTUNKNOWN, noDomain.reason(), noDomain::toString);
        RecipientResult mx = openSmtpd("an@kust.example.be: Temporary failure in MX lookup");
        assertEquals(Reason.NETWORKERROR, mx.reason(), mx::toString);
        assertFalse(mx.suppress());
        RecipientResult creds = openSmtpd("wim@relais.example.be: Could not retrieve credentials");
        assertEquals(Reason.SECURITYERROR, creds.reason(), creds::toString);
    }

    @Test
    void googleRepliesReadAsSisimaisGoogleRulesList() {
        String gmail = "gmail-smtp-in.l.google.com";
        assertEquals(Reason.NOTCOMPLIANTRFC, reply(gmail, "550-5.7.1 [198.51.100.7] Messages missing a valid "
                + "Message-ID: header are not accepted. For more information, go to the sender guidelines").reason());
        assertEquals(Reason.FAILEDSTARTTLS,
                reply(gmail, "421-4.7.0 TLS required for RCPT domain, closing connection.").reason());
        assertEquals(Reason.TOOMANYCONN,
                reply(gmail, "452-4.5.3 Your message has too many recipients. For more information").reason());
    }

    @Test
    void facebookResponseCodes() {
        RecipientResult blocked = reply("mx-fb.facebook.com",
                "554 5.7.1 POL-P2 http://www.facebook.com/postmaster/response_codes?ip=203.0.113.9#pol-p2");
        assertEquals(Reason.BLOCKED, blocked.reason(), blocked::toString);
        assertFalse(blocked.suppress());
        RecipientResult gone = reply("mx-fb.facebook.com",
                "450 4.2.1 RCP-T4 https://www.facebook.com/postmaster/response_codes#rcp-t4");
        assertEquals(Reason.SUSPEND, gone.reason(), gone::toString);
        assertFalse(gone.suppress());
    }

    @Test
    void aolNameServerReplyIsNotAccept() {
        RecipientResult r = reply("mx-aol.mail.gm0.yahoodns.net mx.aol.com",
                "Name service error for name=aol.com type=MX: Malformed or unexpected name server reply");
        assertEquals(Reason.NOTACCEPT, r.reason(), r::toString);
    }

    @Test
    void aLocalDeliveryAgentsUnknownUserIsADeadMailboxWhateverThePhase() {
        RecipientResult r = only(text("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@post.bauhof.example.de>
                To: news@shop.example
                Subject: Returned mail: see transcript for details""", """
                The original message was received at Mon, 30 Nov 2026 10:58:12 +0100
                from shop.example [192.0.2.40]

                   ----- The following addresses had permanent fatal errors -----
                <karl.huber@bauhof.example.de>
                    (reason: 550 5.0.0 <karl.huber@bauhof.example.de>... Service unavailable)

                   ----- Transcript of session follows -----
                mail.local: unknown user: karl.huber
                550 5.0.0 <karl.huber@bauhof.example.de>... Service unavailable
                """));
        assertDeadMailbox("karl.huber@bauhof.example.de", r);
    }

    @Test
    void postfixRecipientAddressRejectedIsAnRcptRefusalEvenWithoutTheCommand() {
        RecipientResult r = reply("mx.kanzlei.example.at",
                "550 <eva@kanzlei.example.at>: Recipient address rejected: User unknown in virtual mailbox table");
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress());
        // without that wording, "user unknown" with no SMTP phase stays a filter's answer (Sisimai's rule)
        RecipientResult noPhase = reply("mx.kanzlei.example.at", "550 Unknown user eva@kanzlei.example.at");
        assertEquals(Reason.FILTERED, noPhase.reason(), noPhase::toString);
        assertFalse(noPhase.suppress());
    }

    /** A qmail-send failure notice from {@code host} with the given recipient blocks. */
    private AnalysisReport qmailFailureNotice(String host, String blocks, String originalTo) {
        return analyzer.analyze(text("From: MAILER-DAEMON@" + host + "\nTo: news@shop.example\nSubject: failure notice",
                "Hi. This is the qmail-send program at " + host + ".\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                + blocks + "\n--- Below this line is a copy of the message.\n\n"
                + "Return-Path: <news@shop.example>\nTo: " + originalTo + "\nSubject: Offers\n"));
    }

    @Test
    void aQmailFailureNoticeNamesTheDeadMailboxes() {
        AnalysisReport rep = qmailFailureNotice("mail.fiskeri.example.no", """
                <ola.nordmann@fiskeri.example.no>:
                Sorry, no mailbox here by that name. (#5.1.1)

                <kari@fiskeri.example.no>:
                Sorry, no mailbox here by that name. (#5.1.1)
                """, "ola.nordmann@fiskeri.example.no, kari@fiskeri.example.no");
        assertEquals(2, rep.recipients().size(), rep::toString);
        for (RecipientResult r : rep.recipients()) {
            assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
            assertTrue(r.suppress());
        }
        assertEquals("ola.nordmann@fiskeri.example.no", rep.recipients().get(0).recipient());
        assertEquals("kari@fiskeri.example.no", rep.recipients().get(1).recipient());
    }

    @Test
    void exchangeOnlineNdrTextsReadAsSisimaisMicrosoftRulesList() {
        String eop = "mail-am6eur05.inbound.protection.outlook.com";
        RecipientResult group = analyzer.classifyReply("vertrieb@firma.example.de", "failed", "5.7.124", 550,
                "550 5.7.124 STOREDRV.Deliver; sender not in allowed-senders list [AM6PR01MB1234.eurprd01.prod]",
                eop);
        assertEquals(Reason.REJECTED, group.reason(), group::toString);
        assertFalse(group.suppress());
        RecipientResult perHour = analyzer.classifyReply("info@firma.example.de", "failed", "5.2.121", 550,
                "550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded", eop);
        assertEquals(Reason.SPEEDING, perHour.reason(), perHour::toString);
        assertFalse(perHour.suppress());
        RecipientResult dane = analyzer.classifyReply("it@firma.example.de", "failed", "5.7.323", 550,
                "550 5.7.323 tlsa-invalid: The domain failed DANE validation", eop);
        assertEquals(Reason.AUTHFAILURE, dane.reason(), dane::toString);
    }

    @Test
    void deutscheTelekomAndSmail3ReportsAreRead() {
        // the T-Online / Smail 3 layout Sisimai::Lhost::DeutscheTelekom describes (smail-3.2 notify.c banners)
        RecipientResult full = only(text("""
                From: Mail Delivery System <Mailer-Daemon@t-online.de>
                To: news@shop.example
                Subject: mail failed, returning to sender
                X-TOI-MSGID: 4f1b2c3d-0000-4aaa-9bbb-123456789abc""", """
                |------------------------- Failed addresses follow: ---------------------|
                 <heike.schmidt@t-online.de>
                   552 5.2.2 <heike.schmidt@t-online.de> Quota exceeded (mailbox for user is full)

                |------------------------- Message header follows: ----------------------|
                From: news@shop.example
                To: heike.schmidt@t-online.de
                """));
        assertEquals("heike.schmidt@t-online.de", full.recipient());
        assertEquals(Reason.MAILBOXFULL, full.reason());
        assertFalse(full.suppress());
        RecipientResult host = only(text("""
                From: Mail Delivery System <MAILER-DAEMON@relay.verein.example.de>
                To: news@shop.example
                Subject: mail failed, returning to sender""", """
                |------------------------- Message log follows: -------------------------|
                 no valid recipients were found for this message
                |------------------------- Failed addresses follow: ---------------------|
                 thomas@nirgendwo.example.de ... unknown host
                |------------------------- Message text follows: ------------------------|
                From: news@shop.example
                To: thomas@nirgendwo.example.de
                """));
        assertEquals("thomas@nirgendwo.example.de", host.recipient());
        assertEquals(Reason.HOSTUNKNOWN, host.reason());
    }

    @Test
    void exchange2007NdrCodesReadAsSisimaisExchange2007ModuleLists() {
        AnalysisReport rep = analyzer.analyze(text("""
                From: postmaster@mail.kanzlei.example.ch
                To: news@shop.example
                Subject: Undeliverable: Newsletter Dezember
                Content-Language: de-CH""", """
                Delivery has failed to these recipients or distribution lists:

                beat.meier@kanzlei.example.ch
                Your message wasn't delivered because the sender is not allowed to send to this recipient.

                Diagnostic information for administrators:

                Generating server: mail.kanzlei.example.ch

                beat.meier@kanzlei.example.ch
                #550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized ##

                Original message headers:

                From: news@shop.example
                To: beat.meier@kanzlei.example.ch
                """));
        assertEquals(1, rep.recipients().size(), rep::toString);
        RecipientResult r = rep.recipients().get(0);
        assertEquals("beat.meier@kanzlei.example.ch", r.recipient());
        assertEquals(Reason.REJECTED, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    @Test
    void dominoReportsInSpanishFrenchAndJapaneseNameAnUnknownUser() {
        for (String because : new String[] {
            "User Pilar Ruiz (pilar.ruiz@bodega.example.es) no se encuentra en el Directorio de Domino",
            "Utilisateur Pilar Ruiz (pilar.ruiz@bodega.example.es) non r\u00e9pertori\u00e9 dans l'annuaire Domino",
            "\u30e6\u30fc\u30b6\u30fc pilar.ruiz@bodega.example.es \u306f Domino \u30c7\u30a3\u30ec\u30af"
                    + "\u30c8\u30ea\u306b\u306f\u898b\u3064\u304b\u308a\u307e\u305b\u3093"}) {
            RecipientResult r = only(text("""
                    From: Postmaster <postmaster@notes.bodega.example.es>
                    To: news@shop.example
                    Subject: DELIVERY FAILURE: User Pilar Ruiz not found""", """
                    Your message

                      Subject: Ofertas de invierno

                    was not delivered to:

                      pilar.ruiz@bodega.example.es

                    because:

                      """ + because + """

                    """));
            assertEquals("pilar.ruiz@bodega.example.es", r.recipient(), r::toString);
            assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
            assertTrue(r.suppress());
        }
    }

    @Test
    void dominoCannotRouteIsAFilterAndSeveralMatchesASystemError() {
        assertEquals(Reason.FILTERED, reply("notes.example.it",
                "Cannot route mail to user (giulia.bianchi@studio.example.it)").reason());
        RecipientResult several = reply("notes.example.it",
                "Several matches found in Domino Directory for giulia (giulia@studio.example.it)");
        assertEquals(Reason.SYSTEMERROR, several.reason(), several::toString);
        assertFalse(several.suppress());
    }

    @Test
    void qmailLdapAndQmailErrorStringsReadAsSisimaisQmailModuleLists() {
        AnalysisReport rep = qmailFailureNotice("mx.kooperativa.example.fi", """
                <aino.virtanen@kooperativa.example.fi>:
                Mailaddress is administratively disabled. (#5.2.1)

                <eero@kooperativa.example.fi>:
                Unable to contact LDAP server. (#4.4.3)

                <helmi@kooperativa.example.fi>:
                disk quota exceeded (#4.2.2)
                """, "aino.virtanen@kooperativa.example.fi");
        assertEquals(3, rep.recipients().size(), rep::toString);
        RecipientResult disabled = rep.recipients().get(0);
        assertEquals("aino.virtanen@kooperativa.example.fi", disabled.recipient());
        assertEquals(Reason.SUSPEND, disabled.reason(), disabled::toString);
        assertEquals(Reason.SYSTEMERROR, rep.recipients().get(1).reason(), rep::toString);
        assertFalse(rep.recipients().get(1).suppress());
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(2).reason(), rep::toString);
        assertFalse(rep.recipients().get(2).suppress());
    }

    @Test
    void eximAddressParserErrorsAreSyntaxErrors() {
        RecipientResult r = only(eximReport("smtp.verein.example.de", """
                  lukas@verein.example.de <lukas@verein.example.de>>: malformed address: > may not follow <lukas@verein.example.de>
                """, """
                To: lukas@verein.example.de
                Subject: Vereinsnachrichten
                """));
        assertEquals(Reason.SYNTAXERROR, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    @Test
    void courierNotesBiglobeMessagingServerAndGmailWordingReadAsTheirModulesList() {
        assertEquals(Reason.HOSTUNKNOWN, reply("mx.example.nz", "No such domain.").reason());
        assertEquals(Reason.SYSTEMERROR, reply("mx.example.nz", "This domain's DNS violates RFC 1035.").reason());
        RecipientResult dns = reply("mx.example.nz", "DNS lookup failed.");
        assertEquals(Reason.NETWORKERROR, dns.reason(), dns::toString);
        assertFalse(dns.suppress());
        assertEquals(Reason.NETWORKERROR, reply("notes.example.jp",
                "Message has exceeded maximum hop count (25)").reason());
        assertEquals(Reason.MAILBOXFULL, reply("mail.example.ne.jp",
                "The number of messages in recipient's mailbox exceeded the local limit.").reason());
        assertEquals(Reason.HOSTUNKNOWN, reply("ims.example.com",
                "Illegal host/domain name found").reason());
        assertEquals(Reason.HOSTUNKNOWN, reply(null, "DNS Error: Domain name not found").reason());
        RecipientResult gone = reply(null, "DNS Error: Could not contact DNS servers");
        assertEquals(Reason.EXPIRED, gone.reason(), gone::toString);
        assertFalse(gone.suppress());
    }

    @Test
    void fmlListRefusalsLoopsAndSecurityAlerts() {
        assertEquals(Reason.REJECTED, reply(null,
                "Ignored NOT MEMBER article from <visitor@elsewhere.example>").reason());
        assertEquals(Reason.SYSTEMERROR, reply(null, "Duplicated Message-ID in <club@lists.example.jp>.").reason());
        assertEquals(Reason.SECURITYERROR, reply(null, "Security alert: the command line is too long").reason());
    }

    @Test
    void reasonPhrasesTakenFromSisimaisReasonLists() {
        assertEquals(Reason.MESGTOOBIG, reply("mx.example.org",
                "552 Mail file size exceeds the maximum size allowed for mail delivery").reason());
        assertEquals(Reason.VIRUSDETECTED, reply("mx.example.org",
                "554 5.7.1 Virus Phishing/Malicious_URL detected").reason());
        assertEquals(Reason.SPAMDETECTED, analyzer.classifyReply("ana@example.org", "failed", "5.7.1", 550,
                "550 5.7.1 Message rejected due to spam classification", "mx.example.org").reason());
    }

    @Test
    void powerMtaBounceCategoriesDecideTheReason() {
        String report = """
                From: postmaster@mta3.sender.example
                To: news@shop.example
                Subject: Delivery report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="pmta"

                --pmta
                Content-Type: text/plain

                Hello, this is the mail server on mta3.sender.example.

                 <rosa@verlag.example.de>  delivery failed; will not continue trying

                --pmta
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mta3.sender.example

                Action: failed
                Final-Recipient: rfc822;rosa@verlag.example.de
                Status: 5.0.0
                Remote-MTA: dns; mx.verlag.example.de
                Diagnostic-Code: smtp; 550 Requested action not taken
                X-PowerMTA-BounceCategory: CATEGORY

                --pmta--
                """;
        RecipientResult quota = only(Mails.plain("Return-Path: <>", report.replace("CATEGORY", "quota-issues")));
        assertEquals("rosa@verlag.example.de", quota.recipient());
        assertEquals(Reason.MAILBOXFULL, quota.reason(), quota::toString);
        assertFalse(quota.suppress());
        RecipientResult bad = only(Mails.plain("Return-Path: <>", report.replace("CATEGORY", "bad-mailbox")));
        assertEquals(Reason.USERUNKNOWN, bad.reason(), bad::toString);
        assertTrue(bad.suppress());
    }

    @Test
    void exchangeOnlineOwnStatusCodesCountOnlyFromMicrosoft() {
        String eop = "mail-db8eur03.inbound.protection.outlook.com";
        RecipientResult r = analyzer.classifyReply("pia@firma.example.dk", "failed", "5.7.508", 550,
                "550 5.7.508 Access denied", eop);
        assertEquals(Reason.TOOMANYCONN, r.reason(), r::toString);
        assertEquals(Reason.FILTERED, analyzer.classifyReply("pia@firma.example.dk", "failed", "5.7.505", 550,
                "550 5.7.505 Access denied", eop).reason());
        assertEquals(Reason.EXPIRED, analyzer.classifyReply("pia@firma.example.dk", "failed", "5.4.316", 550,
                "550 5.4.316 Message expired", eop).reason());
        RecipientResult elsewhere = analyzer.classifyReply("pia@firma.example.dk", "failed", "5.7.508", 550,
                "550 5.7.508 Access denied", "mx.firma.example.dk");
        assertNotEquals(Reason.TOOMANYCONN, elsewhere.reason(), elsewhere::toString);
    }

    @Test
    void kddiEinsUndEinsAndExchange2003WordingReadAsTheirModulesList() {
        assertEquals(Reason.MAILBOXFULL, reply(null, "Could not be delivered to: <hana@ezweb.example.ne.jp> "
                + "As their mailbox is full.").reason());
        assertEquals(Reason.HOSTUNKNOWN, reply(null, "As the remote domain doesnt exist.").reason());
        assertEquals(Reason.MESGTOOBIG, reply(null, "Mail size limit exceeded. For explanation visit "
                + "http://postmaster.example.com/en/error-messages").reason());
        RecipientResult hops = reply(null, "MSEXCH:IMS:FIRMA:BERLIN:MAIL01 0 (00120270) Too Many Hops");
        assertEquals(Reason.NETWORKERROR, hops.reason(), hops::toString);
        assertEquals(Reason.FILTERED, reply(null,
                "MSEXCH:IMS:FIRMA:BERLIN:MAIL01 0 (000C0595) Ambiguous Recipient").reason());
    }

    @Test
    void exchangeOnlineOlderTextsCountOnlyFromMicrosoft() {
        String eop = "mail-vi1eur04.inbound.protection.outlook.com";
        assertEquals(Reason.TOOMANYCONN, reply(eop, "550 5.2.122 The recipient has exceeded their limit for the "
                + "number of messages they can receive per hour").reason());
        assertEquals(Reason.CONTENTERROR, reply(eop, "554 5.5.6 Invalid message content").reason());
        assertNotEquals(Reason.CONTENTERROR, reply("mx.example.org", "554 5.5.6 Invalid message content").reason());
        assertEquals(Reason.USERUNKNOWN, reply(null,
                "550 5.1.1 RESOLVER.ADR.ExRecipientNotFound; not found").reason());
    }

    @Test
    void googleWorkspaceDnsWordingIsADeadDomainOnlyWhenPermanent() {
        String google = "smtp.gmail.com";
        RecipientResult dead = analyzer.classifyReply("bo@gone.example.se", "failed", "5.1.2", 550,
                "DNS type 'mx' lookup of gone.example.se responded with code NXDOMAIN", google);
        assertEquals(Reason.HOSTUNKNOWN, dead.reason(), dead::toString);
        assertTrue(dead.suppress());
        RecipientResult later = analyzer.classifyReply("bo@gone.example.se", "delayed", "4.4.3", 451,
                "DNS type 'mx' lookup of gone.example.se responded with code NXDOMAIN", google);
        assertEquals(Reason.NETWORKERROR, later.reason(), later::toString);
        assertFalse(later.suppress());
        assertEquals(Reason.NOTACCEPT, analyzer.classifyReply("bo@nomail.example.se", "failed", "5.1.10", 556,
                "Domain nomail.example.se has a Null MX record", google).reason());
    }

    /**
     * Sisimai v5's newer Reason phrases (go-sisimai EmailTooLarge, RateLimited): an Exim report whose remote server
     * refused the size in words only, and a Postfix delay notice quoting Comcast's throttling reply. Both reports give
     * no enhanced status code of their own, so only the words decide.
     */
    @Test
    void sisimaiV5SizeAndThrottlingWordsAreRead() {
        RecipientResult big = only(eximReport("mx.verlag.example.ch", """
                  urs.keller@bergdorf.example.ch
                    host mx.bergdorf.example.ch [192.0.2.44]
                    SMTP error from remote mail server after end of data:
                    552 Rejected: exceeded the maximum incoming message size for this account
                """, ""));
        assertEquals("urs.keller@bergdorf.example.ch", big.recipient());
        assertEquals(Reason.MESGTOOBIG, big.reason(), big::toString);
        assertFalse(big.suppress());

        RecipientResult slow = only(Mails.dsn("MAILER-DAEMON@relay.shop.example",
                "Delayed Mail (still being retried)", "This is the mail system at host relay.shop.example.",
                "dana.whitfield@comcast.example.net", "delayed", "4.0.0", "mx2.comcast.example.net",
                "421 Throttled - try later, see postmaster.comcast.net for more information"));
        assertEquals(Reason.SPEEDING, slow.reason(), slow::toString);
        assertEquals(BounceType.SOFT, slow.type());
        assertFalse(slow.suppress());
    }

    /**
     * Sisimai::Reason::FailedSTARTTLS: the reply codes 523 and 524 (and 538) mean the receiver wants an encrypted
     * session, whatever the words; never a dead address.
     */
    @Test
    void encryptionReplyCodesAreAFailedStarttls() {
        RecipientResult dsn = postfixFailure("lena.fischer@sicher.example.de", "5.7.10", "mx.sicher.example.de",
                "523 5.7.10 Encryption Needed");
        assertKeptWith(Reason.FAILEDSTARTTLS, dsn);
        RecipientResult bare = reply("mx.sicher.example.de", "524 Encrypted session required before mail transfer");
        assertKeptWith(Reason.FAILEDSTARTTLS, bare);
    }

    /**
     * Sisimai::Reason::FailedSTARTTLS (and Sisimai::SMTP::Command, which detects the command): a refusal of the
     * STARTTLS command is a failed TLS start, whatever vague security code it carries. A Sendmail transcript showing
     * ">>> STARTTLS", and an Exim report whose remote server answered "after STARTTLS"; neither reply's words name TLS
     * as required, so only the command decides.
     */
    @Test
    void aRefusedStarttlsCommandIsAFailedStarttls() {
        RecipientResult sendmail = only(sendmailReport("relay.verlag.example.de", """
                The original message was received at Mon, 7 Dec 2026 05:10:00 +0100
                from shop.example [192.0.2.10]

                   ----- The following addresses had permanent fatal errors -----
                <greta.vogel@redaktion.example.de>
                    (reason: 554 5.7.3 Unable to initialize security subsystem)

                   ----- Transcript of session follows -----
                ... while talking to mx1.redaktion.example.de.:
                >>> STARTTLS
                <<< 554 5.7.3 Unable to initialize security subsystem
                554 5.0.0 Service unavailable
                """));
        assertEquals("greta.vogel@redaktion.example.de", sendmail.recipient());
        assertKeptWith(Reason.FAILEDSTARTTLS, sendmail);

        RecipientResult exim = only(eximReport("mail.atelier.example.be", """
                  pieter.claes@studio.example.be
                    host mx.studio.example.be [192.0.2.77]
                    SMTP error from remote mail server after STARTTLS:
                    530 5.7.0 Not now, our certificate is being renewed
                """, ""));
        assertEquals("pieter.claes@studio.example.be", exim.recipient());
        assertKeptWith(Reason.FAILEDSTARTTLS, exim);
    }

    /**
     * Sisimai::SMTP::Command ranks the commands: a Sendmail transcript where the STARTTLS refusal was passed over
     * (the session went on in clear) and RCPT TO was then refused is about RCPT, so the unknown user stays dead
     * (outside the RCPT phase the same words would be a filter's).
     */
    @Test
    void aLaterCommandInTheTranscriptOutranksStarttls() {
        RecipientResult r = only(sendmailReport("relay.verlag.example.de", """
                   ----- The following addresses had permanent fatal errors -----
                <jonas.engel@archiv.example.de>
                    (reason: 550 <jonas.engel@archiv.example.de>... User unknown)

                   ----- Transcript of session follows -----
                ... while talking to mail.archiv.example.de.:
                >>> STARTTLS
                <<< 454 4.7.0 TLS not available due to local problem
                >>> RCPT To:<jonas.engel@archiv.example.de>
                <<< 550 <jonas.engel@archiv.example.de>... User unknown
                550 <jonas.engel@archiv.example.de>... User unknown
                """));
        assertDeadMailbox("jonas.engel@archiv.example.de", r);
    }

    /**
     * Sisimai::Reason::SyntaxError: a reply code from 401 to 407 or 501 to 507 means the receiver could not take the
     * command, when neither the status code nor the words name a reason. A DSN whose status says nothing (5.0.0).
     */
    @Test
    void aSyntaxGroupReplyCodeInADsnIsASyntaxError() {
        RecipientResult dsn = postfixFailure("marta.nowak@biuro.example.pl", "5.0.0", "mx.biuro.example.pl",
                "506 Unrecognised parameter in the command line");
        assertEquals("marta.nowak@biuro.example.pl", dsn.recipient());
        assertKeptWith(Reason.SYNTAXERROR, dsn);
    }

    /**
     * The same rule on bare replies, with its place in the order: a transient 40x is a soft syntax error, and a
     * status code that names a reason still wins ("501 5.1.3" is Sisimai's userunknown, X.1.3 being a bad recipient
     * address, decided before the reply code is looked at).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "404 Command arguments not accepted, try again      | SYNTAXERROR | SOFT",
        "507 Requested action not taken: argument too long  | SYNTAXERROR | HARD",
        "501 5.1.3 Bad recipient address syntax             | USERUNKNOWN | HARD",
    })
    void syntaxGroupReplyCodesComeAfterTheStatusCode(String diagnostic, Reason reason, BounceType type) {
        RecipientResult r = reply("mx.biuro.example.pl", diagnostic);
        assertEquals(reason, r.reason(), r::toString);
        assertEquals(type, r.type(), r::toString);
    }

    /**
     * Sisimai::Reason::UserUnknown and HostUnknown are never true for a command sent before RCPT TO
     * (Sisimai::SMTP::Command's BeforeRCPT): qmail-smtpd's "553 sorry, your envelope sender domain must exist" answers
     * MAIL FROM, about our own domain, so the recipient is not dead though the words match HostUnknown's list. A
     * Postfix DSN of our own; without the guard it was hostunknown and suppressed.
     */
    @Test
    void hostOrUserUnknownWordsBeforeRcptAreNotAboutTheRecipient() {
        RecipientResult r = only(Mails.dsn("MAILER-DAEMON@out.shop.example", "Undelivered Mail Returned to Sender", """
                This is the mail system at host out.shop.example.

                <joris.dekker@kantoor.example.nl>: host mx.kantoor.example.nl[192.0.2.58] said:
                    553 sorry, your envelope sender domain must exist (#5.7.1) (in reply to MAIL FROM command)""",
                "joris.dekker@kantoor.example.nl", "failed", "5.0.0", "mx.kantoor.example.nl",
                "553 sorry, your envelope sender domain must exist (#5.7.1)"));
        assertEquals("joris.dekker@kantoor.example.nl", r.recipient());
        assertNotEquals(Reason.HOSTUNKNOWN, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    /**
     * Sisimai::Reason::ContentError: an X.6.x status decides at its place in the order, before the words of the
     * later Blocked step ("refused - see http"); and where SpamDetected would say spam, content is not the answer even
     * when its words are there. A Postfix DSN and an ESP's reply of our own, both different without the change.
     */
    @Test
    void aMediaStatusIsAContentErrorUnlessTheReceiverCallsItSpam() {
        RecipientResult media = postfixFailure("heike.brandt@verlag.example.de", "5.6.0", "mx.verlag.example.de",
                "554 5.6.0 Message with 8-bit header refused - see http://postmaster.verlag.example.de/mime");
        assertKeptWith(Reason.CONTENTERROR, media);

        RecipientResult spam = reply("mx.verlag.example.de", "554 5.7.1 Message rejected as spam; besides, this"
                + " message contain invalid MIME headers (in reply to end of DATA command)");
        assertKeptWith(Reason.SPAMDETECTED, spam);
    }

    /** The reply was about the sender's login, not the recipient: not a dead domain, the address is kept. */
    /** The recipient's mailbox does not exist: userunknown, and the address is suppressed. */
    private static void assertDeadMailbox(String recipient, RecipientResult r) {
        assertEquals(recipient, r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress(), r::toString);
    }

    private static void assertKeptAlive(String recipient, RecipientResult r) {
        assertEquals(recipient, r.recipient());
        assertNotEquals(Reason.HOSTUNKNOWN, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    /**
     * Sisimai::SMTP::Command detects AUTH (its Detectable list: "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-", "AUTH
     * DIGEST-") and lists it in BeforeRCPT: a refused AUTH exchange came before the recipient was named, so words of
     * HostUnknown's list in it are about the sender's login, never the recipient's domain. Postfix's SMTP client
     * reports the refusal as "SASL authentication failed; server ... said:" (smtp_sasl_glue.c). A Postfix DSN of our
     * own; without the command it was hostunknown and suppressed.
     */
    @Test
    void aRefusedPostfixSaslLoginIsNotAboutTheRecipient() {
        RecipientResult r = only(Mails.dsn("MAILER-DAEMON@out.verein.example.at", "Undelivered Mail Returned to Sender",
                """
                This is the mail system at host out.verein.example.at.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <theresa.huber@kanzlei.example.at>: SASL authentication failed; server
                    relay.provider.example.at[198.51.100.23] said: 535 5.7.8 Error:
                    authentication failed: no such domain""",
                "theresa.huber@kanzlei.example.at", "failed", "5.7.8", "relay.provider.example.at",
                "535 5.7.8 Error: authentication failed: no such domain"));
        assertKeptAlive("theresa.huber@kanzlei.example.at", r);
    }

    /**
     * The same rule where a transcript or report names the AUTH command with its mechanism: Sendmail's ">>> AUTH
     * PLAIN" and Exim's "SMTP error from remote mail server after AUTH LOGIN" (Sisimai::Lhost::Exim reads the four
     * letters after "after"). Both replies hold HostUnknown's words; neither is about the recipient.
     */
    @Test
    void aRefusedAuthCommandInATranscriptIsNotAboutTheRecipient() {
        RecipientResult sendmail = only(sendmailFailure("nora.lind@byra.example.se",
                "535 5.7.8 Authentication credentials invalid: host or domain name not found", "smarthost.tjanst.example.se",
                """
                >>> AUTH PLAIN AGJ1dGlrAGhlbWxpZ3Q=
                <<< 535 5.7.8 Authentication credentials invalid: host or domain name not found
                554 5.0.0 Service unavailable"""));
        assertKeptAlive("nora.lind@byra.example.se", sendmail);

        RecipientResult exim = only(eximReport("mx.boutique.example.fr", """
                  camille.roux@cabinet.example.fr
                    host relais.fournisseur.example.fr [192.0.2.141]
                    SMTP error from remote mail server after AUTH LOGIN:
                    535 5.7.8 Authentication refused: unknown domain
                """, ""));
        assertKeptAlive("camille.roux@cabinet.example.fr", exim);
    }

    /**
     * The per-MTA phrase tables apply to every report (Sisimai keeps an Lhost module's phrases to the mails that module
     * decoded), so they keep the BeforeRCPT guard too: OpenSMTPD's "Domain does not exist" (a dead domain in its own
     * relay report) in a submission server's refusal of AUTH is about the sender's login, not about the recipient.
     */
    @Test
    void aDeadDomainPhraseOfAnotherMtaInAReplyToAuthIsNotAboutTheRecipient() {
        RecipientResult r = only(sendmailFailure("ilse.maas@notaris.example.nl",
                "535 5.7.8 Domain does not exist", "submit.hoster.example.nl", """
                >>> AUTH LOGIN
                <<< 334 VXNlcm5hbWU6
                >>> bWFpbGVyQG91ZC5leGFtcGxlLm5s
                <<< 535 5.7.8 Domain does not exist
                554 5.0.0 Service unavailable"""));
        assertKeptAlive("ilse.maas@notaris.example.nl", r);
    }

    /**
     * The receivers' own wording (RhostRules) keeps the BeforeRCPT guard too: AOL's "mailbox not found" in a reply
     * to MAIL FROM (a sender-verification refusal, Exim's "after MAIL FROM:<...>") is about the sender's mailbox,
     * not the recipient's.
     */
    @Test
    void aReceiversDeadMailboxWordingInAReplyToMailFromIsNotAboutTheRecipient() {
        RecipientResult r = only(eximReport("mx.laden.example.de", """
                  lena.vogt@aol.com
                    host mx-aol.mail.gm0.yahoodns.net [192.0.2.77]
                    SMTP error from remote mail server after MAIL FROM:<news@shop.example> SIZE=4120:
                    550 5.1.0 <news@shop.example> sender rejected: mailbox not found
                """, ""));
        assertKeptAlive("lena.vogt@aol.com", r);
        assertNotEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
    }

    /**
     * Sisimai::SMTP::Command ranks AUTH below MAIL and RCPT: a Sendmail transcript where AUTH succeeded and RCPT TO
     * was then refused is about RCPT, so the unknown user stays dead.
     */
    @Test
    void aLaterCommandInTheTranscriptOutranksAuth() {
        RecipientResult r = only(sendmailFailure("oskar.berg@lager.example.se",
                "550 5.1.1 <oskar.berg@lager.example.se>... User unknown", "mx.lager.example.se", """
                >>> AUTH LOGIN
                <<< 334 VXNlcm5hbWU6
                >>> RCPT To:<oskar.berg@lager.example.se>
                <<< 550 5.1.1 <oskar.berg@lager.example.se>... User unknown
                550 5.1.1 <oskar.berg@lager.example.se>... User unknown
                """));
        assertDeadMailbox("oskar.berg@lager.example.se", r);
    }

    /**
     * Sisimai::Reason's find runs its first class order (UserUnknown, Filtered, HostUnknown, ...) only for SMTP
     * diagnostics: an "X-Unix" one is a local program's output, not a remote server's reply, and its words are read
     * only in the second order, after the status code. Postfix's pipe(8) report of a command that failed (its
     * "Command died with status" template); the program's "unknown recipient" was a filter's refusal before.
     */
    @Test
    void wordsOfALocalProgramAreNotARemoteReply() {
        RecipientResult r = postfixPipeFailure("mx.helpdesk.example.no", "kundeservice@helpdesk.example.no",
                "/usr/local/bin/ticketd", "ticketd: unknown recipient queue 'kundeservice'");
        assertEquals("kundeservice@helpdesk.example.no", r.recipient());
        assertKeptWith(Reason.MAILERERROR, r);
    }

    /** Postfix's pipe(8) report of a local delivery agent it ran: the agent's own words in an "X-Unix" diagnostic. */
    private RecipientResult postfixPipeFailure(String host, String rcpt, String command, String output) {
        return postfixBounce(host, rcpt, "Command died with status 1: \"%s\". Command output: %s".formatted(command,
                output), "5.3.0", "x-unix; " + output);
    }

    /** Sendmail's report of its local mailer's failure: the agent's line, then Sendmail's own reply. */
    private RecipientResult sendmailLocalFailure(String host, String rcpt, String agentSaid) {
        return only(sendmailReport(host, """
                   ----- The following addresses had permanent fatal errors -----
                <%1$s>
                    (reason: 550 5.0.0 <%1$s>... Service unavailable)

                   ----- Transcript of session follows -----
                %2$s
                550 5.0.0 <%1$s>... Service unavailable
                """.formatted(rcpt, agentSaid)));
    }

    /** Sisimai::LDA: Sendmail's mail.local finds the user but not the home directory the mailbox lives under. */
    @Test
    void mailLocalUserWithoutHomeDirectoryIsADeadMailbox() {
        RecipientResult r = sendmailLocalFailure("gw.praxis.example.at", "franz.gruber@praxis.example.at",
                "mail.local: franz.gruber: User missing home directory");
        assertDeadMailbox("franz.gruber@praxis.example.at", r);
    }

    /**
     * Sisimai::LDA, agents run by Postfix's pipe(8): maildrop cannot map the address to a system account (a dead
     * mailbox); procmail ran out of disk while writing the mailbox (the host's disk, not the user's quota: kept).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mx.druckerei.example.de|jens.vogt@druckerei.example.de|/usr/local/bin/maildrop -d jens.vogt"
            + "|maildrop: Cannot find system user jens.vogt|USERUNKNOWN|true",
        "post.bygg.example.dk|mette@bygg.example.dk|/usr/bin/procmail -a mette"
            + "|procmail: No space left to finish writing /var/mail/mette|SYSTEMFULL|false"})
    void aPipedLocalAgentsOwnMessageGivesTheReason(String host, String rcpt, String command, String output,
                                                  Reason expected, boolean suppress) {
        RecipientResult r = postfixPipeFailure(host, rcpt, command, output);
        assertEquals(rcpt, r.recipient());
        assertEquals(expected, r.reason(), r::toString);
        assertEquals(suppress, r.suppress(), r::toString);
    }

    /**
     * Sisimai::LDA, agents run by qmail-local from a .qmail file, whose words qmail-send's failure notice quotes:
     * vmailmgr's vdeliver names a local part that is no virtual user (a dead mailbox); vpopmail's vdelivermail hands
     * what no mailbox takes to the domain's catch-all (the domain's own rule, not a dead address: kept); and an
     * agent that is named but says none of its known messages failed in its own way ({@code mailererror}, kept).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail.verkstad.example.se|nils.lund@verkstad.example.se"
            + "|vdeliver: User name does not refer to a virtual user.|USERUNKNOWN|true",
        "mx.kontor.example.fi|anna.virtanen@kontor.example.fi"
            + "|vdelivermail: user does not exist, but will deliver to /var/vpopmail/domains/kontor.example.fi/x/"
            + "|FILTERED|false",
        "mx.hafen.example.de|erik.brandt@hafen.example.de"
            + "|maildrop: Unable to create a dot-lock at /home/erik.brandt/Maildir/erik.lock.|MAILERERROR|false"})
    void aQmailLocalAgentsOwnMessageGivesTheReason(String host, String rcpt, String agentSaid, Reason expected,
                                                   boolean suppress) {
        AnalysisReport rep = qmailFailureNotice(host, "<" + rcpt + ">:\n" + agentSaid + "\n", rcpt);
        RecipientResult r = rep.recipients().get(0);
        assertEquals(rcpt, r.recipient());
        assertEquals(expected, r.reason(), r::toString);
        assertEquals(suppress, r.suppress(), r::toString);
    }

    /**
     * Sisimai::LDA reads an agent's words only for a reply to no command or to DATA: a remote server that quotes
     * one in its answer to RCPT TO is read as any RCPT refusal is.
     */
    @Test
    void aLocalAgentsWordsInAnRcptReplyAreNotTheAgentsOwn() {
        RecipientResult r = postfixFailure("ida@tandlakare.example.se", "5.1.1", "mx.tandlakare.example.se",
                "host mx.tandlakare.example.se[192.0.2.61] said: 550 5.1.1 <ida@tandlakare.example.se>: "
                + "maildrop: Unable to open mailbox (in reply to RCPT TO command)");
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress());
    }

    /**
     * Sisimai::SMTP::Command detects QUIT (its Detectable list) and ranks it above every other command (find returns
     * the last one of that list it finds): a Sendmail transcript whose receiver refused the greeting, then answered
     * Sendmail's "&gt;&gt;&gt; QUIT" with an error, is about QUIT. The refusal is a block, never a dead address.
     */
    @Test
    void aRefusedQuitInASendmailTranscriptIsTheCommandAnswered() {
        RecipientResult r = only(sendmailFailure("beat.keller@treuhand.example.ch",
                "554 mx2.treuhand.example.ch ESMTP refusing connections from your network", "mx2.treuhand.example.ch", """
                <<< 554 mx2.treuhand.example.ch ESMTP refusing connections from your network
                >>> QUIT
                <<< 421 4.7.0 mx2.treuhand.example.ch Error: too many errors
                554 5.0.0 Service unavailable"""));
        assertEquals("beat.keller@treuhand.example.ch", r.recipient());
        assertEquals("QUIT", r.smtpCommand(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    /**
     * XFORWARD (Sisimai::SMTP::Command's Detectable list, ranked above every other command): Postfix's client says
     * "while sending XFORWARD name/address" or "... protocol/helo_name" when the connection to a content filter
     * breaks there (smtp_proto.c xfer_states). The phase was XFORWARD, not HELO, though "helo_name" is in the words;
     * a lost connection is a network error and never suppresses.
     */
    @Test
    void aConnectionLostWhileSendingXforwardIsAnXforwardReply() {
        RecipientResult r = postfixReport("out.stiftung.example.ch", "vreni.buehler@stiftung.example.ch", "4.4.2",
                "X-Postfix", "lost connection with scan.stiftung.example.ch[10.20.0.8] while sending XFORWARD"
                + " protocol/helo_name");
        assertEquals("vreni.buehler@stiftung.example.ch", r.recipient());
        assertEquals("XFORWARD", r.smtpCommand(), r::toString);
        assertKeptWith(Reason.NETWORKERROR, r);
    }

    /**
     * QUIT and XFORWARD are not in Sisimai::SMTP::Command's BeforeRCPT (CONN, EHLO, HELO, MAIL, AUTH, STARTTLS), so
     * a dead-address status still counts when the transcript ends with a refused QUIT: the recipient was refused at
     * RCPT TO (Sendmail's 5.1.1), and the 421 to QUIT after it does not make the address live.
     */
    @Test
    void aRefusedQuitAfterAnUnknownUserLeavesTheAddressDead() {
        RecipientResult r = only(sendmailFailure("lotti.frei@atelier.example.ch",
                "550 5.1.1 <lotti.frei@atelier.example.ch>... User unknown", "mx.atelier.example.ch", """
                >>> RCPT To:<lotti.frei@atelier.example.ch>
                <<< 550 5.1.1 <lotti.frei@atelier.example.ch>... User unknown
                >>> QUIT
                <<< 421 4.7.0 mx.atelier.example.ch closing connection
                550 5.1.1 <lotti.frei@atelier.example.ch>... User unknown"""));
        assertEquals("QUIT", r.smtpCommand(), r::toString);
        assertDeadMailbox("lotti.frei@atelier.example.ch", r);
    }

    /**
     * Sisimai::Lhost::Postfix reads an "X-Postfix" diagnostic as an SMTP one ("spec" SMTP), so Sisimai::Reason's
     * anotherone keeps a status code that settles the reason and reads the words only for the codes it retries: a
     * Postfix report that gives up on a deferred message, quoting the last reply in an X-Postfix diagnostic, has the
     * reason its status names, as the same reply in an "smtp" diagnostic has (before, the words of another reason won
     * for X-Postfix: "local problem" and "local error in processing" made both system errors).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4.3.1|452 4.3.1 Temporary local problem - please try later (in reply to end of DATA command)|SYSTEMFULL",
        "4.2.4|451 4.2.4 List expansion stopped, local error in processing (in reply to RCPT TO command)|FILTERED"})
    void anXPostfixDiagnosticIsReadAsAnSmtpOne(String status, String reply, Reason expected) {
        String said = "host mx.genossenschaft.example.ch[192.0.2.91] said: " + reply;
        RecipientResult x = postfixReport("out.laden.example.ch", "ruedi.gerber@genossenschaft.example.ch", status,
                "X-Postfix", said);
        RecipientResult smtp = postfixReport("out.laden.example.ch", "ruedi.gerber@genossenschaft.example.ch", status,
                "smtp", said);
        assertKeptWith(expected, x);
        assertEquals(smtp.reason(), x.reason(), x::toString);
    }

    /** Postfix's bounce(8) report of one failed recipient, with the Diagnostic-Code of the type given. */
    private RecipientResult postfixReport(String host, String rcpt, String status, String diagnosticType,
                                          String diagnostic) {
        return postfixBounce(host, rcpt, diagnostic, status, diagnosticType + "; " + diagnostic);
    }

    /**
     * Postfix's bounce(8) report of one failed recipient: {@code said} on the recipient's line of the human-readable
     * part, the status and the whole Diagnostic-Code value (type; text) in the delivery-status part.
     */
    private RecipientResult postfixBounce(String host, String rcpt, String said, String status, String diagnosticCode) {
        return only(Mails.raw("""
                Return-Path: <>
                From: MAILER-DAEMON@%1$s (Mail Delivery System)
                To: bounce+acme.42.1001.0000000000000000@bounces.rebound.example
                Subject: Undelivered Mail Returned to Sender
                Date: Mon, 7 Dec 2026 19:10:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="L8"

                --L8
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host %1$s.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%2$s>: %3$s

                --L8
                Content-Type: message/delivery-status

                Reporting-MTA: dns; %1$s

                Final-Recipient: rfc822; %2$s
                Action: failed
                Status: %4$s
                Diagnostic-Code: %5$s

                --L8--
                """.formatted(host, rcpt, said, status, diagnosticCode)));
    }
}
