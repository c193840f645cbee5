package app.rebound.engine;

import static app.rebound.engine.Reports.analyze;
import static app.rebound.engine.Reports.only;
import static app.rebound.engine.Reports.recipients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "failure patterns seen", checked again with reports of our own (other MTAs' templates, other wording and
 * addresses than the earlier tests): the number in each comment is the pattern's number in the issue.
 */
class FailurePatternsTest {
    /**
     * 1: an SES complaint published as an event ("eventType", not "notificationType"): a complaint, never the sending
     * identity.
     */
    @Test
    void sesEventPublishingComplaintIsAComplaintForTheComplainerOnly() {
        String mail = """
                From: Amazon Web Services <no-reply@sns.amazonaws.com>
                To: alerts@store.example
                Subject: AWS Notification Message
                Date: Tue, 01 Dec 2026 08:00:00 +0000
                Content-Type: text/plain; charset=UTF-8

                {"eventType":"Complaint","complaint":{"feedbackId":"0102018f-aaaa","complaintSubType":null,"complainedRecipients":[{"emailAddress":"tomasz@poczta.example.pl"}],"timestamp":"2026-12-01T07:59:00.000Z","userAgent":"Yahoo!-Mail-Feedback/2.0","complaintFeedbackType":"abuse","arrivalDate":"2026-12-01T07:50:00.000Z"},"mail":{"timestamp":"2026-12-01T07:49:00.000Z","source":"offers@store.example","sourceArn":"arn:aws:ses:us-east-1:123456789012:identity/offers@store.example","sendingAccountId":"123456789012","messageId":"0102018f-bbbb","destination":["tomasz@poczta.example.pl"],"headersTruncated":false,"commonHeaders":{"from":["Store <offers@store.example>"],"to":["tomasz@poczta.example.pl"],"subject":"December deals"}}}
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.COMPLAINT, rep.outcome(), rep::toString);
        assertEquals(List.of("tomasz@poczta.example.pl"), recipients(rep));
        assertEquals(BounceType.COMPLAINT, rep.recipients().get(0).type());
    }

    /** 1: a qmail "failure notice" with two "no mailbox here by that name" blocks. */
    @Test
    void qmailFailureNoticeNamesEachDeadMailbox() {
        String mail = """
                Return-Path: <>
                Date: 1 Dec 2026 08:10:11 -0000
                From: MAILER-DAEMON@mail.hosting.example.it
                To: newsletter@store.example
                Subject: failure notice

                Hi. This is the qmail-send program at mail.hosting.example.it.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <giulia.rossi@hosting.example.it>:
                Sorry, no mailbox here by that name. (#5.1.1)

                <marco@hosting.example.it>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.

                Return-Path: <newsletter@store.example>
                From: Store <newsletter@store.example>
                To: giulia.rossi@hosting.example.it
                Subject: December deals

                Hello
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("giulia.rossi@hosting.example.it", "marco@hosting.example.it"), recipients(rep));
        for (RecipientResult r : rep.recipients()) {
            assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
            assertTrue(r.suppress());
        }
    }

