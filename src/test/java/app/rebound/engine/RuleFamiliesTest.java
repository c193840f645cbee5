package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One hand-written report per rule family added from MTA templates and Sisimai's per-MTA and per-receiver rules:
 * written in each MTA's format, with addresses and wording of our own (none of them is a corpus mail).
 */
class RuleFamiliesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    private RecipientResult only(byte[] mail) {
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(1, r.recipients().size(), r::toString);
        return r.recipients().get(0);
    }

    private static byte[] text(String headers, String body) {
        return Mails.plain("Return-Path: <>\n" + headers + "\nDate: Mon, 30 Nov 2026 11:00:00 +0000", body);
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
}
