package app.rebound.engine;

import static app.rebound.engine.Reports.analyze;
import static app.rebound.engine.Reports.one;
import static app.rebound.engine.Reports.only;
import static app.rebound.engine.Reports.recipients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hand-written report per Sisimai Lhost module read in the fourth rule pass (their markers, formats and phrases
 * taken as facts; Sisimai is BSD-2-Clause): each written in that MTA's template with addresses and wording of our own,
 * none of them a corpus mail. Deutsche Telekom / Smail 3 is in {@link RuleFamiliesTest}.
 */
class LhostModulesTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();
    /** An MX Logic (McAfee SaaS) report, Exim-style: the failed address, its reply, the original's To. */
    private static String mxlogic(String address, String reply, String originalTo) {
        return """
                Return-Path: <>
                From: Mail Delivery System <mailer-daemon@smtp.mxlogic.example.net>
                To: newsletter@store.example
                Subject: Mail delivery failed: returning message to sender
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                X-MX-Bounce: mta/src/queue/bounce
                X-MXL-Hash: 0a1b2c3d4e5f6071-8293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5

                This message was created automatically by mail delivery software.

                A message that you have sent could not be delivered to one or more
                recipients.  This is a permanent error.  The following address failed:

                  <%s>: %s

                Included is a copy of the message header:
                -----------------------------------------
                From: Store <newsletter@store.example>
                To: %s
                Subject: Winter sale
                """.formatted(address, reply, originalTo);
    }
    /** An Unknown MTA #6 report ("There was an error sending your mail") with the given error line. */
    private static String x6(String error) {
        return """
                Return-Path: <>
                From: mailer@notify.example.net
                To: newsletter@store.example
                Subject: There was an error sending your mail
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                We had trouble delivering your message. Full details follow:

                Subject: 'Winter sale'
                Date: 'Tue, 01 Dec 2026 08:59:00 +0000'

                1 error(s):

                %s

                The attachment contains the original mail headers.
                """.formatted(error);
    }
    /** A Yahoo! Mail report (X-YMailISG) with the given address blocks and the original's To. */
    private static String yahoo(String blocks, String originalTo) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@yahoo.com
                To: newsletter@store.example
                Subject: Failure Notice
                X-YMailISG: Qk9VTkNFX1RFU1RfSVNHX1ZBTFVF
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                Sorry, we were unable to deliver your message to the following address.

                %s

                --- Below this line is a copy of the message.

                From: Store <newsletter@store.example>
                To: %s
                Subject: Winter sale
                """.formatted(blocks, originalTo);
    }
    /** An Outlook.com report (X-Message-Delivery, X-Message-Info) with its DSN. */
    private static String outlook(String kind, String what, String listed, String finalRecipient, String fields) {
        return """
                Return-Path: <>
                From: postmaster@hotmail.com
                To: newsletter@store.example
                Subject: Delivery Status Notification (%s)
                X-Message-Delivery: Vj0xLjE7RD0wO0dEPTA7U0NMPTk7bD0xO3VzPTE=
                X-Message-Info: AuEzbeVr9u5fkDpn2vR5iCu5wb6HBeY4iruBjnutBzpStnUabbM
                Received: from BAY0-XMR-100.phx.gbl ([65.54.190.100]) by bay0-omc1-s11.bay0.hotmail.com
                Date: Tue, 01 Dec 2026 09:00:00 -0800
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="OLB"

                --OLB
                Content-Type: text/plain; charset=us-ascii

                This is an automatically generated Delivery Status Notification.

                Delivery to the following recipients %s.

                       %s

                --OLB
                Content-Type: message/delivery-status

                Reporting-MTA: dns;BAY0-XMR-100.phx.gbl

                Final-Recipient: rfc822;%s
                %s

                --OLB--
                """.formatted(kind, what, listed, finalRecipient, fields);
    }

    /** TransWARE Active!hunter: an X-AHMailID report listing ">>> address <address>" and a qmail-style reply. */
    @Test
    void activehunterPermanentFatalErrors() {
        String mail = """
                Return-Path: <>
                From: "MAILER-DAEMON" <postmaster@gw.shoji.example.co.jp>
                To: newsletter@store.example
                Subject: FAILURE NOTICE :
                Date: Tue, 01 Dec 2026 09:00:00 +0900
                X-AHMailID: 3fa9c1d2e7b04a11
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="AH-1"

                --AH-1
                Content-Type: text/plain; charset=us-ascii

                  ----- The following addresses had permanent fatal errors -----

                >>> sato.hanako@shoji.example.co.jp <sato.hanako@shoji.example.co.jp>

                  ----- Transcript of session follows -----
                550 sorry, no mailbox here by that name (#5.1.1 - chkusr)

                --AH-1
                Content-type: message/rfc822

                From: Store <newsletter@store.example>
                To: sato.hanako@shoji.example.co.jp
                Subject: Winter sale

                Hello
                --AH-1--
                """;
        RecipientResult r = one(mail, "sato.hanako@shoji.example.co.jp", Reason.USERUNKNOWN);
        assertTrue(r.suppress());
    }

    /** The opening paragraph of Apache James' notice (AbstractNotify), for the given server name. */
    private static final String JAMES_INTRO = """
            Hi. This is the James mail server at %s.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.  Below
            I include the list of recipients and the reason why I was unable to deliver
            your message.
            """;

    /** Apache James: "Error message below:" with the reply, then "Message details:" listing the envelope. */
    @Test
    void apacheJamesErrorMessageBelow() {
        String mail = """
                Return-Path: <>
                From: postmaster@mail.verlag.example.de
                To: newsletter@store.example
                Subject: [BOUNCE]
                Message-ID: <1733043600123.42.JavaMail.james@mail.verlag.example.de>
                Received: from localhost ([127.0.0.1]) by mail.verlag.example.de (JAMES SMTP Server 2.3.2) with SMTP ID 17
                Date: Tue, 01 Dec 2026 09:00:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="----=_Part_7_1"

                ------=_Part_7_1
                Content-Type: text/plain; charset=us-ascii

                """ + JAMES_INTRO.formatted("mail.verlag.example.de") + """

                Failed recipient(s):
                klaus.weber@verlag.example.de

                Error message below:
                550 - Requested action not taken: no such user here

                Message details:
                  Subject: Winter sale
                  Sent date: Tue Dec 01 08:59:58 CET 2026
                  MAIL FROM: newsletter@store.example
                  RCPT TO: klaus.weber@verlag.example.de
                  From: Store <newsletter@store.example>
                  To: klaus.weber@verlag.example.de
                  Size (in bytes): 2048
                  Number of lines: 40

                ------=_Part_7_1
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: klaus.weber@verlag.example.de
                Subject: Winter sale

                Hello
                ------=_Part_7_1--
                """;
        RecipientResult r = only(mail);
        assertEquals("klaus.weber@verlag.example.de", r.recipient());
        assertTrue(r.diagnostic().contains("Requested action not taken: no such user here"), r::diagnostic);
    }

    /** Barracuda: "Message you sent blocked by our bulk email filter" with its DSN. */
    @Test
    void barracudaBulkEmailFilter() {
        String mail = """
                Return-Path: <>
                From: Barracuda Spam Firewall <firewall@bsf.kanzlei.example.ch>
                To: newsletter@store.example
                Subject: **Message you sent blocked by our bulk email filter**
                Date: Tue, 01 Dec 2026 09:00:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="BSF1"

                --BSF1
                Content-Type: text/plain

                Your message to: nina.meier@kanzlei.example.ch
                was blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:

                Subject: Winter sale

                --BSF1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; bsf.kanzlei.example.ch
                Arrival-Date: Tue, 01 Dec 2026 09:00:00 +0100

                Final-Recipient: rfc822; nina.meier@kanzlei.example.ch
                Action: failed
                Status: 5.7.1
                Diagnostic-Code: smtp; 550 5.7.1 Message content rejected as spam (BSF:SC5_MJ1963)

                --BSF1
                Content-Type: text/rfc822-headers

                From: Store <newsletter@store.example>
                To: nina.meier@kanzlei.example.ch
                Subject: Winter sale

                --BSF1--
                """;
        RecipientResult r = one(mail, "nina.meier@kanzlei.example.ch", Reason.SPAMDETECTED);
        assertFalse(r.suppress());
    }

    /** Bigfoot: a Sendmail-style transcript (">>> RCPT TO", "<<< 553 Invalid recipient") and a DSN. */
    @Test
    void bigfootTranscriptAndDsn() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.bigfoot.com>
                To: newsletter@store.example
                Subject: Returned mail: see transcript for details
                Received: from relay3.bigfoot.com (relay3.bigfoot.com [192.0.2.31]) by mx.bigfoot.com
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="BF"

                --BF
                Content-Type: text/plain

                The original message was received at Tue, 01 Dec 2026 08:59:00 +0000
                from mail.store.example [198.51.100.4]

                   ----- Transcript of session follows -----
                >>> RCPT TO:<old.friend@bigfoot.com>
                <<< 553 Invalid recipient old.friend@bigfoot.com (Mode: normal)

                --BF
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.bigfoot.com

                Final-Recipient: RFC822; old.friend@bigfoot.com
                Action: failed
                Status: 5.0.0
                Remote-MTA: DNS; mailhost.bigfoot.com
                Diagnostic-Code: SMTP; 553 Invalid recipient old.friend@bigfoot.com (Mode: normal)

                --BF
                Content-Type: message/partial

                From: Store <newsletter@store.example>
                To: old.friend@bigfoot.com
                Subject: Winter sale
                --BF--
                """;
        RecipientResult r = one(mail, "old.friend@bigfoot.com", Reason.USERUNKNOWN);
        assertEquals(553, r.replyCode());
        assertTrue(r.suppress());
    }

    /** Trend Micro InterScan MSS: "Sent <<< RCPT TO:<...>" and "Received >>> 550 ...". */
    @Test
    void interScanSentReceivedTranscript() {
        String mail = """
                Return-Path: <>
                From: "InterScan MSS" <postmaster@imss.bank.example.com.tw>
                To: newsletter@store.example
                Subject: Mail could not be delivered
                Date: Tue, 01 Dec 2026 09:00:00 +0800
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="IMSS"

                --IMSS
                Content-Type: text/plain; charset=us-ascii

                This message is from the InterScan Messaging Security Suite at imss.bank.example.com.tw.
                The mail could not be delivered to the following recipient(s).

                Sent <<< RCPT TO:<chen.wei@bank.example.com.tw>
                Received >>> 550 5.1.1 <chen.wei@bank.example.com.tw>... User unknown

                --IMSS
                Content-type: message/rfc822

                From: Store <newsletter@store.example>
                To: chen.wei@bank.example.com.tw
                Subject: Winter sale

                Hello
                --IMSS--
                """;
        RecipientResult r = one(mail, "chen.wei@bank.example.com.tw", Reason.USERUNKNOWN);
        assertTrue(r.suppress());
    }

    /**
     * TREND VISION ONE: "Unable to deliver message to <address>" quoting no reply (Sisimai::Lhost::TrendMicro:
     * userunknown).
     */
    @Test
    void trendMicroUnableToDeliverQuotingNoReplyIsUnknownUser() {
        String mail = """
                Return-Path: <>
                From: "InterScan Notification" <notify@tmes.example.com.au>
                To: newsletter@store.example
                Subject: Mail could not be delivered
                Date: Tue, 01 Dec 2026 09:00:00 +1100

                Unable to deliver message to <jack.wilson@outback.example.com.au> (and other recipients in the same domain).

                Content-type: message/rfc822

                From: Store <newsletter@store.example>
                To: jack.wilson@outback.example.com.au
                Subject: Winter sale
                """;
        RecipientResult r = one(mail, "jack.wilson@outback.example.com.au", Reason.USERUNKNOWN);
        assertTrue(r.rule().startsWith("Sisimai::Lhost::TrendMicro"), r::rule);
    }

    /** The same words followed by the receiver's own reply: the reply decides, not the TrendMicro rule. */
    @Test
    void trendMicroWordingQuotingAReplyFollowsTheReply() {
        RecipientResult r = analyzer.classifyReply("", "failed", null, 0,
                "Unable to deliver message to <lena@example.se>: 552 5.2.2 Mailbox full", "mx.example.se");
        assertEquals(Reason.MAILBOXFULL, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /**
     * Trustwave MailMarshal: "Could not be delivered because of", then "The following recipients were affected:"; the
     * "Original Sender" is not a recipient.
     */
    @Test
    void mailMarshalRecipientsWereAffected() {
        String mail = """
                Return-Path: <>
                From: postmaster@gateway.clinic.example.com.br
                To: newsletter@store.example
                Subject: Undeliverable Mail: "Winter sale"
                Date: Tue, 01 Dec 2026 09:00:00 -0300
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="MM-9"

                --MM-9
                Content-Type: text/plain; charset=us-ascii

                Message from gateway.clinic.example.com.br.

                Your message:
                   From:    newsletter@store.example
                   Subject: Winter sale

                Could not be delivered because of

                550 5.1.1 <joao.silva@clinic.example.com.br>: Recipient address rejected: User unknown

                The following recipients were affected:
                    joao.silva@clinic.example.com.br

                Additional Information
                ======================
                Original Sender:    <newsletter@store.example>
                Sender-MTA:         <198.51.100.4>
                Remote-MTA:         <192.0.2.77>
                Reporting-MTA:      <gateway.clinic.example.com.br>
                MessageName:        <B123456789.000000000001.0001.mml>
                Last-Attempt-Date:  <09:00:00 ter, 01 Dezembro 2026>

                --MM-9
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: joao.silva@clinic.example.com.br
                Subject: Winter sale

                Hello
                --MM-9--
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("joao.silva@clinic.example.com.br"), recipients(rep));
        assertEquals(Reason.USERUNKNOWN, rep.recipients().get(0).reason());
    }

    /** McAfee SaaS (MX Logic): an Exim-style report, "  <address>: reply". */
    @Test
    void mxLogicUserNotFound() {
        String mail = mxlogic(
                "greg.hall@ranch.example.us",
                "550 5.1.1 user not found",
                "greg.hall@ranch.example.us");
        RecipientResult r = one(mail, "greg.hall@ranch.example.us", Reason.USERUNKNOWN);
    }

    /** MX Logic: "LMTP error after end of data" is the receiver's system error (Sisimai::Lhost::MXLogic). */
    @Test
    void mxLogicLmtpErrorIsASystemError() {
        String mail = mxlogic(
                "amy@lake.example.us",
                "LMTP error after end of data: 451 4.3.0 temporary failure",
                "amy@lake.example.us");
        RecipientResult r = one(mail, "amy@lake.example.us", Reason.SYSTEMERROR);
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    /** MX Logic (Exim): hosts failing for a long time, a frozen message: expired, never a dead address. */
    @Test
    void mxLogicGivingUpAfterRetriesIsExpired() {
        for (String reply : List.of(
                "all hosts have been failing for a long time and were last tried after this message arrived",
                "message has been frozen", "message was frozen on arrival by ACL")) {
            RecipientResult r = analyzer.classifyReply("kai@example.fi", "failed", null, 0, reply, "");
            assertEquals(Reason.EXPIRED, r.reason(), reply);
            assertFalse(r.suppress(), reply);
        }
    }

    /**
     * Digital Arts m-FILTER (Japanese): the address on a line of its own, "-------server message", "-------SMTP
     * command".
     */
    @Test
    void mFilterServerMessageAndSmtpCommand() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mf.shoken.example.jp
                To: newsletter@store.example
                Subject: failure notice
                X-Mailer: m-FILTER
                Date: Tue, 01 Dec 2026 09:00:00 +0900
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                このメールは「m-FILTER」が自動的に生成して送信しています。
                メールサーバーとの通信中、下記の理由により
                このメールは送信できませんでした。

                以下のメールアドレスへの送信に失敗しました。
                takahashi@shoken.example.jp


                -------server message
                550 5.1.1 unknown user <takahashi@shoken.example.jp>

                -------SMTP command
                RCPT

                -------original message

                From: Store <newsletter@store.example>
                To: takahashi@shoken.example.jp
                Subject: Winter sale
                """;
        RecipientResult r = one(mail, "takahashi@shoken.example.jp", Reason.USERUNKNOWN);
    }

    /** WebSense SurfControl: "Addressed To:" and "address: [ip], reply". */
    @Test
    void surfControlAddressedTo() {
        String mail = """
                Return-Path: <>
                From: postmaster@sef.council.example.gov.uk
                To: newsletter@store.example
                Subject: Undeliverable: Winter sale
                X-SEF-Processed: 7_0_0_123__2026_12_01_09_00_00
                X-Mailer: SurfControl E-mail Filter
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="SC"

                --SC
                Content-Type: text/plain

                Your message could not be sent.
                A transcript of the attempts to send the message follows.
                The number of attempts made: 1
                Addressed To: olivia.jones@council.example.gov.uk

                Tue 01 Dec 2026 09:00:00 +0000
                Failed to send to identified host,
                olivia.jones@council.example.gov.uk: [192.0.2.50], 550 olivia.jones@council.example.gov.uk... No such user
                --- Message non-deliverable.

                --SC
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: olivia.jones@council.example.gov.uk
                Subject: Winter sale

                Hello
                --SC--
                """;
        RecipientResult r = only(mail);
        assertEquals("olivia.jones@council.example.gov.uk", r.recipient());
        assertEquals(550, r.replyCode());
        // "No such user" without an SMTP command: Sisimai's rule calls it filtered, and nothing is suppressed on it
        assertEquals(Reason.FILTERED, r.reason(), r::toString);
        assertFalse(r.suppress());
    }

    /**
     * Sendmail version 5: the transcript, then "----- Unsent message follows -----", which is the original, not the
     * diagnostic.
     */
    @Test
    void v5SendmailTranscriptStopsAtTheUnsentMessage() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@old.lab.example.edu>
                To: newsletter@store.example
                Subject: Returned mail: User unknown
                Date: Tue, 01 Dec 2026 09:00:00 -0500

                   ----- Transcript of session follows -----
                While talking to mx.lab.example.edu:
                >>> RCPT To:<prof.miller@lab.example.edu>
                <<< 550 <prof.miller@lab.example.edu>... User unknown
                550 <prof.miller@lab.example.edu>... User unknown

                   ----- Unsent message follows -----
                Received: by old.lab.example.edu (5.65/1.35)
                From: Store <newsletter@store.example>
                To: prof.miller@lab.example.edu
                Subject: Winter sale

                Hello
                """;
        RecipientResult r = one(mail, "prof.miller@lab.example.edu", Reason.USERUNKNOWN);
        assertFalse(r.diagnostic().contains("Unsent message"), r::diagnostic);
        assertFalse(r.diagnostic().contains("Winter sale"), r::diagnostic);
    }

    /**
     * Sendmail version 5 giving up on a deferred connection: expired, and the recipient is the unsent original's only
     * To.
     */
    @Test
    void v5SendmailDeferredConnectionNamesTheOriginalsOnlyRecipient() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@old.lab.example.edu>
                To: newsletter@store.example
                Subject: Returned mail: Deferred: Connection timed out
                Date: Tue, 01 Dec 2026 09:00:00 -0500

                   ----- Transcript of session follows -----
                421 annex.example.edu (smtp)... Deferred: Connection timed out during user open with annex.example.edu
                Message could not be delivered for 5 days
                Message will be deleted from queue

                   ----- Unsent message follows -----
                Received: by old.lab.example.edu (5.65/1.35)
                From: Store <newsletter@store.example>
                To: dr.chen@annex.example.edu
                Subject: Winter sale

                Hello
                """;
        RecipientResult r = one(mail, "dr.chen@annex.example.edu", Reason.EXPIRED);
        assertFalse(r.suppress());
    }

    /** Unknown MTA #1: "Returned Mail: ..." listing "address [reason]" lines: each address keeps its own reason. */
    @Test
    void x1EachAddressWithItsOwnBracketedReason() {
        String mail = """
                Return-Path: <>
                From: "Mail Deliver System" <MAILER-DAEMON@mail.ferreteria.example.mx>
                To: newsletter@store.example
                Subject: Returned Mail: User unknown
                Date: Tue, 01 Dec 2026 09:00:00 -0600

                The original message was received at Tue, 01 Dec 2026 08:59:00 -0600
                from newsletter@store.example

                ---The following addresses had delivery errors---

                ventas.norte@ferreteria.example.mx [User unknown]
                compras@ferreteria.example.mx [Mailbox full]

                Received: from mail.store.example by mail.ferreteria.example.mx
                From: Store <newsletter@store.example>
                To: ventas.norte@ferreteria.example.mx, compras@ferreteria.example.mx
                Subject: Winter sale
                """;
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("ventas.norte@ferreteria.example.mx", "compras@ferreteria.example.mx"), recipients(rep));
        RecipientResult unknown = rep.recipients().get(0);
        assertEquals("ventas.norte@ferreteria.example.mx [User unknown]", unknown.diagnostic());
        assertEquals(Reason.FILTERED, unknown.reason(), unknown::toString);
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(1).reason());
    }

    /** Unknown MTA #2: "<address>:" then the reason on the next line. */
    @Test
    void x2UnableToDeliverToTheFollowingAddress() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.portal.example.com.ar
                To: newsletter@store.example
                Subject: Delivery failure
                Date: Tue, 01 Dec 2026 09:00:00 -0300

                Message from portal.example.com.ar.
                Unable to deliver message to the following address(es).

                <lucia.fernandez@portal.example.com.ar>:
                This user doesn't have a portal.example.com.ar account (lucia.fernandez@portal.example.com.ar) [0]

                --- Original message follows.

                From: Store <newsletter@store.example>
                To: lucia.fernandez@portal.example.com.ar
                Subject: Winter sale
                """;
        RecipientResult r = only(mail);
        assertEquals("lucia.fernandez@portal.example.com.ar", r.recipient());
        assertTrue(r.diagnostic().contains("doesn't have a portal.example.com.ar account"), r::diagnostic);
        assertFalse(r.suppress());
    }

    /** Unknown MTA #3: "  * address" and "SMTP:RCPT host ...: 553 ...". */
    @Test
    void x3TechnicalDetailsSmtpRcpt() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery System <postmaster@gw.agency.example.org>
                To: newsletter@store.example
                Subject: Delivery status notification
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="X3B"

                --X3B
                Content-Type: text/plain

                ============================================================================
                      This is an automatically generated Delivery Status Notification.

                Delivery to the following recipients failed permanently:

                  * omar.haddad@agency.example.org


                ============================================================================
                                            Technical details:

                SMTP:RCPT host 192.0.2.81: 553 5.3.0 <omar.haddad@agency.example.org>... No such user here


                ============================================================================

                --X3B
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: omar.haddad@agency.example.org
                Subject: Winter sale

                Hello
                --X3B--
                """;
        RecipientResult r = one(mail, "omar.haddad@agency.example.org", Reason.USERUNKNOWN);
        assertEquals(553, r.replyCode());
    }

    /**
     * Unknown MTA #3: "Routing: Could not find a gateway for ...": expired in Sisimai's Reason lists, never suppress.
     */
    @Test
    void x3RoutingCouldNotFindAGateway() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery System <postmaster@gw.agency.example.org>
                To: newsletter@store.example
                Subject: Delivery status notification
                Date: Tue, 01 Dec 2026 09:00:00 +0000

                ============================================================================
                      This is an automatically generated Delivery Status Notification.

                Delivery to the following recipients failed permanently:

                  * rania@partner.example.org


                ============================================================================
                                            Technical details:

                Routing: Could not find a gateway for rania@partner.example.org


                ============================================================================
                """;
        RecipientResult r = one(mail, "rania@partner.example.org", Reason.EXPIRED);
        assertFalse(r.suppress());
    }

    /** Unknown MTA #5: a notice to "NotificationRecipients" whose message/rfc822 part is the real DSN. */
    @Test
    void x5ReportNestedInANotification() {
        String mail = """
                Return-Path: <>
                From: "=?iso-2022-jp?B?TWFpbCBEZWxpdmVyeSBTdWJzeXN0ZW0=?=" <daemon@relay.kogyo.example.jp>
                To: NotificationRecipients
                Subject: =?iso-2022-jp?B?TWFpbCBEZWxpdmVyeSBTdWJzeXN0ZW0=?=
                Date: Tue, 01 Dec 2026 09:00:00 +0900
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="X5OUT"

                --X5OUT
                Content-Type: text/plain; charset=us-ascii

                Delivery report attached.

                --X5OUT
                Content-Type: message/rfc822

                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.kogyo.example.jp>
                To: newsletter@store.example
                Subject: Returned mail: see transcript for details
                Date: Tue, 01 Dec 2026 08:59:30 +0900
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="X5IN"

                --X5IN
                Content-Type: text/plain

                The original message was received at Tue, 01 Dec 2026 08:59:00 +0900

                --X5IN
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.kogyo.example.jp

                Final-Recipient: RFC822; yamada.taro@kogyo.example.jp
                Action: failed
                Status: 5.1.1
                Remote-MTA: DNS; mx.kogyo.example.jp
                Diagnostic-Code: SMTP; 550 5.1.1 <yamada.taro@kogyo.example.jp>... User Unknown

                --X5IN
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: yamada.taro@kogyo.example.jp
                Subject: Winter sale

                Hello
                --X5IN--

                --X5OUT--
                """;
        RecipientResult r = one(mail, "yamada.taro@kogyo.example.jp", Reason.USERUNKNOWN);
        assertTrue(r.suppress());
    }

    /** Unknown MTA #6: "SMTP Server <host> rejected recipient <address> (Error following RCPT command)". */
    @Test
    void x6SmtpServerRejectedRecipient() {
        String mail = x6(
                "SMTP Server <mx1.studio.example.net> rejected recipient <ben.carter@studio.example.net>  (Error following RCPT command). It responded as follows: [550 5.1.1 The email account that you tried to reach does not exist]");
        RecipientResult r = one(mail, "ben.carter@studio.example.net", Reason.USERUNKNOWN);
    }

    /**
     * Unknown MTA #6: "The following recipients returned permanent errors: address." gives no reason: nothing is
     * suppressed.
     */
    @Test
    void x6PermanentErrorsWithoutAReasonAreNotSuppressed() {
        String mail = x6("The following recipients returned permanent errors: zoe@atelier.example.net.");
        RecipientResult r = only(mail);
        assertEquals("zoe@atelier.example.net", r.recipient());
        assertFalse(r.suppress());
    }

    /** Yandex.Mail: a Postfix-style report from yandex.ru with X-Yandex fields. */
    @Test
    void yandexPostfixStyleReport() {
        String mail = """
                Return-Path: <>
                From: mailer-daemon@yandex.ru
                To: newsletter@store.example
                Subject: Undelivered Mail Returned to Sender
                X-Yandex-Uniq: 5b6c7d8e-1111-2222-3333-444455556666
                X-Yandex-Front: mxback7o.mail.yandex.net
                Date: Tue, 01 Dec 2026 12:00:00 +0300
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="YB"

                --YB
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host yandex.ru.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                <ivan.petrov@zavod.example.ru>: host mx.zavod.example.ru[192.0.2.9] said: 552
                    5.2.2 Mailbox is over quota (in reply to RCPT TO command)

                --YB
                Content-Type: message/delivery-status

                Reporting-MTA: dns; forward5o.mail.yandex.net
                X-Yandex-Queue-ID: 9A1B2C3D4E
                X-Yandex-Sender: rfc822; newsletter@store.example

                Final-Recipient: rfc822; ivan.petrov@zavod.example.ru
                Original-Recipient: rfc822;ivan.petrov@zavod.example.ru
                Action: failed
                Status: 5.2.2
                Remote-MTA: dns; mx.zavod.example.ru
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox is over quota

                --YB
                Content-Type: message/rfc822

                From: Store <newsletter@store.example>
                To: ivan.petrov@zavod.example.ru
                Subject: Winter sale

                Hello
                --YB--
                """;
        RecipientResult r = one(mail, "ivan.petrov@zavod.example.ru", Reason.MAILBOXFULL);
        assertEquals(BounceType.SOFT, r.type());
    }

    /** Amazon WorkMail: Status 5.0.0 and the receiver's reply quoted as 550-'5.1.1 ...'. */
    @Test
    void amazonWorkMailVagueStatusTakesTheQuotedOne() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@us-west-2.awsapps.com
                To: newsletter@store.example
                Subject: Delivery Status Notification (Failure)
                X-Mailer: Amazon WorkMail
                X-Original-Mailer: Amazon WorkMail
                X-SES-Outgoing: 2026.12.01-54.240.27.11
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="WM"

                --WM
                Content-Type: text/plain; charset=UTF-8

                An error occurred while trying to deliver the mail to the following recipients:
                derek@harbour.example.ca

                Technical report:

                Reporting-MTA: dns; a27-11.smtp-out.us-west-2.amazonses.com

                Final-Recipient: rfc822; derek@harbour.example.ca
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 5.0.0 - Unknown address error 550-'5.1.1 <derek@harbour.example.ca>: Recipient address rejected: User unknown in virtual mailbox table' (delivery attempts: 0)

                --WM
                content-type: message/rfc822

                From: Store <newsletter@store.example>
                To: derek@harbour.example.ca
                Subject: Winter sale

                Hello
                --WM--
                """;
        RecipientResult r = only(mail);
        assertEquals("derek@harbour.example.ca", r.recipient());
        assertEquals("5.1.1", r.statusText());
        assertEquals(550, r.replyCode());
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
    }

    /**
     * Amazon WorkMail: "554 4.4.7 Message expired ... <421 4.4.2 Connection timed out>": the reply code that matches
     * the status.
     */
    @Test
    void amazonWorkMailExpiryTakesTheReplyOfTheStatusClass() {
        String mail = """
                Return-Path: <>
                From: MAILER-DAEMON@us-west-2.awsapps.com
                To: newsletter@store.example
                Subject: Delivery Status Notification (Failure)
                X-Mailer: Amazon WorkMail
                X-SES-Outgoing: 2026.12.01-54.240.27.11
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="WM"

                --WM
                Content-Type: text/plain; charset=UTF-8

                An error occurred while trying to deliver the mail to the following recipients:
                fiona@isle.example.ie

                --WM
                Content-Type: message/delivery-status

                Reporting-MTA: dns; a27-11.smtp-out.us-west-2.amazonses.com

                Final-Recipient: rfc822; fiona@isle.example.ie
                Action: failed
                Status: 4.4.2
                Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>

                --WM--
                """;
        RecipientResult r = one(mail, "fiona@isle.example.ie", Reason.EXPIRED);
        assertEquals(421, r.replyCode());
        assertFalse(r.suppress());
    }

    /** Aol Mail (X-AOL-IP): "Host or domain name not found" is a dead domain (Sisimai::Lhost::Aol). */
    @Test
    void aolHostOrDomainNameNotFound() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <MAILER-DAEMON@aol.com>
                To: newsletter@store.example
                Subject: Returned mail: see transcript for details
                X-AOL-IP: 192.0.2.135
                X-AOL-VSS-INFO: 5600.1067/98281
                Date: Tue, 01 Dec 2026 09:00:00 -0500
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="AOLB"

                --AOLB
                Content-Type: text/plain

                The original message was received at Tue, 01 Dec 2026 08:59:00 -0500

                --AOLB
                Content-Type: message/delivery-status

                Reporting-MTA: dns; omr-m05.mx.aol.com

                Final-Recipient: rfc822; pat@nowhere-domain.example
                Action: failed
                Status: 5.4.4
                Diagnostic-Code: smtp; 550 5.4.4 Host or domain name not found. Name service error for name=nowhere-domain.example type=A: Host not found

                --AOLB--
                """;
        RecipientResult r = one(mail, "pat@nowhere-domain.example", Reason.HOSTUNKNOWN);
        assertTrue(r.suppress());
    }

    /** Yahoo! Mail (X-YMailISG): "<address>:" and "Remote host said: ... [RCPT_TO]". */
    @Test
    void yahooRemoteHostSaid() {
        String mail = yahoo(
                "<kim.nguyen@saigon.example.vn>:\nRemote host said: 550 5.1.1 <kim.nguyen@saigon.example.vn>... User Unknown [RCPT_TO]",
                "kim.nguyen@saigon.example.vn");
        RecipientResult r = one(mail, "kim.nguyen@saigon.example.vn", Reason.USERUNKNOWN);
    }

    /** Yahoo! Mail: "Remote host said:" alone, the reply on the next line; a second recipient with its own words. */
    @Test
    void yahooRemoteHostSaidOnItsOwnLineAndASecondRecipient() {
        String mail = yahoo(
                "<linh@hanoi.example.vn>:\nRemote host said:\n552 5.2.2 <linh@hanoi.example.vn>... Mailbox Full\n[RCPT_TO]\n\n<thu@hanoi.example.vn>:\nNo MX or A records for hanoi-old.example.vn",
                "linh@hanoi.example.vn, thu@hanoi.example.vn");
        AnalysisReport rep = analyze(mail);
        assertEquals(List.of("linh@hanoi.example.vn", "thu@hanoi.example.vn"), recipients(rep));
        assertEquals(Reason.MAILBOXFULL, rep.recipients().get(0).reason());
        assertFalse(rep.recipients().get(1).suppress());
        assertFalse(rep.recipients().get(1).diagnostic().contains("Mailbox Full"), rep.recipients().get(1)::diagnostic);
    }

    /** Outlook.com (X-Message-Delivery): "Requested action not taken: mailbox unavailable". */
    @Test
    void outlookMailboxUnavailable() {
        String mail = outlook(
                "Failure",
                "failed",
                "sven@fjord.example.no",
                "sven@fjord.example.no",
                "Action: failed\nStatus: 5.5.0\nDiagnostic-Code: smtp;550 Requested action not taken: mailbox unavailable (5.1.1)");
        RecipientResult r = one(mail, "sven@fjord.example.no", Reason.USERUNKNOWN);
        assertTrue(r.suppress());
    }

    /** Outlook.com: "the domain is not reachable" is a dead domain (Sisimai::Lhost::Outlook). */
    @Test
    void outlookDomainNotReachable() {
        String mail = outlook(
                "Failure",
                "failed",
                "ingrid@gone.example.no",
                "ingrid@gone.example.no",
                "Action: failed\nStatus: 5.4.0\nDiagnostic-Code: smtp;550 The mail could not be delivered to the recipient because the domain is not reachable. Please check the domain and try again");
        RecipientResult r = one(mail, "ingrid@gone.example.no", Reason.HOSTUNKNOWN);
    }

    /** Outlook.com: Action delayed with no diagnostic: a delay, soft, never suppressed. */
    @Test
    void outlookDelayWithoutDiagnosticIsADelay() {
        String mail = outlook(
                "Delay",
                "has been delayed",
                "erik@slow.example.no",
                "erik@slow.example.no",
                "Action: delayed\nStatus: 4.4.7");
        AnalysisReport rep = analyze(mail);
        assertEquals(Outcome.DELAYED, rep.outcome());
        RecipientResult r = rep.recipients().get(0);
        assertEquals("erik@slow.example.no", r.recipient());
        assertTrue(r.delayed());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    /** Google Groups: the group may not exist or the sender may not post: rejected, the group address is not dead. */
    @Test
    void googleGroupsMayNotExistOrNoPermissionToPost() {
        String mail = """
                Return-Path: <>
                From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
                To: newsletter@store.example
                Subject: Delivery Status Notification (Failure)
                X-Failed-Recipients: robotics-club@makers.example.org
                X-Google-Smtp-Source: AGHT+IExampleSourceValue
                Date: Tue, 01 Dec 2026 09:00:00 -0800

                Hello newsletter@store.example,

                We're writing to let you know that the group you tried to contact (robotics-club) may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:

                 * You might have spelled or formatted the group name incorrectly.
                 * The owner of the group may have removed this group.
                 * You may need to join the group before receiving permission to post.
                 * This group may not be open to posting.

                If you have questions related to this or any other Google Group, visit the Help Center at https://groups.google.com/support/.

                Thanks,

                Google Groups

                ----- Original message -----

                From: Store <newsletter@store.example>
                To: robotics-club@makers.example.org
                Subject: Winter sale
                """;
        RecipientResult r = one(mail, "robotics-club@makers.example.org", Reason.REJECTED);
        assertFalse(r.suppress());
    }

    /** amavisd-new: "Content-filter at host" with a DSN and text/rfc822-headers. */
    @Test
    void amavisContentFilterReport() {
        String mail = """
                Return-Path: <>
                From: "Content-filter at mx.dental.example.nz" <postmaster@mx.dental.example.nz>
                To: newsletter@store.example
                Subject: Undeliverable mail, MTA-BLOCKED
                Date: Tue, 01 Dec 2026 09:00:00 +1300
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="AMB"

                --AMB
                Content-Type: text/plain; charset=us-ascii

                This nondelivery report was generated by the program amavisd-new at host
                mx.dental.example.nz. Our internal reference code for your message is 12345-01/AbCdEf

                The message WAS NOT relayed to:
                <aroha@dental.example.nz>:
                   550 5.1.1 <aroha@dental.example.nz>... User unknown

                --AMB
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.dental.example.nz
                Received-From-MTA: smtp; mx.dental.example.nz ([127.0.0.1])
                Arrival-Date: Tue, 01 Dec 2026 09:00:00 +1300

                Original-Recipient: rfc822;aroha@dental.example.nz
                Final-Recipient: rfc822;aroha@dental.example.nz
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <aroha@dental.example.nz>... User unknown
                Last-Attempt-Date: Tue, 01 Dec 2026 09:00:00 +1300

                --AMB
                Content-Type: text/rfc822-headers

                From: Store <newsletter@store.example>
                To: aroha@dental.example.nz
                Subject: Winter sale

                --AMB--
                """;
        RecipientResult r = one(mail, "aroha@dental.example.nz", Reason.USERUNKNOWN);
    }

    /** SendGrid: its own text ("... User Unknown  in RCPT TO") and a Diagnostic-Code without a type. */
    @Test
    void sendGridUserUnknownInRcptTo() {
        String mail = """
                Return-Path: <apps@sendgrid.net>
                From: MAILER-DAEMON@sendgrid.net
                To: bounces+4242-ab12-newsletter=store.example@sendgrid.info
                Subject: Undelivered Mail Returned to Sender
                X-Mailer: MIME-tools 5.502 (Entity 5.502)
                Date: Tue, 01 Dec 2026 09:00:00 -0600
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="SG-1"

                --SG-1
                Content-Type: text/plain

                This is an automatically generated message from SendGrid.

                I'm sorry to have to tell you that your message was not able to be
                delivered to one of its intended recipients.

                If you require assistance with this, please contact SendGrid support.

                storeacct:000000:<mateo@granja.example.cl> : 192.0.2.250 : mx.granja.example.cl:[192.0.2.60] :
                  550 5.1.1 <mateo@granja.example.cl>... User Unknown  in RCPT TO

                --SG-1
                Content-Type: message/delivery-status

                Arrival-Date: 2026-12-01 08-59-00

                Final-Recipient: rfc822; mateo@granja.example.cl
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: 550 5.1.1 <mateo@granja.example.cl>... User Unknown

                --SG-1--
                """;
        RecipientResult r = one(mail, "mateo@granja.example.cl", Reason.USERUNKNOWN);
        assertTrue(r.suppress());
    }

    /** SendGrid: "Action: expired" with a vague 4.0.0 (Sisimai::Lhost::SendGrid: expired), never suppressed. */
    @Test
    void sendGridActionExpiredIsExpired() {
        String mail = """
                Return-Path: <apps@sendgrid.net>
                From: MAILER-DAEMON@sendgrid.net
                To: bounces+4242-ab12-newsletter=store.example@sendgrid.info
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 01 Dec 2026 09:00:00 -0600
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="SG-2"

                --SG-2
                Content-Type: text/plain

                This is an automatically generated message from SendGrid.

                I'm sorry to have to tell you that your message was not able to be
                delivered to one of its intended recipients.

                --SG-2
                Content-Type: message/delivery-status

                Arrival-Date: 2026-12-01 08-59-00

                Final-Recipient: rfc822; valentina@lejos.example.cl
                Action: expired
                Status: 4.0.0
                Diagnostic-Code: smtp; 421 mx.lejos.example.cl: connection refused

                --SG-2--
                """;
        RecipientResult r = one(mail, "valentina@lejos.example.cl", Reason.EXPIRED);
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    // ---------------------------------------------------------------- fifth pass (2026-12-07)

    /** An Apache James notice in its AbstractNotify template, with the given reply and envelope fields. */
    private static String jamesNotice(String reply, String envelope) {
        return """
                Return-Path: <>
                From: postmaster@mail.tischlerei.example.at
                To: bestellung@holzhandel.example
                Subject: [BOUNCE]
                Message-ID: <1765101234567.3.JavaMail.root@mail.tischlerei.example.at>
                Date: Mon, 07 Dec 2026 10:15:00 +0100
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                %s
                Error message below:
                %s

                Message details:
                  Subject: Lieferung KW 50
                  Sent date: Mon Dec 07 10:14:31 CET 2026
                  MAIL FROM: bestellung@holzhandel.example
                %s
                  Size (in bytes): 3172
                  Number of lines: 58
                """.formatted(JAMES_INTRO.formatted("mail.tischlerei.example.at"), reply, envelope);
    }

    /**
     * Apache James: the failed recipients are the envelope's "RCPT TO:" addresses (a further one on an indented line
     * of its own, as AbstractNotify prints them; Sisimai::Lhost::ApacheJames reads the same lines), never the
     * original's To or CC listed beside them, nor an address the receiver quotes in its reply; each gets the reply
     * under "Error message below:".
     */
    @Test
    void apacheJamesRecipientsComeFromRcptToInTheMessageDetails() {
        AnalysisReport rep = analyze(jamesNotice(
                "550 5.1.1 <j.gruber@lager.tischlerei.example.at>: Recipient address rejected: User unknown",
                """
                          RCPT TO: johanna.gruber@tischlerei.example.at
                                   lukas.moser@tischlerei.example.at
                          From: Holzhandel <bestellung@holzhandel.example>
                          To: einkauf@tischlerei.example.at
                          CC: chef@tischlerei.example.at
                        """.stripTrailing()));
        assertEquals(List.of("johanna.gruber@tischlerei.example.at", "lukas.moser@tischlerei.example.at"),
                recipients(rep), rep::toString);
        for (RecipientResult r : rep.recipients()) {
            assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
            assertEquals(550, r.replyCode());
            assertEquals("550 5.1.1 <j.gruber@lager.tischlerei.example.at>: Recipient address rejected: User unknown",
                    r.diagnostic());
        }

        // one envelope recipient, the original addressed to a list: the list is not the failed address
        RecipientResult one = only(jamesNotice("452 4.2.2 Mailbox full, try again later", """
                  RCPT TO: petra.huber@tischlerei.example.at
                  From: Holzhandel <bestellung@holzhandel.example>
                  To: alle@tischlerei.example.at
                """.stripTrailing()));
        assertEquals("petra.huber@tischlerei.example.at", one.recipient());
        assertEquals(Reason.MAILBOXFULL, one.reason(), one::toString);
        assertFalse(one.suppress());
    }

    /** Exchange's "Diagnostic information for administrators" block (Exchange 2007 and later), with the given line. */
    private static String exchangeNdr(String recipient, String line) {
        return """
                From: Microsoft Exchange <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@kontor.example.dk>
                To: nyhedsbrev@butik.example
                Subject: Undeliverable: Julekatalog
                Date: Mon, 7 Dec 2026 10:20:00 +0100
                Content-Language: da-DK
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Delivery has failed to these recipients or groups:

                %1$s
                Your message couldn't be delivered.

                Diagnostic information for administrators:

                Generating server: EXMBX03.kontor.example.dk

                %1$s
                %2$s

                Original message headers:

                From: Butik <nyhedsbrev@butik.example>
                To: Alle <alle@kontor.example.dk>
                """.formatted(recipient, line);
    }

    /**
     * Exchange's own NDR lines "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" (Sisimai::Lhost::Exchange2007
     * reads reply code and status from them) and the Exchange 2003 form "&lt;host #5.x.x smtp;550 ...&gt;": the reply
     * code after the '#' is read, with the status and the reason.
     */
    @Test
    void exchangeHashLinesGiveReplyCodeStatusAndReason() {
        RecipientResult gone = one(exchangeNdr("mette.holm@kontor.example.dk",
                "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"), "mette.holm@kontor.example.dk",
                Reason.USERUNKNOWN);
        assertEquals(550, gone.replyCode());
        assertEquals("5.1.1", String.valueOf(gone.status()));
        assertTrue(gone.suppress());

        // (Lhost::Exchange2007 says mesgtoobig, the newer Rhost::Microsoft exceedlimit: the newer module wins)
        RecipientResult big = one(exchangeNdr("soren.dahl@kontor.example.dk",
                "#552 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##"),
                "soren.dahl@kontor.example.dk", Reason.EXCEEDLIMIT);
        assertEquals(552, big.replyCode());
        assertFalse(big.suppress());

        RecipientResult remote = one(exchangeNdr("anders.kjaer@partner.example.no",
                "mx01.partner.example.no #<mx01.partner.example.no #5.0.0 smtp; 550 5.1.1 <anders.kjaer@partner"
                        + ".example.no>: Recipient address rejected: User unknown in local recipient table> #SMTP#"),
                "anders.kjaer@partner.example.no", Reason.USERUNKNOWN);
        assertEquals(550, remote.replyCode());
        assertEquals("5.1.1", String.valueOf(remote.status()));

        // Exchange 2003: "did not reach the following recipient(s)", the reply inside "<host #5.x.x smtp;...>"
        RecipientResult old = one("""
                From: System Administrator <postmaster@exch.kontor.example.dk>
                To: nyhedsbrev@butik.example
                Subject: Undeliverable: Julekatalog
                Date: Mon, 7 Dec 2026 10:20:00 +0100
                X-MimeOLE: Produced By Microsoft Exchange V6.5
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Your message

                  To:      Karen Lund
                  Subject: Julekatalog
                  Sent:    Mon, 7 Dec 2026 10:18:00 +0100

                did not reach the following recipient(s):

                karen.lund@fjernt.example.se on Mon, 7 Dec 2026 10:20:00 +0100
                    There was a problem with the recipient's mailbox.
                    <exch.kontor.example.dk #5.2.2 smtp;552 5.2.2 Quota exceeded for this mailbox>
                """, "karen.lund@fjernt.example.se", Reason.MAILBOXFULL);
        assertEquals(552, old.replyCode());
        assertEquals("5.2.2", String.valueOf(old.status()));
        assertFalse(old.suppress());
    }

    /** Yahoo! Mail's own report in its format (X-YMailISG, "Sorry, we were unable to deliver ..."). */
    private static String yahooReport(String reply) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@yahoo.com
                To: hiroshi.tanaka@ymail.example
                Subject: Failure Notice
                X-YMailISG: dGVzdF9pc2dfZm9yX25vX214X29yX2FfcmVjb3Jkcw--
                Date: Mon, 07 Dec 2026 11:30:00 +0000

                Sorry, we were unable to deliver your message to the following address.

                <ines.ferreira@dominio-extinto.example>:
                %s

                --- Below this line is a copy of the message.

                From: Hiroshi <hiroshi.tanaka@ymail.example>
                To: ines.ferreira@dominio-extinto.example
                Subject: Reuniao
                """.formatted(reply);
    }

    /**
     * Yahoo's "No MX or A records for &lt;domain&gt;": the recipient's domain has no mail host (RFC 5321 section 5.1),
     * a dead domain (hostunknown, suppressed); the same words in a transient answer are a DNS problem (networkerror,
     * soft), and about another domain than the recipient's (a relay) they do not make the recipient's dead.
     */
    @Test
    void yahooNoMxOrARecordsIsADeadDomain() {
        RecipientResult dead = one(yahooReport("No MX or A records for dominio-extinto.example"),
                "ines.ferreira@dominio-extinto.example", Reason.HOSTUNKNOWN);
        assertEquals(BounceType.HARD, dead.type());
        assertTrue(dead.suppress());

        RecipientResult later = one(yahooReport("451 4.4.3 No MX or A records for dominio-extinto.example, will retry"),
                "ines.ferreira@dominio-extinto.example", Reason.NETWORKERROR);
        assertEquals(BounceType.SOFT, later.type());
        assertFalse(later.suppress());

        RecipientResult relay = only(yahooReport("No MX or A records for smarthost.dominio-extinto.example"));
        assertEquals("ines.ferreira@dominio-extinto.example", relay.recipient());
        assertFalse(relay.reason() == Reason.HOSTUNKNOWN, relay::toString);
        assertFalse(relay.suppress());
    }
}
