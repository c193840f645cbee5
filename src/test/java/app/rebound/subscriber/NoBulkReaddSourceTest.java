package app.rebound.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No bulk re-add, whatever the route, kept true as code is added: the only code that changes a subscriber's status
 * in Java is one of the known one-subscriber paths, and the only SQL that updates subscribers' status moves them
 * away from subscribed, never back. A new route that re-subscribes has to go through {@link SubscriberLifecycle}
 * (evidence, one subscriber) or be added here with its reason. Demo seeding ({@code app.rebound.demo}) only creates rows
 * and is not read.
 */
class NoBulkReaddSourceTest {
    private static final Path MAIN = Path.of("src/main/java");
    /** Who may call {@code changeStatus}, and why that is not a bulk re-add. */
    private static final Map<String, String> STATUS_CHANGERS = Map.of(
            "app/rebound/subscriber/SubscriberLifecycle.java", "re-add with evidence, one subscriber per request",
            "app/rebound/subscriber/Reclassify.java", "one bounce corrected, its subscriber re-derived",
            "app/rebound/crm/Reactivation.java", "the automatic reactivation under its own rules (crm package), not a person's re-add");
    private static final Pattern CHANGE_STATUS = Pattern.compile("\\.changeStatus\\(|\\.status\\s*=\\s*SubscriberStatus\\.SUBSCRIBED");
    private static final Pattern SQL_STATUS_UPDATE = Pattern.compile("update\\s+subscriber\\s+\\w+\\s+set\\s+status", Pattern.CASE_INSENSITIVE);

    @Test
    void onlyTheKnownOneSubscriberPathsChangeAStatus() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("app/rebound")), "run from the project root");
        List<String> offenders = new ArrayList<>();
        for (Path f : javaFiles()) {
            String rel = MAIN.relativize(f).toString().replace('\\', '/');
            if (STATUS_CHANGERS.containsKey(rel) || rel.equals("app/rebound/subscriber/Subscriber.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (CHANGE_STATUS.matcher(lines.get(i)).find()) {
                    offenders.add(rel + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), offenders, "a subscriber's status changed outside the known one-subscriber paths");
    }

    @Test
    void sqlThatUpdatesStatusesOnlyMovesSubscribersAwayFromSubscribed() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : javaFiles()) {
            String text = Files.readString(f);
            var m = SQL_STATUS_UPDATE.matcher(text);
            while (m.find()) {
                String statement = text.substring(m.start(), Math.min(text.length(), m.start() + 600));
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                found.add(rel);
                assertTrue(statement.contains("= 'subscribed'"), rel + ": a bulk status update must only move subscribers that are"
                        + " still subscribed (no bulk re-add): " + statement);
            }
        }
        assertEquals(List.of("app/rebound/ingest/IngestSql.java"), found, "the one bulk status update is the ingestion pipeline's");
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/demo/")).toList();
        }
    }
}
