package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void statusCodeParsesAndValidates() {
        StatusCode s = StatusCode.parse("5.1.1");
        assertEquals(5, s.klass());
        assertTrue(s.isPermanent());
        assertEquals("5.7.606", StatusCode.parse(" 5.7.606 ").toString());
        assertNull(StatusCode.tryParse("3.1.1"));
        assertNull(StatusCode.tryParse("5.1"));
        assertNull(StatusCode.tryParse("5.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> StatusCode.parse("550"));
        assertThrows(IllegalArgumentException.class, () -> new StatusCode(6, 0, 0));
        assertTrue(StatusCode.parse("5.0.0").isVague());
        assertFalse(StatusCode.parse("5.1.1").isVague());
    }

    @Test
    void reasonsCarryTheirRules() {
        assertTrue(Reason.USERUNKNOWN.isHard());
        assertTrue(Reason.NOTACCEPT.suppresses(false));
        assertFalse(Reason.NOTACCEPT.suppresses(true));
        assertFalse(Reason.MAILBOXFULL.isHard());
        assertFalse(Reason.BLOCKED.suppresses(false));
        assertEquals(Fault.SENDER, Reason.AUTHFAILURE.defaultFault());
        assertEquals(Fault.RECIPIENT, Reason.HOSTUNKNOWN.defaultFault());
        assertEquals("userunknown", Reason.USERUNKNOWN.id());
        assertEquals(Reason.SPAMDETECTED, Reason.fromId("spamdetected"));
    }

    @Test
    void recipientResultRefusesSuppressionOfSenderFaults() {
        assertThrows(IllegalArgumentException.class, () -> new RecipientResult("a@b.c", "", "failed",
                StatusCode.parse("5.7.1"), false, 550, "", "", "", "", null, null, Reason.BLOCKED, BounceType.HARD,
                false, Fault.SENDER, true, false, "", "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> new RecipientResult("a@b.c", "", "failed", null, false,
                999, "", "", "", "", null, null, Reason.UNDEFINED, BounceType.UNDETERMINED, false, Fault.UNKNOWN,
                false, false, "", "x", "y"));
    }

    @Test
    void verpRoundTripsAndRejectsForgery() {
        Verp verp = new Verp("0123456789abcdef0123456789abcdef".getBytes());
        String a = verp.encode("acme", "42", "1001", "Bounces.Rebound.Example");
        assertTrue(a.startsWith("bounce+acme.42.1001."));
        assertTrue(a.endsWith("@bounces.rebound.example"));
        assertEquals(Optional.of(new Verp.Token("acme", "42", "1001")), verp.decode("<" + a.toUpperCase() + ">"));
        String forged = a.replace("bounce+acme.42.1001.", "bounce+acme.42.1002.");
        assertTrue(verp.decode(forged).isEmpty());
        Verp other = new Verp("another-key-another-key-another!".getBytes());
        assertTrue(other.decode(a).isEmpty());
        assertTrue(verp.decode("someone@example.com").isEmpty());
        assertTrue(verp.decode(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> verp.encode("ac.me", "1", "2", "x.example"));
        assertThrows(IllegalArgumentException.class, () -> new Verp(new byte[4]));
    }

    @Test
    void limitsValidate() {
        assertEquals(10 * 1024 * 1024, Limits.defaults().maxMessageBytes());
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().withMaxMessageBytes(10));
    }

    @Test
    void oversizedInputIsUnparseableWithReason() {
        BounceAnalyzer small = BounceAnalyzer.of(Limits.defaults().withMaxMessageBytes(2048), null);
        AnalysisReport r = small.analyze(new byte[4096]);
        assertEquals(Outcome.UNPARSEABLE, r.outcome());
        assertTrue(r.errors().get(0).contains("exceeds the limit"), r.errors().toString());
        assertEquals(Outcome.UNPARSEABLE, BounceAnalyzer.standard().analyze(new byte[0]).outcome());
        assertEquals(Outcome.UNPARSEABLE, BounceAnalyzer.standard().analyze(null).outcome());
    }
}
