package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BounceAnalyzer#classifyReply}: one recipient's SMTP reply given as parts, as an ESP webhook gives it. */
class ClassifyReplyTest {
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    @Test
    void unknownUserIsHardAndSuppressed() {
        RecipientResult r = analyzer.classifyReply("kim.lee@mail.example.org", "failed", "5.1.1", 550,
                "smtp; 550 5.1.1 <kim.lee@mail.example.org>: Recipient address rejected: User unknown in virtual"
                        + " mailbox table", "mx1.mail.example.org");
        assertEquals("kim.lee@mail.example.org", r.recipient());
        assertEquals(Reason.USERUNKNOWN, r.reason());
        assertEquals(BounceType.HARD, r.type());
        assertEquals(Fault.RECIPIENT, r.fault());
        assertTrue(r.suppress());
        assertEquals("5.1.1", r.statusText());
        assertEquals(550, r.replyCode());
        assertEquals("mx1.mail.example.org", r.remoteMta());
        assertFalse(r.rule().isEmpty());
        assertFalse(r.why().isEmpty());
        assertTrue(r.diagnostic().startsWith("550 5.1.1"), r.diagnostic());
    }

    @Test
    void mailboxFullIsSoftAndNotSuppressed() {
        RecipientResult r = analyzer.classifyReply("ola@fjord.example.no", "failed", "4.2.2", 452,
                "452 4.2.2 Mailbox full: quota exceeded for ola", "");
        assertEquals(Reason.MAILBOXFULL, r.reason());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void authenticationFailureIsTheSendersFaultAndNeverSuppresses() {
        RecipientResult r = analyzer.classifyReply("it@corp.example.com", "failed", "5.7.1", 550,
                "550 5.7.1 Message rejected: not authenticated (SPF and DKIM both failed for shop.example)", "");
        assertEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
        assertEquals(BounceType.HARD, r.type());
    }

    @Test
    void greylistingIsSoft() {
        RecipientResult r = analyzer.classifyReply("anna@b2b.example.de", "", null, 451,
                "451 4.7.0 Greylisted, please try again in 300 seconds", "");
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
        assertEquals("4.7.0", r.statusText());
        assertEquals(451, r.replyCode());
    }

    @Test
    void delayedActionIsSoftAndNeverSuppressesEvenWithAPermanentLookingReply() {
        RecipientResult r = analyzer.classifyReply("bo@slow.example.se", "delayed", "5.1.1", 550,
                "550 5.1.1 user unknown", "");
        assertTrue(r.delayed());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void badStatusTextIsTreatedAsAbsent() {
        RecipientResult r = analyzer.classifyReply("x@y.example", "failed", "bounce", 0, "", "");
        assertTrue(r.status() == null || r.statusInferred(), () -> "a status read from 'bounce': " + r);
        assertFalse(r.suppress());
    }

    /** Malformed and hostile parts: a result, never an exception, never a suppress without a recipient. */
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, NULL, NULL, 0, NULL, NULL",
        "'', '', '', -1, '', ''",
        "'', failed, 5.1.1, 550, 550 5.1.1 no such user, ''",
        "'not an address', FAILED NOW, 9.9.9, 999, ';;;;', 'dns;'",
        "'<a@b.example>', delayed, '5.1.1.1.1', 700, 'smtp;', NULL",
    })
    void neverThrows(String rcpt, String action, String status, int code, String diag, String mta) {
        RecipientResult r = analyzer.classifyReply(rcpt, action, status, code, diag, mta);
        assertTrue(r.replyCode() == 0 || r.replyCode() >= 200 && r.replyCode() <= 599);
        if (r.recipient().isEmpty()) {
            assertFalse(r.suppress(), () -> "suppress without a recipient: " + r);
        }
    }

    @Test
    void hugeDiagnosticIsBounded() {
        String diag = "550 5.1.1 " + "x".repeat(2_000_000);
        RecipientResult r = analyzer.classifyReply("a@b.example", "failed", "5.1.1", 550, diag, "");
        assertTrue(r.diagnostic().length() <= 4000);
        assertEquals(Reason.USERUNKNOWN, r.reason());
    }

    /** The same decision as for a DSN carrying these fields. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pat@example.net | failed | 5.1.1 | 550 5.1.1 <pat@example.net>: Recipient address rejected: User unknown",
        "pat@example.net | failed | 4.2.2 | 452 4.2.2 Mailbox full",
        "pat@example.net | failed | 5.7.1 | 550 5.7.1 Message rejected: not authenticated",
        "pat@example.net | delayed | 4.7.0 | 451 4.7.0 Greylisted, try again later",
        "pat@example.net | failed | 5.0.0 | 550 5.0.0 mailbox unavailable: account disabled",
        "pat@example.net | failed | 5.4.4 | 550 5.4.4 Host or domain name not found",
        "pat@example.net | failed | 5.2.5 | 550 5.2.5 The message exceeded the maximum size",
    })
    void agreesWithTheDsnPath(String rcpt, String action, String status, String diag) {
        RecipientResult viaReply = analyzer.classifyReply(rcpt, action, status, 0, "smtp; " + diag, "mx.example.net");
        RecipientResult viaDsn = analyzer.analyze(Mails.dsn("MAILER-DAEMON@mta.example.com", "Undelivered Mail",
                "Your message could not be delivered.", rcpt, action, status, "mx.example.net", diag))
                .recipients().get(0);
        assertEquals(viaDsn.reason(), viaReply.reason());
        assertEquals(viaDsn.type(), viaReply.type());
        assertEquals(viaDsn.fault(), viaReply.fault());
        assertEquals(viaDsn.suppress(), viaReply.suppress());
        assertEquals(viaDsn.statusText(), viaReply.statusText());
        assertEquals(viaDsn.replyCode(), viaReply.replyCode());
        assertEquals(viaDsn.rule(), viaReply.rule());
        assertEquals(viaDsn.delayed(), viaReply.delayed());
    }
}
