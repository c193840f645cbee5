package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Never report an address that is not a failed recipient: hand-written reports (not corpus mails) for each way an
 * address used to be misread.
 */
class RecipientExtractionTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    private List<String> recipients(byte[] mail) {
        return analyzer.analyze(mail).recipients().stream().map(RecipientResult::recipient).toList();
    }

    private static byte[] textBounce(String subject, String body) {
        return Mails.plain("Return-Path: <>\nFrom: Mail Delivery System <MAILER-DAEMON@relay.example.net>\n"
                + "To: news@shop.example\nSubject: " + subject + "\nDate: Mon, 30 Nov 2026 10:00:00 +0000", body);
    }

    @Test
    void theOriginalsToAndCcAreNotFailedRecipientsWhenTheReportNamesAnother() {
        byte[] mail = textBounce("Undelivered Mail Returned to Sender", """
                I could not deliver your message to the following address:

                  <maria.lopez@dept.example.edu>: 550 5.1.1 mailbox unavailable

                ------ This is a copy of your message, including all the headers. ------
                From: News <news@shop.example>
                To: maria.lopez@dept.example.edu, team@dept.example.edu
                Cc: boss@dept.example.edu
                Subject: Our offers
                """);
        assertEquals(List.of("maria.lopez@dept.example.edu"), recipients(mail));
    }

    @Test
    void aHelpAddressInTheReceiversExplanationIsNotARecipient() {
        byte[] mail = textBounce("Delivery failure", """
                Your message to <ken@isp.example.jp> could not be delivered: 550 5.1.1 user unknown.
                If you believe this is an error, please send an e-mail to helpdesk@isp.example.jp with this report.
                Questions? Write to abuse-desk@isp.example.jp.
                """);
        assertEquals(List.of("ken@isp.example.jp"), recipients(mail));
    }

    @Test
    void aTrailingBracketIsNotPartOfTheAddress() {
        byte[] mail = textBounce("Undeliverable mail", """
                Delivery to the following recipients failed permanently:
                [anna.berg@posten.example.se] 550 5.1.1 No such user [anna.berg@posten.example.se]
                """);
        assertEquals(List.of("anna.berg@posten.example.se"), recipients(mail));
    }

    @Test
    void aDomainLiteralKeepsItsBrackets() {
        byte[] mail = textBounce("Undeliverable mail", """
                Delivery to the following recipients failed permanently:
                  postmaster@[192.0.2.25]: 550 5.1.1 No such user
                """);
        assertEquals(List.of("postmaster@[192.0.2.25]"), recipients(mail));
    }

    @Test
    void anExchangeSmtpPrefixIsCut() {
        byte[] mail = textBounce("Undeliverable: Our offers", """
                Delivery has failed to these recipients or groups:

                smtp=Olaf.Hansen@firma.example.no
                The e-mail address you entered couldn't be found. 550 5.1.1 RESOLVER.ADR.RecipNotFound
                """);
        assertEquals(List.of("olaf.hansen@firma.example.no"), recipients(mail));
    }

    @Test
    void aQuotedPrintableSoftBreakDoesNotSplitAnAddress() {
        byte[] mail = textBounce("Mail delivery failed", "This message was created automatically by mail delivery"
                + " software.\n\nA message that you sent could not be delivered to one or more of its recipients:\n\n"
                + "  christopher.wainwright-smyth@longdomain-=\nmail.example.co.uk\n    550 5.1.1 unknown user\n");
        assertEquals(List.of("christopher.wainwright-smyth@longdomain-mail.example.co.uk"), recipients(mail));
    }

    @Test
    void aQuotedLocalPartKeepsItsQuotes() {
        byte[] mail = Mails.dsn("MAILER-DAEMON@mx.example.org", "Undelivered Mail Returned to Sender",
                "I'm sorry to have to inform you that your message could not be delivered.",
                "\"jo..smith\"@example.org", "failed", "5.1.1", "mx.example.org", "550 5.1.1 user unknown");
        assertEquals(List.of("\"jo..smith\"@example.org"), recipients(mail));
    }

    @Test
    void anEncodedWordLocalPartIsDecodedAndKeepsItsCase() {
        byte[] mail = Mails.dsn("MAILER-DAEMON@mx.example.de", "Unzustellbar", "Zustellung fehlgeschlagen.",
                "=?UTF-8?Q?J=C3=B6rg?=@example.de", "failed", "5.1.1", "mx.example.de", "550 5.1.1 unknown");
        assertEquals(List.of("Jörg@example.de"), recipients(mail));
    }

    @Test
    void anInvalidAddressIsReportedNotDropped() {
        byte[] mail = Mails.dsn("MAILER-DAEMON@mx.example.net", "Undelivered Mail Returned to Sender",
                "Your message could not be delivered.", "user@#example.net", "failed", "5.1.3", null,
                "553 5.1.3 bad recipient address syntax");
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(1, r.recipients().size(), r::toString);
        assertEquals("user@#example.net", r.recipients().get(0).recipient());
    }

    private static byte[] sesMail(String message) {
        String json = "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"7d1e0c52-1b4c-5b8a-9f3e-2b7e8d1a0c11\",\n"
                + "  \"TopicArn\" : \"arn:aws:sns:eu-west-1:210987654321:ses-feedback\",\n  \"Message\" : \""
                + message.replace("\"", "\\\"") + "\"\n}\n";
        return Mails.plain("From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: ops@shop.example\n"
                + "Subject: AWS Notification Message\nDate: Mon, 30 Nov 2026 10:00:00 +0000", json);
    }

    private static final String SES_MAIL = "\"mail\":{\"timestamp\":\"2026-11-30T09:59:58.000Z\","
            + "\"source\":\"News <news@shop.example>\",\"sourceArn\":\"arn:aws:ses:eu-west-1:210987654321:identity/"
            + "news@shop.example\",\"sendingAccountId\":\"210987654321\",\"destination\":[\"liv@mail.example.se\"],"
            + "\"commonHeaders\":{\"from\":[\"news@shop.example\"],\"to\":[\"liv@mail.example.se\"]}}";

    @Test
    void sesBounceJsonNamesOnlyTheBouncedRecipients() {
        byte[] mail = sesMail("{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"liv@mail.example.se\","
                + "\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 no mailbox\"}],"
                + "\"reportingMTA\":\"dsn; a1-2.smtp-out.eu-west-1.amazonses.com\"}," + SES_MAIL + "}");
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(List.of("liv@mail.example.se"), r.recipients().stream().map(RecipientResult::recipient).toList());
        assertTrue(r.recipients().get(0).suppress());
    }

    @Test
    void sesComplaintJsonIsAComplaintAndNeverNamesTheSender() {
        byte[] mail = sesMail("{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":"
                + "[{\"emailAddress\":\"liv@mail.example.se\"}],\"complaintFeedbackType\":\"abuse\","
                + "\"timestamp\":\"2026-11-30T10:00:00.000Z\"}," + SES_MAIL + "}");
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(Outcome.COMPLAINT, r.outcome());
        assertEquals(List.of("liv@mail.example.se"), r.recipients().stream().map(RecipientResult::recipient).toList());
    }

    @Test
    void sesJsonWrappedByMailSoftwareIsStillRead() {
        String msg = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"liv@mail.example.se\","
                + "\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 no mailbox\"}]},"
                + SES_MAIL + "}";
        String json = "{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"" + msg.replace("\"", "\\\"") + "\"\n}\n";
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < json.length(); i += 200) {
            wrapped.append(json, i, Math.min(json.length(), i + 200)).append("\n ");
        }
        byte[] mail = Mails.plain("From: no-reply@sns.amazonaws.com\nTo: ops@shop.example\n"
                + "Subject: AWS Notification Message", wrapped.toString());
        assertEquals(List.of("liv@mail.example.se"), recipients(mail));
    }

    @Test
    void anAutoReplyIsNotABounceOfItsOwnAddressWhateverItsSubject() {
        byte[] mail = Mails.plain("""
                From: Pia Kurz <pia.kurz@kanzlei.example.at>
                To: news@shop.example
                Subject: Returned mail: Abwesenheit bis 7. Dezember
                Auto-Submitted: auto-replied
                X-Autoreply: yes
                Date: Mon, 30 Nov 2026 10:00:00 +0100""", """
                Danke für Ihre Nachricht. Ich bin bis 7. Dezember nicht im Büro und lese keine E-Mails.
                Your message could not be read until then.
                """);
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(Outcome.AUTO_REPLY, r.outcome(), r::toString);
        assertFalse(r.recipients().stream().anyMatch(RecipientResult::suppress));
    }

    @Test
    void aVersionNumberInTheQuotedSubjectIsNotAStatus() {
        byte[] mail = textBounce("failure notice", """
                Hi. This is the qmail-send program at mx.example.com.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <ravi@example.in>:
                Sorry, no mailbox here by that name.

                --- Below this line is a copy of the message.

                Subject: Release notes Foo 2.0.12
                """);
        AnalysisReport r = analyzer.analyze(mail);
        assertEquals(1, r.recipients().size(), r::toString);
        RecipientResult x = r.recipients().get(0);
        assertNotEquals("2.0.12", x.statusText());
        assertEquals(Reason.USERUNKNOWN, x.reason());
        assertEquals("ravi@example.in", x.recipient());
    }

    @Test
    void versionWordsAndVersionLikeNumbersAreNoStatus() {
        RecipientResult r = analyzer.classifyReply("a@b.example", "failed", null, 0,
                "remote server (Exim 4.94.2, version 5.1.1 of the filter) refused the message", "");
        assertTrue(r.status() == null || r.statusInferred(), r::toString);
    }

    @Test
    void noSuppressWithoutARecipient() {
        byte[] mail = Mails.dsn("MAILER-DAEMON@mx.example.net", "Undelivered Mail Returned to Sender",
                "Your message could not be delivered.", "", "failed", "5.1.1", null, "550 5.1.1 user unknown");
        for (RecipientResult r : analyzer.analyze(mail).recipients()) {
            assertFalse(r.suppress() && r.recipient().isEmpty(), r::toString);
        }
    }
}
