package app.rebound.ingest.provider;

import app.rebound.engine.cli.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code webhook PROVIDER FILE...}: reads saved webhook payloads without verifying signatures and prints one
 * JSON line per recipient event with the fields of {@code parse}, or {@code {"file":…,"index":0}} when the
 * payload changes no subscriber. Plain Java: no framework is started.
 */
public final class WebhookCommand {
    static final String USAGE = """
            usage: webhook PROVIDER FILE...
              PROVIDER  one of: %s
              FILE      a saved webhook request body (JSON), e.g. an SNS message for ses, a SendGrid or SparkPost
                        event array, a Mailgun or Postmark event object. Signatures are not checked.
            Prints one JSON object per line and recipient event: file, index, recipient, status, replyCode, reason,
            type, fault, suppress, diagnostic, rule; {"file":...,"index":0} when the payload changes no subscriber.
            An unreadable or malformed file gives a message on stderr and exit code 1; the others are still read.
            """.formatted(Provider.ids());

    private WebhookCommand() {
    }

    public static int run(String... args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        if (args.length < 2) {
            err.print(USAGE);
            return 2;
        }
        Provider provider;
        try {
            provider = Provider.fromId(args[0]);
        } catch (IllegalArgumentException e) {
            err.println("webhook: " + e.getMessage());
            return 2;
        }
        Verdicts verdicts = Verdicts.standard();
        int rc = 0;
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            for (int i = 1; i < args.length; i++) {
                String file = args[i];
                byte[] body;
                try {
                    Path p = Path.of(file);
                    if (!Files.isRegularFile(p)) {
                        throw new IOException("no such regular file");
                    }
                    if (Files.size(p) > PayloadJson.MAX_BYTES) {
                        throw new IOException("larger than " + PayloadJson.MAX_BYTES + " bytes");
                    }
                    body = Files.readAllBytes(p);
                } catch (IOException | RuntimeException e) {
                    err.println("webhook: cannot read " + file + ": " + e.getMessage());
                    rc = 1;
                    continue;
                }
                List<ProviderEvent> events;
                try {
                    events = provider.parse(body, verdicts);
                } catch (PayloadException e) {
                    err.println("webhook: " + file + ": " + e.getMessage());
                    rc = 1;
                    continue;
                }
                write(w, file, events);
                w.flush();
            }
            w.flush();
        } catch (IOException e) {
            err.println("webhook: cannot write output: " + e.getMessage());
            return 1;
        }
        return rc;
    }

    private static void write(Writer w, String file, List<ProviderEvent> events) throws IOException {
        if (events.isEmpty()) {
            w.write(Json.emptyLine(file));
            return;
        }
        int index = 0;
        for (ProviderEvent e : events) {
            w.write(Json.recipientLine(file, ++index, e.verdict()));
        }
    }
}
