package app.rebound.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/activity} parsed and validated before anything is stored: one object or an array
 * of at most {@value #MAX_ITEMS}; each item exactly {@code email}, {@code source}, {@code kind}, {@code occurred_at}
 * (ISO-8601 with an offset, not in the future beyond {@link #CLOCK_SKEW}, not before 2000). Any bad item makes the
 * whole batch {@link Invalid}, with every bad item and why.
 */
public final class ActivityBatch {
    public static final int MAX_ITEMS = 1000;
    public static final int MAX_BYTES = 512 * 1024;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Set<String> FIELDS = Set.of("email", "source", "kind", "occurred_at");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,255}\\.[^@\\s.\\p{Cntrl}]{1,63}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityBatch() {
    }

    /** The whole batch is malformed (not JSON, too many items): nothing about single items to say. */
    public static class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message);
        }
    }

    /** What is wrong with one item (its index in the batch, 0 for a single object). */
    public record ItemError(int index, List<String> errors) {
    }

    /** Some items are invalid: none is stored. */
    public static class Invalid extends RuntimeException {
        private final List<ItemError> items;

        public Invalid(List<ItemError> items) {
            super(items.size() + " of the items are invalid; nothing was stored");
            this.items = List.copyOf(items);
        }

        public List<ItemError> items() {
            return items;
        }
    }

    public static List<ActivityItem> parse(byte[] body, Instant now) {
        if (body == null || body.length == 0) {
            throw new Malformed("The body is empty: send one activity object or an array of them.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new Malformed("The body could not be read.");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new Malformed("Send one activity object or an array of them.");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new Malformed("The array is empty.");
            }
            if (root.size() > MAX_ITEMS) {
                throw new Malformed("At most " + MAX_ITEMS + " items per request, got " + root.size() + ".");
            }
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        List<ActivityItem> items = new ArrayList<>();
        List<ItemError> bad = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            List<String> errors = new ArrayList<>();
            ActivityItem item = item(nodes.get(i), now, errors);
            if (errors.isEmpty()) {
                items.add(item);
            } else {
                bad.add(new ItemError(i, errors));
            }
        }
        if (!bad.isEmpty()) {
            throw new Invalid(bad);
        }
        return items;
    }

    private static ActivityItem item(JsonNode n, Instant now, List<String> errors) {
        if (!n.isObject()) {
            errors.add("an item must be an object with email, source, kind and occurred_at");
            return null;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add("unknown field " + clip(f) + " (expected email, source, kind, occurred_at)");
            }
        }
        String email = text(n, "email", errors);
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            errors.add("email is not an e-mail address");
        }
        String source = text(n, "source", errors);
        if (source != null && !WORD.matcher(source).matches()) {
            errors.add("source must be 1 to 64 letters, digits, spaces or . _ : / -, starting with a letter or digit");
        }
        String kind = text(n, "kind", errors);
        if (kind != null && !WORD.matcher(kind).matches()) {
            errors.add("kind must be 1 to 64 letters, digits, spaces or . _ : / -, starting with a letter or digit");
        }
        String when = text(n, "occurred_at", errors);
        Instant at = null;
        if (when != null) {
            try {
                at = OffsetDateTime.parse(when).toInstant();
                if (at.isAfter(now.plus(CLOCK_SKEW))) {
                    errors.add("occurred_at is in the future");
                } else if (at.isBefore(EARLIEST)) {
                    errors.add("occurred_at is before 2000");
                }
            } catch (DateTimeParseException e) {
                errors.add("occurred_at must be an ISO-8601 time with an offset, e.g. 2026-11-30T10:15:00Z");
            }
        }
        return errors.isEmpty() ? new ActivityItem(email, source, kind, at) : null;
    }

    private static String text(JsonNode n, String field, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            errors.add(field + " is required");
            return null;
        }
        if (!v.isTextual()) {
            errors.add(field + " must be a string");
            return null;
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            errors.add(field + " is empty");
            return null;
        }
        return s;
    }

    private static String clip(String s) {
        String c = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }
}
