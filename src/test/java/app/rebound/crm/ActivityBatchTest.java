package app.rebound.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The activity body is validated as a whole before anything is stored. */
class ActivityBatchTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String item(String email, String when) {
        return "{\"email\":\"" + email + "\",\"source\":\"hubspot\",\"kind\":\"email_open\",\"occurred_at\":\"" + when + "\"}";
    }

    @Test
    void aSingleObjectAndAnArrayParse() {
        List<ActivityItem> one = ActivityBatch.parse(b(item("Ann@Example.NET", "2026-11-29T10:00:00+01:00")), NOW);
        assertEquals(List.of(new ActivityItem("ann@example.net", "hubspot", "email_open", Instant.parse("2026-11-29T09:00:00Z"))), one);
        List<ActivityItem> two = ActivityBatch.parse(b("[" + item("a@x.org", "2026-11-01T00:00:00Z") + ","
                + item("b@x.org", "2026-11-02T00:00:00Z") + "]"), NOW);
        assertEquals(2, two.size());
        assertEquals("b@x.org", two.get(1).email());
    }

    @Test
    void everyBadItemIsListedWithWhy() {
        String body = "[" + item("ok@x.org", "2026-11-01T00:00:00Z") + ","
                + "{\"email\":\"not-an-address\",\"source\":\"crm\",\"kind\":\"login\",\"occurred_at\":\"2026-11-01T00:00:00Z\"},"
                + "{\"email\":\"c@x.org\",\"kind\":\"login\",\"occurred_at\":\"yesterday\"},"
                + item("d@x.org", "2027-01-01T00:00:00Z") + ","
                + "{\"email\":\"e@x.org\",\"source\":\"crm\",\"kind\":\"login\",\"occurred_at\":\"2026-11-01T00:00:00Z\",\"extra\":1},"
                + "\"just text\","
                + "{\"email\":5,\"source\":\"<script>\",\"kind\":\"\",\"occurred_at\":\"2026-11-01T00:00:00\"}]";
        ActivityBatch.Invalid e = assertThrows(ActivityBatch.Invalid.class, () -> ActivityBatch.parse(b(body), NOW));
        List<ActivityBatch.ItemError> items = e.items();
        assertEquals(List.of(1, 2, 3, 4, 5, 6), items.stream().map(ActivityBatch.ItemError::index).toList());
        assertEquals(List.of("email is not an e-mail address"), items.get(0).errors());
        assertTrue(items.get(1).errors().contains("source is required"), items.get(1).errors().toString());
        assertTrue(items.get(1).errors().get(1).startsWith("occurred_at must be an ISO-8601"), items.get(1).errors().toString());
        assertEquals(List.of("occurred_at is in the future"), items.get(2).errors());
        assertTrue(items.get(3).errors().get(0).startsWith("unknown field extra"));
        assertTrue(items.get(4).errors().get(0).startsWith("an item must be an object"));
        assertEquals(4, items.get(5).errors().size(), items.get(5).errors().toString());
    }

    @Test
    void malformedBodiesAreRefusedAsAWhole() {
        assertThrows(ActivityBatch.Malformed.class, () -> ActivityBatch.parse(b(""), NOW));
        assertThrows(ActivityBatch.Malformed.class, () -> ActivityBatch.parse(b("{\"email\":"), NOW));
        assertThrows(ActivityBatch.Malformed.class, () -> ActivityBatch.parse(b("[]"), NOW));
        assertThrows(ActivityBatch.Malformed.class, () -> ActivityBatch.parse(b("42"), NOW));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= ActivityBatch.MAX_ITEMS; i++) {
            many.append(i == 0 ? "" : ",").append(item("a" + i + "@x.org", "2026-11-01T00:00:00Z"));
        }
        ActivityBatch.Malformed e = assertThrows(ActivityBatch.Malformed.class,
                () -> ActivityBatch.parse(b(many.append("]").toString()), NOW));
        assertTrue(e.getMessage().contains("At most 1000"), e.getMessage());
        many.setLength(0);
        many.append("[");
        for (int i = 0; i < ActivityBatch.MAX_ITEMS; i++) {
            many.append(i == 0 ? "" : ",").append(item("a" + i + "@x.org", "2026-11-01T00:00:00Z"));
        }
        assertEquals(1000, ActivityBatch.parse(b(many.append("]").toString()), NOW).size());
    }
}