    /** 1: Mailman 2's auto-discard notice to a non-member, its key words wrapped over two lines. */
    @Test
    void mailmanNonMemberNoticeIsARefusedPost() {
        String mail = """
                Return-Path: <club-bounces@lists.club.example.org>
                From: club-owner@lists.club.example.org
                To: newsletter@store.example
                Subject: Auto-response for your message to the "Club" mailing list
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                Content-Type: text/plain; charset="us-ascii"

                Your message has been rejected, probably because you are not
                subscribed to the mailing list and the list's policy is to prohibit
                non-members from posting to it.  Please subscribe and repost your
                message if you wish to post to this list.
                """;
        RecipientResult r = only(mail);
        assertEquals(Reason.REJECTED, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /**
     * 1 and 2: an ezmlm refusal inside a qmail notice: the list refused the post; the list owner it names is a help
     * address.
     */
    @Test
    void ezmlmRefusalCarriedByQmailIsRejectedAndTheOwnerAddressIsNoRecipient() {
        String mail = """
                Return-Path: <>
                From: board-help@groups.example.net
                To: newsletter@store.example
                Subject: failure notice
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                Hi. This is the qmail-send program at groups.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <board@groups.example.net>:
                Sorry, only subscribers may post. If you are a subscriber, please forward this message to board-owner@groups.example.net to get your new address included (#5.7.2)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("board@groups.example.net"), recipients(rep));
        assertEquals(Reason.REJECTED, rep.recipients().get(0).reason());
        assertFalse(rep.recipients().get(0).suppress());
    }

    /** 2: "forward this message to ..." and "get in touch with ..." name help desks, not failed recipients. */
    @Test
    void helpAddressesInTheReceiversSentencesAreNotRecipients() {
        String mail = """
                Return-Path: <>
                From: postmaster@mail.uni.example.edu
                To: newsletter@store.example
                Subject: Undeliverable message
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                Your message to sam.taylor@uni.example.edu was not delivered: 550 5.1.1 no such account.
                If you think this is a mistake, forward this message to postmaster-team@uni.example.edu
                or get in touch with it-support@uni.example.edu.
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("sam.taylor@uni.example.edu"), recipients(rep));
        assertTrue(rep.recipients().get(0).suppress());
    }

    /** 2: X-Failed-Recipients names one address; the original's To/Cc hold others and its subject a version number. */
    @Test
    void theOriginalsOtherRecipientsAndAVersionInItsSubjectAreIgnored() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery System <Mailer-Daemon@mx2.firma.example.at>
                To: newsletter@store.example
                Subject: Mail delivery failed: returning message to sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                X-Failed-Recipients: lukas.huber@firma.example.at

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  lukas.huber@firma.example.at
                    SMTP error from remote mail server after RCPT TO:<lukas.huber@firma.example.at>:
                    550 5.1.1 Unknown recipient

                ------ This is a copy of the message, including all the headers. ------

                Return-path: <newsletter@store.example>
                From: Store <newsletter@store.example>
                To: sales@firma.example.at, lukas.huber@firma.example.at
                Cc: eva.gruber@firma.example.at
                Subject: Offer 2.0.12 released

                Hi
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("lukas.huber@firma.example.at"), recipients(rep));
        assertEquals("5.1.1", rep.recipients().get(0).statusText());
    }

    /** 2: Exchange's "rfc822;SMTP:Name@domain". */
    @Test
    void anUpperCaseSmtpPrefixInTheFinalRecipientIsCut() {
        String mail = """
                Return-Path: <>
                From: Microsoft Outlook <postmaster@corp.example.com>
                To: newsletter@store.example
                Subject: Undeliverable: Offers
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="XB"

                --XB
                Content-Type: text/plain; charset=us-ascii

                Delivery has failed to these recipients or groups:

                Hanna Virtanen (hanna.virtanen@corp.example.com)
                The email address you entered couldn't be found.

                --XB
                Content-Type: message/delivery-status

                Reporting-MTA: dns;EX01.corp.example.com
                Received-From-MTA: dns;mail.store.example

                Final-Recipient: rfc822;SMTP:Hanna.Virtanen@corp.example.com
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found [hanna.virtanen@corp.example.com]

                --XB--
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("hanna.virtanen@corp.example.com"), recipients(rep));
    }

    /** 2: the whole report quoted-printable, the address broken by a soft line break. */
    @Test
    void aSoftBreakInAQuotedPrintableBodyDoesNotSplitTheAddress() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@relay.example.co.uk
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                This is the mail system at host relay.example.co.uk.

                <alexandra.montgomery-fitzwilliam@very-long-subdomain.departm=
                ent.example.co.uk>: host mx.example.co.uk[192.0.2.3] said: 550 5.1.1 User unknown (in reply to RCPT TO command)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("alexandra.montgomery-fitzwilliam@very-long-subdomain.department.example.co.uk"),
                recipients(rep));
    }

    /** 2: an auto-reply whose subject quotes a failure and a status: its own address is no bounce. */
    @Test
    void anOutOfOfficeReplyWhoseSubjectSoundsLikeABounceIsAnAutoReply() {
        String mail = """
                Return-Path: <pieter@bureau.example.nl>
                From: Pieter de Vries <pieter@bureau.example.nl>
                To: newsletter@store.example
                Subject: Automatic reply: Delivery failure notice 5.1.1
                Auto-Submitted: auto-replied
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                I am out of the office until 14 December. Your message could not be read until then.
                For urgent matters contact office@bureau.example.nl.
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.AUTO_REPLY, rep.outcome(), rep::toString);
        for (RecipientResult r : rep.recipients()) {
            assertFalse(r.suppress());
            assertEquals(BounceType.AUTO_REPLY, r.type());
        }
    }

    /** 2: a failure that names no address and returns no original: no row suppresses anybody. */
    @Test
    void aFailureNamingNobodyGivesNoSuppression() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.biz
                To: newsletter@store.example
                Subject: Delivery failure
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                Your message could not be delivered. 550 5.1.1 User unknown.
                """;
        AnalysisReport rep = analyze(mail);
        for (RecipientResult r : rep.recipients()) {
            assertFalse(r.recipient().isEmpty(), rep::toString);
        }
        assertTrue(rep.recipients().stream().noneMatch(r -> r.suppress() && r.recipient().isEmpty()));
    }

    /** 2: "551 5.1.6 User has moved; please try <new address>": only the old address failed. */
    @Test
    void aForwardingAddressInsideTheReplyIsNotARecipient() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.at
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host mx.example.at.

                <max@old.example.at>: host mx.old.example.at[192.0.2.3] said: 551 5.1.6 User has moved; please try <max@new.example.at> (in reply to RCPT TO command)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("max@old.example.at"), recipients(rep));
        assertEquals(Reason.HASMOVED, rep.recipients().get(0).reason());
    }

    /** 2: an SES bounce with headers: source, ARN identity, Reply-To and From are never recipients. */
    @Test
    void sesBounceNotificationNamesNeitherSourceNorReplyTo() {
        String mail = """
                From: no-reply@sns.amazonaws.com
                To: alerts@store.example
                Subject: AWS Notification Message
                Date: Tue, 01 Dec 2026 08:00:00 +0000

                {"notificationType":"Bounce","bounce":{"feedbackId":"01000aaa","bounceType":"Transient","bounceSubType":"MailboxFull","bouncedRecipients":[{"emailAddress":"nora@fjell.example.no","action":"failed","status":"4.2.2","diagnosticCode":"smtp; 452 4.2.2 Mailbox full"}],"timestamp":"2026-12-01T07:59:00.000Z","remoteMtaIp":"192.0.2.8","reportingMTA":"dsn; b2-1.smtp-out.eu-north-1.amazonses.com"},"mail":{"timestamp":"2026-12-01T07:58:00.000Z","source":"\\"Store News\\" <offers@store.example>","sourceArn":"arn:aws:ses:eu-north-1:123456789012:identity/store.example","sourceIp":"198.51.100.9","callerIdentity":"ses-sender","sendingAccountId":"123456789012","messageId":"0100018f","destination":["nora@fjell.example.no"],"headers":[{"name":"From","value":"Store News <offers@store.example>"},{"name":"Reply-To","value":"care@store.example"},{"name":"To","value":"nora@fjell.example.no"}],"commonHeaders":{"from":["Store News <offers@store.example>"],"replyTo":["care@store.example"],"to":["nora@fjell.example.no"]}}}
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("nora@fjell.example.no"), recipients(rep));
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(0).reason());
        assertFalse(rep.recipients().get(0).suppress());
    }

    /** 2: a quoted local part with a blank in a Postfix text report. */
    @Test
    void aQuotedLocalPartInAPlainTextReportKeepsItsQuotes() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.es
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host mx.example.es.

                <"ana maria"@example.es>: host mx.example.es[192.0.2.2] said: 550 5.1.1 User
                    unknown (in reply to RCPT TO command)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("\"ana maria\"@example.es"), recipients(rep));
    }

    /** 4: Exim deferring on a Postfix postgrey reply: soft, the receiver's policy, never the sender's fault. */
    @Test
    void greylistingByPostgreyIsTransientAndTheReceiversPolicy() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery System <MAILER-DAEMON@out.store.example>
                To: newsletter@store.example
                Subject: Mail delivery failed: returning message to sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a temporary error. The following address(es) deferred:

                  hugo@bistro.example.be
                    SMTP error from remote mail server after RCPT TO:<hugo@bistro.example.be>:
                    450 4.2.0 <hugo@bistro.example.be>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/bistro.example.be.html
                """;
        AnalysisReport rep = analyze(mail);
        RecipientResult r = rep.recipients().get(0);
        assertEquals("hugo@bistro.example.be", r.recipient());
        assertEquals(BounceType.SOFT, r.type());
        assertEquals(Fault.RECEIVER_SYSTEM, r.fault());
        assertFalse(r.suppress());
    }

    /** 7: acme.com is not iCloud's me.com, olive.com not live.com, aolmail.example not AOL. */
    @Test
    void receiversAreMatchedOnDomainLabelsOnly() {
        BounceAnalyzer analyzer = BounceAnalyzer.standard();
        RecipientResult acme = analyzer.classifyReply("jo@acme.com", "failed", null, 0,
                "550 5.1.1 <jo@acme.com>: inactive email address", "mx.acme.com");
        assertFalse(acme.rule().startsWith("rhost:apple"), acme::rule);
        RecipientResult olive = analyzer.classifyReply("jo@olive.com", "failed", null, 0,
                "550 5.5.0 Requested action not taken: mailbox unavailable", "mail.olive.com");
        assertFalse(olive.rule().startsWith("rhost:microsoft"), olive::rule);
        RecipientResult aol = analyzer.classifyReply("jo@aolmail.example", "failed", null, 0,
                "550 5.1.1 mailbox not found", "mx.aolmail.example");
        assertFalse(aol.rule().startsWith("rhost:aol"), aol::rule);
    }

    /** 4: greylisting said in other words, with 4.7.1 codes: soft, the receiver's policy. */
    @Test
    void greylistingInOtherWordsIsSoftAndNobodysFault() {
        BounceAnalyzer analyzer = BounceAnalyzer.standard();
        for (String reply : List.of("451 4.7.1 Greylisting in action, please come back later",
                "450 4.7.1 <jo@example.org>: Recipient address rejected: Service is unavailable "
                + "(try again later, greylisted)")) {
            RecipientResult r = analyzer.classifyReply("jo@example.org", "failed", null, 0, reply, "mx.example.org");
            assertEquals(BounceType.SOFT, r.type(), reply);
            assertEquals(Fault.RECEIVER_SYSTEM, r.fault(), reply);
            assertFalse(r.suppress(), reply);
        }
    }

    /** 6: "rejected due to recipient preferences" as well as "refused ...": a filter, not a dead mailbox. */
    @Test
    void aRefusalByTheRecipientsPreferencesIsAFilterWhateverTheVerb() {
        RecipientResult r = BounceAnalyzer.standard().classifyReply("jo@example.org", "failed", null, 0,
                "550 5.7.1 Message rejected due to recipient preferences", "mx.example.org");
        assertEquals(Reason.FILTERED, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /** 6: "Mailbox disabled ..., user unknown": suspended, never suppressed. */
    @Test
    void aDisabledMailboxCalledUnknownIsNotDead() {
        RecipientResult r = BounceAnalyzer.standard().classifyReply("jo@example.org", "failed", null, 0,
                "550 Mailbox disabled for this recipient, user unknown", "mx.example.org");
        assertEquals(Reason.SUSPEND, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /**
     * 2: Exim listing three failed addresses, one "(generated from <alias>)": three results, each with its own reply.
     */
    @Test
    void eachEximRecipientKeepsItsOwnReplyAndTheAliasIsNoRecipient() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery System <Mailer-Daemon@mx.example.se>
                To: newsletter@store.example
                Subject: Mail delivery failed: returning message to sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  anna@mx.example.se
                    SMTP error from remote mail server after RCPT TO:<anna@mx.example.se>:
                    550 5.1.1 <anna@mx.example.se>: Recipient address rejected: User unknown
                  bo@mx.example.se
                    SMTP error from remote mail server after RCPT TO:<bo@mx.example.se>:
                    552 5.2.2 <bo@mx.example.se>: Mailbox full
                  cissi@mx.example.se
                    (generated from info@mx.example.se)
                    all relevant MX records point to non-existent hosts
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("anna@mx.example.se", "bo@mx.example.se", "cissi@mx.example.se"), recipients(rep));
        assertEquals(Reason.USERUNKNOWN, rep.recipients().get(0).reason());
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(1).reason());
        RecipientResult cissi = rep.recipients().get(2);
        assertEquals(Reason.HOSTUNKNOWN, cissi.reason(), cissi::toString);
        assertFalse(cissi.diagnostic().contains("550"), cissi::diagnostic);
    }

    /** 2: "<luis@#example.net>: bad address syntax" in a text report: reported as written, not dropped. */
    @Test
    void anInvalidAddressInAPlainTextReportIsReportedAsWritten() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.net
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host mx.example.net.

                <luis@#example.net>: bad address syntax: 553 5.1.3 The recipient address <luis@#example.net> is not a valid RFC 5321 address
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("luis@#example.net"), recipients(rep));
        assertEquals("5.1.3", rep.recipients().get(0).statusText());
    }

    /**
     * 2: Postfix's "<a@b> (expanded from <info@b>)": the alias is alive and not reported; each address keeps its own
     * reply.
     */
    @Test
    void theAliasAFailedAddressWasExpandedFromIsNoRecipient() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@smtp.example.dk (Mail Delivery System)
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host smtp.example.dk.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                For further assistance, please send mail to postmaster.

                If you do so, please include this problem report. You can
                delete your own text from the attached returned message.

                                   The mail system

                <freja@example.dk> (expanded from <info@example.dk>): host mx.example.dk[192.0.2.5]
                    said: 550 5.1.1 <freja@example.dk>: Recipient address rejected: User unknown
                    (in reply to RCPT TO command)

                <oskar@example.dk>: host mx.example.dk[192.0.2.5] said: 552 5.2.2 <oskar@example.dk>:
                    Mailbox full (in reply to RCPT TO command)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("freja@example.dk", "oskar@example.dk"), recipients(rep));
        assertEquals(Reason.USERUNKNOWN, rep.recipients().get(0).reason());
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(1).reason());
    }

    /** 2: Sendmail's "(expanded from: <sales@b>)" under the failed address, then the transcript. */
    @Test
    void sendmailExpandedFromAndTranscriptNameOnlyTheFailedAddress() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.ie>
                To: newsletter@store.example
                Subject: Returned mail: see transcript for details
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                The original message was received at Tue, 1 Dec 2026 08:59:58 GMT
                from mail.store.example [198.51.100.4]

                   ----- The following addresses had permanent fatal errors -----
                <siobhan.murphy@mail.example.ie>
                    (reason: 550 5.1.1 <siobhan.murphy@mail.example.ie>... User unknown)
                    (expanded from: <sales@example.ie>)

                   ----- Transcript of session follows -----
                ... while talking to mx2.example.ie.:
                >>> RCPT To:<siobhan.murphy@mail.example.ie>
                <<< 550 5.1.1 <siobhan.murphy@mail.example.ie>... User unknown
                550 5.1.1 <siobhan.murphy@mail.example.ie>... User unknown
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("siobhan.murphy@mail.example.ie"), recipients(rep));
        assertEquals(Reason.USERUNKNOWN, rep.recipients().get(0).reason());
    }

    /**
     * 2: "Your message from <sender> to <recipient> could not be delivered", no original returned: only the recipient.
     */
    @Test
    void theSendersAddressInTheReportsProseIsNoRecipient() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.gr
                To: bounce+acme.42.1001.0000000000000000@bounces.rebound.example
                Subject: Delivery failure
                Date: Tue, 01 Dec 2026 09:00:00 +0200

                Your message from news@shop.example to eleni@mx.example.gr could not be delivered.
                Reason: 550 5.1.1 mailbox unavailable
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("eleni@mx.example.gr"), recipients(rep));
        assertTrue(rep.recipients().get(0).suppress());
    }

    /** 2: "The message sent by <sender> could not be delivered to the following address:", then the failed one. */
    @Test
    void theSendersAddressOnALineOfItsOwnSentenceIsNoRecipient() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.gr
                To: bounce+acme.42.1001.0000000000000000@bounces.rebound.example
                Subject: Delivery failure
                Date: Tue, 01 Dec 2026 09:00:00 +0200

                The message sent by news@shop.example could not be delivered to the following address:

                eleni@mx.example.gr: 550 5.1.1 mailbox unavailable
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("eleni@mx.example.gr"), recipients(rep));
    }

    /**
     * 5: Exchange's "Delivery is delayed to these recipients or groups" (no DSN part): a delay, soft, never suppressed.
     */
    @Test
    void anExchangeDelayNoticeInPlainTextIsADelay() {
        String mail = """
                Return-Path: <>
                From: Microsoft Outlook <postmaster@firm.example.co.za>
                To: newsletter@store.example
                Subject: Delivery delayed:Winter sale
                Date: Tue, 01 Dec 2026 09:00:00 +0200

                Delivery is delayed to these recipients or groups:

                thabo.nkosi@firm.example.co.za

                Subject: Winter sale

                This message hasn't been delivered yet. Delivery will continue to be attempted.

                The server will keep trying to deliver this message for the next 1 days, 19 hours and 52 minutes. You'll be notified if the message can't be delivered by that time.
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.DELAYED, rep.outcome(), rep::toString);
        RecipientResult r = rep.recipients().get(0);
        assertEquals("thabo.nkosi@firm.example.co.za", r.recipient());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    /** 5: Postfix's "THIS IS A WARNING ONLY" without a DSN part, its last reply a full mailbox: a delay. */
    @Test
    void aPostfixWarningQuotingAFullMailboxIsADelay() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@relay.example.pt (Mail Delivery System)
                To: newsletter@store.example
                Subject: Delayed Mail (still being retried)
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host relay.example.pt.

                ####################################################################
                # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
                ####################################################################

                Your message could not be delivered for more than 4 hour(s).
                It will be retried until it is 5 day(s) old.

                <rui@quinta.example.pt>: host mx.quinta.example.pt[192.0.2.40] said: 452 4.2.2
                    Mailbox full (in reply to RCPT TO command)
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.DELAYED, rep.outcome(), rep::toString);
        RecipientResult r = rep.recipients().get(0);
        assertEquals("rui@quinta.example.pt", r.recipient());
        assertTrue(r.delayed());
        assertEquals(BounceType.SOFT, r.type());
        assertTrue(r.statusText().startsWith("4."), r::toString);
        assertFalse(r.suppress());
    }

    /** 5: a challenge/response request naming the protected mailbox. */
    @Test
    void aChallengeResponseRequestIsNotABounce() {
        String mail = """
                Return-Path: <verify@cr.example.net>
                From: Mailbox protection <verify@cr.example.net>
                To: newsletter@store.example
                Subject: Please verify your message to joe@cr.example.net
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                Hello,

                joe@cr.example.net is protected by a challenge-response filter. Your message
                is being held until you confirm that you are a person. Click the link below to
                confirm and your message will be delivered:

                https://cr.example.net/confirm?id=8f2a
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.NOT_A_BOUNCE, rep.outcome(), rep::toString);
        assertTrue(rep.recipients().isEmpty());
    }

    /** 1: a first line of blanks and a tab, then an empty line, before the header fields (Postfix's report). */
    @Test
    void whitespaceLinesBeforeTheHeadersAreSkipped() {
        AnalysisReport rep = analyze(" \t \n\n" + """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.fr
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                This is the mail system at host mx.example.fr.

                <claire@example.fr>: host mx.example.fr[192.0.2.10] said: 550 5.1.1
                    <claire@example.fr>: Recipient address rejected: User unknown in local
                    recipient table (in reply to RCPT TO command)
                """);
        assertEquals(List.of("claire@example.fr"), recipients(rep));
        assertEquals(Reason.USERUNKNOWN, rep.recipients().get(0).reason());
        assertTrue(rep.recipients().get(0).suppress());
    }
}
