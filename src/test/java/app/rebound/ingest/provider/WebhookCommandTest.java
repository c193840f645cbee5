package app.rebound.ingest.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code webhook PROVIDER FILE...}: the same JSON lines as {@code parse}, errors on stderr, exit codes. */
class WebhookCommandTest {
    private static final Set<String> FIELDS = Set.of("file", "index", "recipient", "status", "replyCode", "reason",
            "type", "fault", "suppress", "diagnostic", "rule");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int rc, List<String> lines, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = WebhookCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        return new Run(rc, o.isEmpty() ? List.of() : List.of(o.split("\n")), o, err.toString(StandardCharsets.UTF_8));
    }

    static Path save(Path dir, String resource) throws Exception {
        Path p = dir.resolve(resource);
        Files.writeString(p, SignedPayloads.resource(resource));
        return p;
    }

    @Test
    void printsOneLinePerRecipientEventWithTheFieldsOfParse(@TempDir Path dir) throws Exception {
        Path batch = save(dir, "sendgrid-batch.json");
        Run r = run("sendgrid", batch.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(6, r.lines().size(), r.out());
        int index = 0;
        for (String line : r.lines()) {
            JsonNode n = JSON.readTree(line);
            Set<String> names = new TreeSet<>();
            n.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names, line);
            assertEquals(batch.toString(), n.get("file").asText());
            assertEquals(++index, n.get("index").asInt());
        }
        JsonNode hard = JSON.readTree(r.lines().get(0));
        assertEquals("tomas.novak@seznam.example.cz", hard.get("recipient").asText());
        assertEquals("userunknown", hard.get("reason").asText());
        assertEquals("hard", hard.get("type").asText());
        assertEquals("recipient", hard.get("fault").asText());
        assertTrue(hard.get("suppress").asBoolean());
        assertEquals(550, hard.get("replyCode").asInt());
        assertEquals("complaint", JSON.readTree(r.lines().get(4)).get("type").asText());
    }

    @Test
    void aPayloadThatChangesNoSubscriberPrintsIndexZero(@TempDir Path dir) throws Exception {
        Path open = save(dir, "postmark-open.json");
        Run r = run("postmark", open.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(List.of("{\"file\":" + app.rebound.engine.cli.Json.quote(open.toString()) + ",\"index\":0}"), r.lines());
    }

    @Test
    void unreadableAndMalformedFilesGoToStderrWithExitOneAndTheOthersAreStillRead(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"RecordType\": ");
        Path good = save(dir, "postmark-hardbounce.json");
        Run r = run("postmark", dir.resolve("missing.json").toString(), bad.toString(), good.toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("missing.json"), r.err());
        assertTrue(r.err().contains("bad.json") && r.err().contains("not JSON"), r.err());
        assertEquals(1, r.lines().size(), r.out());
        assertTrue(r.lines().get(0).contains("sofia.rossi@posta.example.it"), r.out());
    }

    @Test
    void sesReadsBothSnsEnvelopesAndBareNotifications(@TempDir Path dir) throws Exception {
        Path bare = save(dir, "ses-bounce-permanent.json");
        Path env = dir.resolve("envelope.json");
        Files.write(env, SignedPayloads.bytes(SignedPayloads.snsNotification("m-cli",
                SignedPayloads.resource("ses-complaint.json"), "1", SignedPayloads.snsKey())));
        Run r = run("ses", bare.toString(), env.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(3, r.lines().size(), r.out());
        assertTrue(r.lines().get(2).contains("angry.reader@webmail.example.com"), r.out());
    }

    @Test
    void helpPrintsUsageAndUnknownProvidersAreRefused() {
        Run help = run("--help");
        assertEquals(0, help.rc());
        assertTrue(help.out().startsWith("usage: webhook PROVIDER FILE..."), help.out());
        assertTrue(help.out().contains("ses, sendgrid, mailgun, postmark, sparkpost"), help.out());
        Run unknown = run("mandrill", "x.json");
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().contains("unknown provider 'mandrill'"), unknown.err());
        assertEquals(2, run().rc());
    }
}
