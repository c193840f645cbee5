package app.rebound.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Two checkouts on one machine get two test databases; REBOUND_TEST_DB names are checked before use in SQL. */
class TestDatabaseTest {
    @Test
    void eachCheckoutHasItsOwnDefaultDatabase() {
        String one = TestDatabase.defaultName(Path.of("/work/main"));
        String two = TestDatabase.defaultName(Path.of("/work/wt-sec"));
        assertNotEquals(one, two);
        assertEquals(one, TestDatabase.defaultName(Path.of("/work/main/../main")), "the same checkout, the same name");
        assertTrue(one.matches("rebound_test_[0-9a-f]{8}"), one);
        assertEquals(one, TestDatabase.checkedName(one));
    }

    @Test
    void onlyPlainNamesAreAccepted() {
        assertEquals("rebound_test_sec", TestDatabase.checkedName("REBOUND_TEST_SEC"));
        for (String bad : new String[] {"", "x; drop database y", "a-b", "1abc", "x".repeat(64), "\"q\""}) {
            assertThrows(IllegalArgumentException.class, () -> TestDatabase.checkedName(bad), bad);
        }
    }
}
