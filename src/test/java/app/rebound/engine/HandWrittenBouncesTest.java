package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Realistic bounces beyond the corpus: one per major receiver / MTA / verdict rule. */
class HandWrittenBouncesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    private RecipientResult only(byte[] mail) {
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(1, r.recipients().size(), () -> "results: " + r);
        return r.recipients().get(0);
    }

    @Test
    void gmailUnknownUserIsHardAndSuppressed() {
        RecipientResult r = only(Mails.dsn("Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                "Delivery Status Notification (Failure)", "Address not found", "jane.doe@gmail.com", "failed",
                "5.1.1", "gmail-smtp-in.l.google.com",
                "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
                        + " 550-5.1.1 double-checking the recipient's email address for typos or\n"
                        + " 550-5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser"
                        + " 41be03b00d2f7-b0d3f9c1a6esi123 - gsmtp"));
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertEquals("5.1.1", r.statusText());
        assertEquals(550, r.replyCode());
        assertEquals(BounceType.HARD, r.type());
        assertEquals(Fault.RECIPIENT, r.fault());
        assertTrue(r.suppress());
        assertTrue(r.why().startsWith("Gmail said the mailbox does not exist (550 5.1.1)"), r.why());
        assertEquals("jane.doe@gmail.com", r.recipient());
    }

    @Test
    void microsoftS3150IsSenderBlockNotSuppressedAndTrapSuspicious() {
        RecipientResult r = only(Mails.dsn("postmaster@outlook.com", "Undeliverable: Our November offers",
                "Delivery has failed to these recipients", "joe@hotmail.com", "failed", "5.7.1",
                "hotmail-com.olc.protection.outlook.com",
                "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet"
                        + " service provider since part of their network is on our block list (S3150)."));
        assertEquals(Reason.BLOCKED, r.reason());
        assertEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
        assertTrue(r.trapSuspicion());
        assertEquals("rhost:microsoft:S3150", r.rule());
    }

    @Test
    void yahooTss04DeferralIsSoftDelayed() {
        AnalysisReport rep = analyzer.analyze(Mails.dsn("MAILER-DAEMON@mta1.rebound.example",
                "Warning: message delayed", "Delivery is delayed", "sam@yahoo.com", "delayed", "4.7.0",
                "mta7.am0.yahoodns.net",
                "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user"
                        + " complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"));
        assertEquals(Outcome.DELAYED, rep.outcome());
        RecipientResult r = rep.recipients().get(0);
        assertTrue(r.delayed());
        assertEquals(BounceType.SOFT, r.type());
        assertEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
        assertTrue(r.trapSuspicion());
        assertEquals(421, r.replyCode());
    }

    @Test
    void dkimFailureIsSenderFaultAndNeverSuppressed() {
        RecipientResult r = only(Mails.dsn("MAILER-DAEMON@mta1.rebound.example", "Undelivered Mail Returned to Sender",
                "This is the mail system at host mta1.rebound.example.", "ann@corp.example", "failed", "5.7.1",
                "mx.corp.example",
                "550 5.7.1 Message rejected: DKIM signature verification failed, message is unauthenticated"));
        assertEquals(Reason.AUTHFAILURE, r.reason());
        assertEquals(Fault.SENDER, r.fault());
        assertEquals(BounceType.HARD, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void mailboxFull522IsSoft() {
        RecipientResult r = only(Mails.dsn("MAILER-DAEMON@mta1.rebound.example", "Undelivered Mail Returned to Sender",
                "This is the mail system at host mta1.rebound.example.", "bob@isp.example", "failed", "5.2.2",
                "mx.isp.example", "552 5.2.2 <bob@isp.example>: Mailbox full"));
        assertEquals(Reason.MAILBOXFULL, r.reason());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void postfixPlainTextBounceWithoutDsn() {
        byte[] mail = Mails.plain("""
                Return-Path: <>
                From: MAILER-DAEMON@mta1.rebound.example (Mail Delivery System)
                To: bounce+acme.42.1001.0000000000000000@bounces.rebound.example
                Subject: Undelivered Mail Returned to Sender
                Date: Sat, 28 Nov 2026 09:00:00 +0000""", """
                This is the mail system at host mta1.rebound.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <nobody@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1
                    <nobody@example.org>: Recipient address rejected: User unknown in local
                    recipient table (in reply to RCPT TO command)
                """);
        RecipientResult r = only(mail);
        assertEquals("nobody@example.org", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertEquals("5.1.1", r.statusText());
        assertEquals("RCPT", r.smtpCommand());
        assertTrue(r.suppress());
    }

    @Test
    void eximBounceWithFailedRecipientsHeader() {
        byte[] mail = Mails.plain("""
                Return-path: <>
                From: Mail Delivery System <Mailer-Daemon@mx.rebound.example>
                To: news@shop.example
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: lost@example.net
                Auto-Submitted: auto-replied""", """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  lost@example.net
                    host mx.example.net [192.0.2.30]
                    SMTP error from remote mail server after RCPT TO:<lost@example.net>:
                    550 5.1.1 <lost@example.net>: Recipient address rejected: User unknown

                ------ This is a copy of the message, including all the headers. ------

                Message-ID: <c42.s1001@rebound.example>
                X-Rebound-Subscriber: 1001
                Subject: Our November offers
                """);
        AnalysisReport rep = analyzer.analyze(mail);
        assertEquals(Outcome.BOUNCE, rep.outcome(), "Exim's Auto-Submitted must not make it an auto-reply");
        RecipientResult r = rep.recipients().get(0);
        assertEquals("lost@example.net", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertEquals("c42.s1001@rebound.example", rep.links().messageId());
        assertEquals("1001", rep.links().subscriber());
    }

    @Test
    void amazonSesJsonBounce() {
        byte[] mail = Mails.plain("""
                From: AWS Notifications <no-reply@sns.amazonaws.com>
                To: ops@shop.example
                Subject: AWS Notification Message""", """
                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",\
                "bouncedRecipients":[{"emailAddress":"gone@example.com","action":"failed","status":"5.1.1",\
                "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"reportingMTA":"dsn; a8-1.smtp-out.amazonses.com"},\
                "mail":{"messageId":"0100abc","destination":["gone@example.com"]}}
                """);
        RecipientResult r = only(mail);
        assertEquals("gone@example.com", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertTrue(r.suppress());
    }

    @Test
    void arfAbuseIsComplaintButNotSpamIsNot() {
        String arf = """
                From: feedback@fbl.isp.example
                To: fbl@shop.example
                Subject: FW: Our November offers
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="A"

                --A
                Content-Type: text/plain

                This is an email abuse report.

                --A
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: ISP-FBL/1.0
                Version: 1
                Original-Mail-From: <bounce+acme.42.1001.0000000000000000@bounces.rebound.example>
                Original-Rcpt-To: <kim@isp.example>
                Arrival-Date: Sat, 28 Nov 2026 08:00:00 +0000

                --A
                Content-Type: text/rfc822-headers

                Message-ID: <c42.s1001@rebound.example>
                X-Rebound-Campaign: 42
                To: kim@isp.example

                --A--
                """;
        AnalysisReport abuse = analyzer.analyze(arf.formatted("abuse").getBytes());
        assertEquals(Outcome.COMPLAINT, abuse.outcome());
        RecipientResult a = abuse.recipients().get(0);
        assertEquals(BounceType.COMPLAINT, a.type());
        assertEquals(Reason.FEEDBACK, a.reason());
        assertEquals("kim@isp.example", a.recipient());
        assertEquals("abuse", a.feedbackType());
        assertEquals("42", abuse.links().campaign());

        AnalysisReport notSpam = analyzer.analyze(arf.formatted("not-spam").getBytes());
        RecipientResult n = notSpam.recipients().get(0);
        assertEquals(BounceType.UNDETERMINED, n.type(), "not-spam is feedback, not a complaint");
        assertFalse(n.suppress());
    }

    @Test
    void vacationIsAutoReplyNeverBounce() {
        byte[] mail = Mails.plain("""
                From: Kim Lee <kim@corp.example>
                To: news@shop.example
                Subject: Automatic reply: Our November offers
                Auto-Submitted: auto-replied
                X-Auto-Response-Suppress: All""", """
                I am out of the office until Monday with limited access to email.
                """);
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(Outcome.AUTO_REPLY, r.outcome());
        assertEquals(BounceType.AUTO_REPLY, r.recipients().get(0).type());
        assertFalse(r.isBounce());
        assertFalse(r.recipients().get(0).suppress());
    }

    @Test
    void ordinaryMailIsNotABounce() {
        byte[] mail = Mails.plain("""
                From: Kim Lee <kim@corp.example>
                To: news@shop.example
                Subject: Question about my order""", """
                Hello, could you tell me when my order ships? It was sent to kim@corp.example.
                """);
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(Outcome.NOT_A_BOUNCE, r.outcome());
        assertTrue(r.recipients().isEmpty());
    }

    @Test
    void verpTokenLinksTheBounceWhenTheKeyVerifies() {
        Verp verp = new Verp("0123456789abcdef0123456789abcdef".getBytes());
        String rp = verp.encode("acme", "42", "1001", "bounces.rebound.example");
        byte[] mail = new String(Mails.dsn("MAILER-DAEMON@mta1.rebound.example", "Undelivered Mail",
                "failed", "x@example.org", "failed", "5.1.1", "mx.example.org", "550 5.1.1 unknown user"))
                .replace("bounce+acme.42.1001.0000000000000000@bounces.rebound.example", rp).getBytes();
        AnalysisReport r = BounceAnalyzer.withVerp(verp).analyze(mail);
        assertTrue(r.links().verpVerified());
        assertEquals("1001", r.links().subscriber());
        assertEquals("verp", r.links().source());
    }

    @Test
    void bounceForwardedInsideAGatewayNoticeIsReadFromTheEnclosedReport() {
        // A security gateway delivers the DSN it received as an attachment to a notice of its own that names
        // nobody (Trend Micro IMSVA does this). The enclosed report decides, and links to the original send.
        String inner = new String(Mails.dsn("Mail Delivery Subsystem <MAILER-DAEMON@mx2.corp.example>",
                "Returned mail: see transcript for details", "The following addresses had permanent fatal errors",
                "ana@corp.example", "failed", "5.1.1", "mbox.corp.example", "550 5.1.1 <ana@corp.example>... User unknown"),
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] wrapped = Mails.plain(String.join("\n",
                "From: \"Mail Delivery Subsystem\" <MAILER-DAEMON@gw.corp.example>",
                "To: \"Notification\" <notify@gw.corp.example>",
                "Subject: Returned mail: User unknown",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"GW1\""), String.join("\n",
                "--GW1",
                "Content-Type: text/plain",
                "",
                "----- The following addresses had permanent delivery errors -----",
                "",
                "--GW1",
                "Content-Type: message/rfc822",
                "",
                inner.replace("\r\n", "\n"),
                "--GW1--",
                ""));
        AnalysisReport r = analyzer.analyze(wrapped);
        assertEquals(Outcome.BOUNCE, r.outcome(), () -> r.toString());
        RecipientResult only = r.recipients().get(0);
        assertEquals(1, r.recipients().size());
        assertEquals("ana@corp.example", only.recipient());
        assertEquals(Reason.USERUNKNOWN, only.reason());
        assertTrue(only.suppress());
        assertEquals("42", r.links().campaign());
        assertEquals("Returned mail: User unknown", r.subject());
    }

    @Test
    void machineFailureNamingNobodyBlamesTheOriginalsOnlyRecipient() {
        String notice = """
                Message could not be delivered to mobile.
                Error: the handset refused this message

                Original Message:
                From: News <news@shop.example>
                To: %s
                Subject: Our November offers
                Date: Sat, 28 Nov 2026 09:00:00 +0000
                """;
        String headers = """
                Return-Path: <>
                From: MMS Gateway <sysadmin@mms.carrier.example>
                To: news@shop.example
                Subject: Undeliverable Message""";
        AnalysisReport one = analyzer.analyze(Mails.plain(headers, notice.formatted("5551234567@mms.carrier.example")));
        assertEquals(Outcome.BOUNCE, one.outcome(), () -> one.toString());
        assertEquals("5551234567@mms.carrier.example", one.recipients().get(0).recipient());
        assertFalse(one.recipients().get(0).suppress(), "no reason given: never suppress on a guess");

        // Two recipients: no safe guess.
        AnalysisReport two = analyzer.analyze(Mails.plain(headers,
                notice.formatted("5551234567@mms.carrier.example, 5557654321@mms.carrier.example")));
        assertTrue(two.recipients().isEmpty(), () -> two.toString());

        // A person's reply quoting an original is not a machine report.
        AnalysisReport human = analyzer.analyze(Mails.plain(headers.replace("Return-Path: <>",
                "Return-Path: <kim@corp.example>").replace("MMS Gateway <sysadmin@mms.carrier.example>",
                "Kim <kim@corp.example>"), notice.formatted("kim@corp.example")));
        assertTrue(human.recipients().isEmpty(), () -> human.toString());
    }

    @Test
    void eightBitTextLabelledIso2022JpIsReadInTheCharsetItReallyUses() throws Exception {
        // Japanese carriers label EUC-JP or Shift_JIS text as ISO-2022-JP, a 7-bit encoding that cannot hold it.
        String japanese = "次のあて先へのメッセージはエラーのため送信できませんでした。";
        for (String actual : new String[] {"EUC-JP", "windows-31j", "UTF-8"}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(("Return-Path: <>\nFrom: MAILER-DAEMON@carrier.example\nTo: news@shop.example\n"
                    + "Subject: Mail System Error - Returned Mail\nMIME-Version: 1.0\n"
                    + "Content-Type: text/plain; charset=\"ISO-2022-JP\"\nContent-Transfer-Encoding: 7bit\n\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write((japanese + "\n\nYour message was not delivered within 3 days and 0 hours.\n\n"
                    + "The following recipients did not receive this message:\n\n<mika@carrier.example>\n")
                    .getBytes(actual));
            AnalysisReport r = analyzer.analyze(out.toByteArray());
            assertEquals(1, r.recipients().size(), () -> actual + ": " + r);
            RecipientResult x = r.recipients().get(0);
            assertTrue(x.diagnostic().contains(japanese), () -> actual + ": " + x.diagnostic());
            assertEquals(Reason.EXPIRED, x.reason(), actual);
            assertFalse(x.suppress());
        }
    }

    @Test
    void senderLinesInATextBounceAreNotRecipients() {
        byte[] mail = Mails.plain("""
                From: post_master@gw.carrier.example
                To: news@shop.example
                Subject: Re:Our November offers""", """
                Error: Invalid user address

                Error message below:
                550 - Requested action not taken: no such user here

                Message details:
                  Subject: Our November offers
                  MAIL FROM: news@shop.example
                  RCPT TO: 5551234567@gw.carrier.example
                  From: Shop News <offers@shop.example>
                  Reply-To: help@shop.example
                """);
        RecipientResult r = only(mail);
        assertEquals("5551234567@gw.carrier.example", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertEquals(550, r.replyCode());
    }
}
