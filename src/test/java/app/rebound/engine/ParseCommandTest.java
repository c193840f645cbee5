package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.cli.ParseCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private static final Set<String> FIELDS = Set.of("file", "index", "recipient", "status", "replyCode", "reason",
            "type", "fault", "suppress", "diagnostic", "rule");
    private static final Set<String> TYPES = Set.of("hard", "soft", "complaint", "auto-reply", "delivered",
            "undetermined");
    private static final Set<String> FAULTS = Set.of("recipient", "sender", "receiver-system", "network", "unknown");

    record Run(int rc, List<String> lines, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ParseCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        return new Run(rc, o.isEmpty() ? List.of() : List.of(o.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndExitsWithoutParsing() {
        for (String flag : new String[] {"--help", "-h"}) {
            Run r = run(flag);
            assertEquals(0, r.rc(), r.err());
            assertTrue(r.lines().get(0).startsWith("usage: parse PATH..."), r.lines().toString());
            assertEquals("", r.err());
        }
    }

    @Test
    void walksTheCorpusDirectoryAndPrintsOneValidJsonObjectPerResult() throws Exception {
        Run r = run(Corpus.DIR.resolve("emails").toString());
        assertEquals(0, r.rc(), r.err());
        ObjectMapper json = new ObjectMapper();
        Set<String> files = new TreeSet<>();
        String previous = "";
        for (String line : r.lines()) {
            JsonNode n = json.readTree(line);
            String file = n.get("file").asText();
            files.add(file);
            assertTrue(file.compareTo(previous) >= 0, "files sorted");
            previous = file;
            if (n.get("index").asInt() == 0) {
                assertEquals(2, n.size(), line);
            } else {
                Set<String> names = new TreeSet<>();
                n.fieldNames().forEachRemaining(names::add);
                assertEquals(FIELDS, names, line);
                assertTrue(TYPES.contains(n.get("type").asText()), line);
                assertTrue(FAULTS.contains(n.get("fault").asText()), line);
            }
        }
        assertEquals(301, files.size());
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("not-is-not-bounce-01.eml\",\"index\":0}")));
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("\"reason\":\"userunknown\"")));
    }

    @Test
    void unreadablePathGivesNonZeroExitButOtherFilesAreStillParsed(@TempDir Path dir) throws Exception {
        Path mail = dir.resolve("one.eml");
        Files.copy(Corpus.DIR.resolve("emails/lhost-postfix-09.eml"), mail);
        Run r = run(dir.resolve("missing.eml").toString(), mail.toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("missing.eml"), r.err());
        assertTrue(r.lines().size() >= 1);
        assertTrue(r.lines().get(0).startsWith("{\"file\":" + "\"" + mail.toString().replace("\\", "\\\\")));
    }

    @Test
    void jsonEscapingIsCorrect() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028\"", app.rebound.engine.cli.Json.quote("a\"b\\c\n\u0001\u2028"));
    }
}
