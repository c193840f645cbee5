package app.rebound.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeMeaningTest {
    @Test
    void knownCodesHaveTheirMeaningAndWhatToDo() {
        CodeMeaning m = CodeMeaning.of("5.1.1");
        assertTrue(m.meaning().contains("mailbox does not exist"));
        assertTrue(m.whatToDo().contains("dead"));
        assertTrue(m.klass().startsWith("Permanent"));
        assertTrue(CodeMeaning.of("4.7.0").whatToDo().toLowerCase().contains("greylisting"));
        assertTrue(CodeMeaning.of("5.2.5").whatToDo().contains("reduce the message size"));
        assertTrue(CodeMeaning.of("5.1.10").meaning().contains("null MX"));
        assertTrue(CodeMeaning.of("4.2.2").whatToDo().contains("retries"));
    }

    @Test
    void anyOtherCodeIsExplainedByItsStructure() {
        CodeMeaning m = CodeMeaning.of("5.7.606");
        assertFalse(m.registered());
        assertEquals("Security or policy", m.subject());
        assertTrue(m.meaning().contains("Not in the registry"));
        assertTrue(m.whatToDo().contains("your side"), "5.7.x family advice");
        CodeMeaning t = CodeMeaning.of("4.9.9");
        assertTrue(t.klass().startsWith("Persistent transient"));
        assertTrue(t.subject().startsWith("Unregistered subject"));
        assertEquals("4.4.7", CodeMeaning.of("4.04.007").code());
    }

    @Test
    void malformedCodesHaveNoMeaning() {
        assertNull(CodeMeaning.of(null));
        assertNull(CodeMeaning.of("550"));
        assertNull(CodeMeaning.of("6.1.1"));
        assertNull(CodeMeaning.of("5.1.1; <script>"));
    }
}
