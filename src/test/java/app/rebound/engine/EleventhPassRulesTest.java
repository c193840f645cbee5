package app.rebound.engine;

import static app.rebound.engine.Reports.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The eleventh rule pass: Sisimai's rules where the engine read less than they do (Sisimai::Fact's multi-line reply
 * clean-up, Sisimai::Lhost::Exim's order of checks, Sisimai::Lhost::Sendmail's command of a greeting-only transcript,
 * Sisimai::Lhost::Postfix's recipient lines, Sisimai::Rhost::FrancePTT's table, reports naming their recipients
 * twice), each with a report of our own in that MTA's format (addresses, hosts and wording ours; none of them is a
 * corpus mail or an unseen mail).
 */
class EleventhPassRulesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    // ------------------------------------------------------------------ Sisimai::Fact: multi-line replies

    /** Postfix's notice quoting a receiver's wrapped multi-line reply: its sentence is read across the line marks. */
    @Test
    void aWrappedMultiLineReplyIsReadAsOneSentence() {
        String said = "450-4.2.1 The user you are trying to contact is receiving mail too 450-4.2.1 quickly. Please"
                + " resend your message at a later time. 450 4.2.1 https://support.google.com/mail/?p=ReceivingRate"
                + " x12si99.33 - gsmtp";
        RecipientResult r = only(Mails.dsn("MAILER-DAEMON@relay.reisebuero.example.at",
                "Undelivered Mail Returned to Sender",
                "<lena.huber@alpen.example.at>: host aspmx.l.google.com[192.0.2.27] said: " + said
                        + " (in reply to RCPT TO command)",
                "lena.huber@alpen.example.at", "failed", "4.2.1", "aspmx.l.google.com", said));
        assertEquals(Reason.SPEEDING, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
        assertEquals("4.2.1", r.status().toString());
    }

    @Test
    void aWrappedPermanentRateRefusalIsSpeedingNotAFilter() {
        // the 5.2.1 status alone says "filtered"; the receiver's words, once unwrapped, say it is a receiving rate
        RecipientResult r = analyzer.classifyReply("tom@gmail.com", "failed", "5.2.1", 550,
                "550-5.2.1 The user you are trying to contact is receiving mail at a rate that 550-5.2.1 prevents"
                        + " additional messages from being delivered. Please resend your 550-5.2.1 message at a later"
                        + " time. 550 5.2.1 https://support.google.com/mail/?p=ReceivingRatePerm q7si1.88 - gsmtp",
                "gmail-smtp-in.l.google.com");
        assertEquals(Reason.SPEEDING, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    /**
     * Sisimai::Rhost::Google pairs each wording with its status: "is not a valid RFC 5321 address" under 5.1.7 is
     * the sender's address (notcompliantrfc), under 5.1.3 the recipient's (userunknown). Read without the status, a
     * refused sender address had made a live recipient dead.
     */
    @Test
    void googlesWordingCountsWithTheStatusItsTableGivesIt() {
        RecipientResult sender = analyzer.classifyReply("nils@gmail.com", "failed", "5.1.7", 553,
                "553 5.1.7 The sender address <news@shop..example> is not a valid RFC 5321 address. For more"
                        + " information, go to About SMTP error messages. z3si41.2 - gsmtp",
                "gmail-smtp-in.l.google.com");
        assertEquals(Reason.NOTCOMPLIANTRFC, sender.reason(), sender::toString);
        assertFalse(sender.suppress(), sender::toString);
        RecipientResult rcpt = analyzer.classifyReply("nils..x@gmail.com", "failed", "5.1.3", 553,
                "553 5.1.3 The recipient address <nils..x@gmail.com> is not a valid RFC 5321 address. z3si41.3 - gsmtp",
                "gmail-smtp-in.l.google.com");
        assertEquals(Reason.USERUNKNOWN, rcpt.reason(), rcpt::toString);
        RecipientResult helo = analyzer.classifyReply("nils@gmail.com", "failed", "5.5.4", 501,
                "501 5.5.4 HELO/EHLO argument is invalid. https://support.google.com/mail/?p=helo z3si41.4 - gsmtp",
                "gmail-smtp-in.l.google.com");
        assertEquals(Reason.BLOCKED, helo.reason(), helo::toString);
        RecipientResult header = analyzer.classifyReply("nils@gmail.com", "failed", "5.3.4", 552,
                "552 5.3.4 Your message exceeded Google's message header size limits. z3si41.5 - gsmtp",
                "gmail-smtp-in.l.google.com");
        assertEquals(Reason.EXCEEDLIMIT, header.reason(), header::toString);
        RecipientResult busy = analyzer.classifyReply("nils@gmail.com", "failed", "4.4.5", 421,
                "421 4.4.5 Server busy, try again later. z3si41.6 - gsmtp", "gmail-smtp-in.l.google.com");
        assertEquals(Reason.SYSTEMERROR, busy.reason(), busy::toString);
        assertFalse(busy.suppress());
    }

    // ------------------------------------------------------------------ Sisimai::Lhost::Exim: MessagesOf first

    private static byte[] exim(String failure) {
        return Mails.plain("""
                Return-Path: <>
                From: Mail Delivery System <Mailer-Daemon@mx2.hosting.example.se>
                To: news@shop.example
                Subject: Mail delivery failed: returning message to sender
                Message-Id: <E1tQz7L-0007Ab-3K@mx2.hosting.example.se>
                X-Failed-Recipients: karin@fjallstuga.example.se
                Date: Tue, 08 Dec 2026 10:15:00 +0100""", """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  karin@fjallstuga.example.se
                """ + failure + """

                ------ This is a copy of the message, including all the headers. ------

                From: news@shop.example
                To: karin@fjallstuga.example.se
                Subject: Vinterresor
                """);
    }

    @Test
    void eximsMailboxFullWinsOverItsRetryTimeout() {
        RecipientResult r = only(exim("    mailbox is full (quota exceeded while writing to file"
                + " /var/mail/karin): retry timeout exceeded"));
        assertEquals(Reason.MAILBOXFULL, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
        assertEquals("Sisimai::Lhost::Exim:mailbox is full", r.rule());
    }

    @Test
    void eximsRetryTimeoutAloneIsStillExpired() {
        RecipientResult r = only(exim("    host mx.fjallstuga.example.se [192.0.2.44]\n    retry timeout exceeded"));
        assertEquals(Reason.EXPIRED, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    // ------------------------------------------------------------------ reports naming their recipients twice

    /**
     * An Exim notice with a translated preface that lists both failures, then Exim's own template listing them
     * again: the second address must not take the first one's reply from the second list.
     */
    @Test
    void aRecipientNamedTwiceKeepsItsOwnLinesInBothParts() {
        AnalysisReport rep = analyzer.analyze(Mails.plain("""
                Return-Path: <>
                From: Mail Delivery System <mailer-daemon@mx1.post.example.de>
                To: news@shop.example
                Subject: Mail delivery failed
                Message-Id: <E1tR0aa-0001Xy-7Q@mx1.post.example.de>
                Date: Tue, 08 Dec 2026 10:20:00 +0100""", """
                Diese Nachricht wurde automatisch erstellt. Ihre Nachricht konnte nicht an alle
                Empfaenger zugestellt werden:

                  moritz@wald.example.de
                    SMTP error from remote mail server after RCPT TO:<moritz@wald.example.de>:
                    host mx.wald.example.de [192.0.2.71]: 452 4.2.2 <moritz@wald.example.de>... Mailbox full
                  frieda@wald.example.de
                    SMTP error from remote mail server after RCPT TO:<frieda@wald.example.de>:
                    host mx.wald.example.de [192.0.2.71]: 550 5.1.1 <frieda@wald.example.de>... No such user

                Bitte pruefen Sie die Empfaengeradressen.

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  moritz@wald.example.de
                    SMTP error from remote mail server after RCPT TO:<moritz@wald.example.de>:
                    host mx.wald.example.de [192.0.2.71]: 452 4.2.2 <moritz@wald.example.de>... Mailbox full
                  frieda@wald.example.de
                    SMTP error from remote mail server after RCPT TO:<frieda@wald.example.de>:
                    host mx.wald.example.de [192.0.2.71]: 550 5.1.1 <frieda@wald.example.de>... No such user

                ------ This is a copy of the message, including all the headers. ------

                From: news@shop.example
                To: moritz@wald.example.de, frieda@wald.example.de
                Subject: Herbstangebote
                """));
        assertEquals(2, rep.recipients().size(), rep::toString);
        RecipientResult full = rep.recipients().get(0);
        assertEquals("moritz@wald.example.de", full.recipient());
        assertEquals(Reason.MAILBOXFULL, full.reason(), full::toString);
        assertFalse(full.suppress());
        RecipientResult gone = rep.recipients().get(1);
        assertEquals("frieda@wald.example.de", gone.recipient());
        assertEquals(Reason.USERUNKNOWN, gone.reason(), gone::toString);
        assertTrue(gone.suppress(), gone::toString);
    }

    /**
     * A Sendmail DSN whose human part lists the recipients first and gives each one's words later: a deferred
     * recipient without a Diagnostic-Code takes its own "host name lookup failure", not the next address's
     * "User unknown", and stays a delay.
     */
    @Test
    void aDeferredRecipientDoesNotTakeTheNextRecipientsReply() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@gw.druckerei.example.ch>
                To: <news@shop.example>
                Subject: Returned mail: see transcript for details
                Date: Tue, 08 Dec 2026 10:30:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="Q7x/gw"

                --Q7x/gw

                   ----- The following addresses had permanent fatal errors -----
                <urs@bergbahn.example.ch>

                   ----- The following addresses had transient non-fatal errors -----
                <nina@seeblick.example.ch>

                   ----- Transcript of session follows -----
                <nina@seeblick.example.ch>... Deferred: Name server: seeblick.example.ch.: host name lookup failure
                ... while talking to mx.bergbahn.example.ch.:
                >>> RCPT To:<urs@bergbahn.example.ch>
                <<< 550 5.1.1 <urs@bergbahn.example.ch>... User unknown
                550 5.1.1 <urs@bergbahn.example.ch>... User unknown

                --Q7x/gw
                Content-Type: message/delivery-status

                Reporting-MTA: dns; gw.druckerei.example.ch

                Final-Recipient: RFC822; nina@seeblick.example.ch
                Action: delayed
                Status: 4.0.0

                Final-Recipient: RFC822; urs@bergbahn.example.ch
                Action: failed
                Status: 5.1.1
                Remote-MTA: DNS; mx.bergbahn.example.ch
                Diagnostic-Code: SMTP; 550 5.1.1 <urs@bergbahn.example.ch>... User unknown

                --Q7x/gw--
                """;
        AnalysisReport rep = analyzer.analyze(Mails.raw(mail));
        assertEquals(2, rep.recipients().size(), rep::toString);
        RecipientResult late = rep.recipients().get(0);
        assertEquals("nina@seeblick.example.ch", late.recipient());
        assertEquals(Reason.NETWORKERROR, late.reason(), late::toString);
        assertTrue(late.delayed());
        assertFalse(late.suppress(), late::toString);
        assertFalse(late.type() == BounceType.HARD, late::toString);
        RecipientResult gone = rep.recipients().get(1);
        assertEquals(Reason.USERUNKNOWN, gone.reason(), gone::toString);
        assertTrue(gone.suppress());
    }

    // ------------------------------------------------------------------ Sisimai::Lhost::Sendmail: EHLO

    /** A Sendmail transcript with the receiver's refusal and no command sent: refused at the greeting. */
    @Test
    void aSendmailTranscriptWithRepliesButNoCommandIsARefusalBeforeTheTransaction() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@out3.verein.example.nl>
                To: <news@shop.example>
                Subject: Returned mail: see transcript for details
                Date: Tue, 08 Dec 2026 10:40:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="R2/out3"

                --R2/out3

                   ----- The following addresses had permanent fatal errors -----
                <sanne@polder.example.nl>
                    (reason: 554 Your host 198.51.100.23 is not welcome here. Ask your mail administrator. (ref 77))

                   ----- Transcript of session follows -----
                ... while talking to mx1.polder.example.nl.:
                <<< 554 Your host 198.51.100.23 is not welcome here. Ask your mail administrator. (ref 77)
                554 5.0.0 Service unavailable

                --R2/out3
                Content-Type: message/delivery-status

                Reporting-MTA: dns; out3.verein.example.nl

                Final-Recipient: RFC822; sanne@polder.example.nl
                Action: failed
                Status: 5.5.0
                Diagnostic-Code: SMTP; 554 Your host 198.51.100.23 is not welcome here. Ask your mail administrator. (ref 77)

                --R2/out3--
                """;
        RecipientResult r = only(Mails.raw(mail));
        assertEquals("EHLO", r.smtpCommand(), r::toString);
        assertEquals(Reason.BLOCKED, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }

    // ------------------------------------------------------------------ Sisimai::Lhost::Postfix: recipient lines

    /** Postfix's notice without a delivery-status part, for a message its sender had addressed to herself. */
    @Test
    void aPostfixRecipientLineCountsEvenForTheOriginalsOwnSender() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@smtp.kanzlei.example.be (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: elise@kanzlei.example.be
                Date: Tue, 08 Dec 2026 10:50:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B7/smtp"

                --B7/smtp
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host smtp.kanzlei.example.be.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                                   The mail system

                <elise@kanzlei.example.be>: host mx.kanzlei.example.be[192.0.2.90] said: 550
                    5.1.1 <elise@kanzlei.example.be>: Recipient address rejected: User unknown
                    in virtual mailbox table (in reply to RCPT TO command)

                --B7/smtp
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers

                From: Elise <elise@kanzlei.example.be>
                To: elise@kanzlei.example.be
                Subject: Notitie

                --B7/smtp--
                """;
        RecipientResult r = only(Mails.raw(mail));
        assertEquals("elise@kanzlei.example.be", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress(), r::toString);
    }

    // ------------------------------------------------------------------ Sisimai::Rhost::FrancePTT

    @Test
    void laPostesAndOrangesCodesFollowFrancePttsCurrentTable() {
        RecipientResult policy = analyzer.classifyReply("luc@laposte.net", "failed", "5.7.1", 554,
                "554 5.7.1 <relais.boutique.example>: Client host rejected: #312 lpn LPN002_630", "smtpz4.laposte.net");
        assertEquals(Reason.POLICYVIOLATION, policy.reason(), policy::toString);
        assertFalse(policy.suppress());
        RecipientResult dmarc = analyzer.classifyReply("luc@laposte.net", "failed", "5.7.1", 550,
                "550 5.7.1 Message refuse, verification DMARC en echec LPN003_517", "smtpz4.laposte.net");
        assertEquals(Reason.AUTHFAILURE, dmarc.reason(), dmarc::toString);
        RecipientResult spf = analyzer.classifyReply("jeanne@orange.fr", "failed", "5.5.0", 550,
                "550 5.5.0 SPF: relais.boutique.example is not allowed to send mail. OFR002_401",
                "smtp-in.orange.fr");
        assertEquals(Reason.AUTHFAILURE, spf.reason(), spf::toString);
        RecipientResult listed = analyzer.classifyReply("luc@laposte.net", "failed", "5.7.1", 550,
                "550 5.7.1 Service unavailable; client [198.51.100.8] listed by our services LPNAAA_101",
                "smtpz4.laposte.net");
        assertEquals(Reason.BLOCKED, listed.reason(), listed::toString);
        assertFalse(listed.suppress());
    }
}
