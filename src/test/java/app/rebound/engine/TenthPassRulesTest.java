package app.rebound.engine;

import static app.rebound.engine.Reports.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tenth rule pass: Sisimai's module rules taken whole (IMailServer, V5sendmail, Qmail, Sendmail, NTTDOCOMO,
 * YahooInc, OpenSMTPD), each with a report of our own in that MTA's format (addresses, hosts and wording ours; none
 * of them is a corpus mail or an unseen mail).
 */
class TenthPassRulesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    private static byte[] text(String headers, String body) {
        return Mails.plain("Return-Path: <>\n" + headers + "\nDate: Tue, 08 Dec 2026 09:30:00 +0000", body);
    }

    /** Ipswitch IMail Server's notice: X-Mailer SMTP32, one line per failed recipient, then the original. */
    private RecipientResult imail(String line) {
        return only(text("""
                From: "Postmaster" <postmaster@mail.bakkerij.example.nl>
                To: <news@shop.example>
                Subject: Undeliverable Mail
                X-Mailer: <SMTP32 v8.15>""", line + """


                Original message follows.

                From: news@shop.example
                To: pieter@bakkerij.example.nl
                Subject: Kerstaanbieding

                Hallo
                """));
    }

    @Test
    void anImailUnknownUserLineIsADeadMailbox() {
        RecipientResult r = imail("Unknown user: pieter@bakkerij.example.nl");
        assertEquals("pieter@bakkerij.example.nl", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress(), r::toString);
        assertEquals("Sisimai::Lhost::IMailServer:Unknown user", r.rule());
    }

    @Test
    void imailsOtherFailureLinesAreReadAtTheirStart() {
        RecipientResult full = imail("User mailbox exceeds allowed size: pieter@bakkerij.example.nl");
        assertEquals(Reason.MAILBOXFULL, full.reason(), full::toString);
        assertFalse(full.suppress());
        RecipientResult host = imail("Unknown host: pieter@bakkerij.example.nl");
        assertEquals(Reason.HOSTUNKNOWN, host.reason(), host::toString);
    }

    @Test
    void unknownUserWordingOutsideAnImailNoticeStaysAFilterWithoutACommand() {
        // the same words in a notice of no known format: Sisimai's Reason::Filtered rule still holds
        RecipientResult r = only(text("""
                From: Mail Delivery System <postmaster@mail.bakkerij.example.nl>
                To: <news@shop.example>
                Subject: Delivery failure""", """
                Your message could not be delivered.

                Unknown user: pieter@bakkerij.example.nl
                """));
        assertFalse(r.suppress(), r::toString);
    }

    /** A Sendmail V5 "Returned mail" report: transcript, several recipients, each with its own line. */
    @Test
    void aSendmailV5TranscriptGivesEachRecipientItsOwnLineAndCommand() {
        AnalysisReport rep = analyzer.analyze(text("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.verlag.example.de>
                To: news@shop.example
                Subject: Returned mail: User unknown""", """
                   ----- Transcript of session follows -----
                550 post.zeitung.example.de (smtp)... 550 Host unknown
                554 <redaktion@zeitung.example.de>... 550 Host unknown (Authoritative answer from name server)
                While talking to mx.buch.example.de:
                >>> QUIT
                <<< 421 mx.buch.example.de closing, try later
                While talking to mail.kunst.example.de:
                >>> RCPT To:<ute.berger@kunst.example.de>
                <<< 550 No such mailbox here
                550 <ute.berger@kunst.example.de>... User unknown

                   ----- Unsent message follows -----
                From: news@shop.example
                To: redaktion@zeitung.example.de
                Subject: Herbst
                """));
        assertEquals(2, rep.recipients().size(), rep::toString);
        RecipientResult host = rep.recipients().get(0);
        assertEquals("redaktion@zeitung.example.de", host.recipient());
        assertEquals(Reason.HOSTUNKNOWN, host.reason(), host::toString);
        RecipientResult user = rep.recipients().get(1);
        assertEquals("ute.berger@kunst.example.de", user.recipient());
        assertEquals(Reason.USERUNKNOWN, user.reason(), user::toString);
        assertTrue(user.suppress(), user::toString);
    }

    @Test
    void aSendmailV5RecipientRefusedAtMailFromKeepsThatCommand() {
        RecipientResult r = only(text("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.verlag.example.de>
                To: news@shop.example
                Subject: Returned mail: Service unavailable""", """
                   ----- Transcript of session follows -----
                While talking to mx.kunst.example.de:
                >>> MAIL From:<news@shop.example>
                <<< 550 Relaying denied
                554 <anna@kunst.example.de>... Remote protocol error

                   ----- Unsent message follows -----
                From: news@shop.example
                To: anna@kunst.example.de
                """));
        assertEquals("anna@kunst.example.de", r.recipient());
        assertEquals("MAIL", r.smtpCommand(), r::toString);
        assertEquals(Reason.NORELAYING, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /** qmail-send's notice naming the report's own addressee as the failed recipient (a mail to oneself). */
    @Test
    void aQmailRecipientLineCountsEvenForTheReportsOwnAddressee() {
        RecipientResult r = only(text("""
                From: MAILER-DAEMON@post.kantoor.example.nl
                To: jan.smit@kantoor.example.nl
                Subject: failure notice""", """
                Hi. This is the qmail-send program at post.kantoor.example.nl.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <jan.smit@kantoor.example.nl>:
                198.51.100.7 does not like recipient.
                Remote host said: 552 sorry, disk quota exceeded for this mailbox
                Giving up on 198.51.100.7.

                --- Below this line is a copy of the message.
                """));
        assertEquals("jan.smit@kantoor.example.nl", r.recipient());
        assertEquals(Reason.MAILBOXFULL, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /** A Sendmail DSN whose Final-Recipient has no local part: the address is in the transcript. */
    @Test
    void aRecipientFieldWithoutALocalPartTakesTheAddressOfTheDiagnosis() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@gw.reederei.example.no>
                To: <news@shop.example>
                Subject: Returned mail: see transcript for details
                Date: Tue, 08 Dec 2026 09:30:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="XYZ"

                --XYZ

                   ----- The following addresses had permanent fatal errors -----
                <ola@fjord.example.no>
                    (reason: 550 Host unknown)

                   ----- Transcript of session follows -----
                550 5.1.2 <ola@fjord.example.no>... Host unknown (Name server: ns.fjord.example.no: host not found)

                --XYZ
                Content-Type: message/delivery-status

                Reporting-MTA: dns; gw.reederei.example.no

                Final-Recipient: RFC822; @mx.fjord.example.no
                Action: failed
                Status: 5.1.2

                --XYZ--
                """;
        RecipientResult r = only(Mails.raw(mail));
        assertEquals("ola@fjord.example.no", r.recipient());
        assertEquals(Reason.HOSTUNKNOWN, r.reason(), r::toString);
        assertTrue(r.suppress(), r::toString);
    }

    private RecipientResult docomo(String status, String said) {
        return only(Mails.dsn("MAILER-DAEMON@mta.shop.example", "Undelivered Mail Returned to Sender",
                "<hana@docomo.ne.jp>: host mfsmax.docomo.ne.jp[192.0.2.40] said: " + said,
                "hana@docomo.ne.jp", "failed", status, "mfsmax.docomo.ne.jp", said.replaceAll(" \\(in reply.*", "")));
    }

    @Test
    void nttDocomoDecidesByStatusAndCommand() {
        RecipientResult data = docomo("5.0.0", "550 Unknown user hana@docomo.ne.jp (in reply to end of DATA command)");
        assertEquals(Reason.REJECTED, data.reason(), data::toString);
        assertFalse(data.suppress());
        RecipientResult rcpt = docomo("5.0.0", "550 Unknown user hana@docomo.ne.jp (in reply to RCPT TO command)");
        assertEquals(Reason.USERUNKNOWN, rcpt.reason(), rcpt::toString);
        assertTrue(rcpt.suppress());
        RecipientResult filter = docomo("5.2.0", "550 Unknown user hana@docomo.ne.jp (in reply to RCPT TO command)");
        assertEquals(Reason.FILTERED, filter.reason(), filter::toString);
        assertFalse(filter.suppress());
    }

    @Test
    void yahoosVolumeOrComplaintsDeferralIsBadReputation() {
        RecipientResult r = analyzer.classifyReply("mia@yahoo.com", "failed", "4.7.0", 421,
                "421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user"
                        + " complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
                "mta5.am0.yahoodns.net");
        assertEquals(Reason.BADREPUTATION, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    @Test
    void openSmtpdsNoMxIsNotAcceptButNeverHardInAWarning() {
        RecipientResult r = only(text("""
                From: Mailer Daemon <MAILER-DAEMON@smtp.atelier.example.fr>
                To: news@shop.example
                Subject: Delivery status notification: warning
                Received: from localhost (smtp.atelier.example.fr [local]) by smtp.atelier.example.fr \
                (OpenSMTPD) with ESMTPA id 77aa01cd; Tue, 08 Dec 2026 09:29:58 +0000""", """
                    Hi!

                    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.

                    A message is delayed for more than 4 hours for the following
                    list of recipients:

                claire@nulle-part.example.fr: No MX found for domain

                    Please note that this is only a temporary failure report.
                    The message is kept in the queue for up to 4 days.
                    You DO NOT NEED to re-send the message to these recipients.

                    Below is a copy of the original message:
                """));
        assertEquals(Reason.NOTACCEPT, r.reason(), r::toString);
        assertFalse(r.suppress(), r::toString);
    }
}
