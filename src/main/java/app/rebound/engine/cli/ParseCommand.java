package app.rebound.engine.cli;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceAnalyzer;
import app.rebound.engine.Outcome;
import app.rebound.engine.RecipientResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code parse PATH...}: analyses raw mails (files, or directories walked recursively in sorted order) and
 * prints one JSON object per line per result. Plain Java: no framework is started.
 */
public final class ParseCommand {
    private ParseCommand() {
    }

    static final String USAGE = """
            usage: parse PATH...
              Analyses raw mails (files, or directories walked recursively in sorted order; mbox files allowed) and
              prints one JSON object per line and result, with the fields
              file, index, recipient, status, replyCode, reason, type, fault, suppress, diagnostic, rule;
              {"file":...,"index":0} when a file holds no bounce. Starts no server and no database.
              Exit code 0; 1 when a path cannot be read (the others are still parsed); 2 without a path.
            """;

    public static int run(String... args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            out.print(USAGE);
            out.flush();
            return 0;
        }
        BounceAnalyzer analyzer = BounceAnalyzer.standard();
        int rc = 0;
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            for (String a : args) {
                Path p = Path.of(a);
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).sorted().forEach(files::add);
                    } catch (IOException | UncheckedIOException e) {
                        err.println("parse: cannot read directory " + a + ": " + e.getMessage());
                        rc = 1;
                        continue;
                    }
                } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                    files.add(p);
                } else {
                    err.println("parse: cannot read " + a + ": no such readable file or directory");
                    rc = 1;
                    continue;
                }
                for (Path f : files) {
                    byte[] raw;
                    try {
                        raw = Files.readAllBytes(f);
                    } catch (IOException | OutOfMemoryError e) {
                        err.println("parse: cannot read " + f + ": " + e.getMessage());
                        rc = 1;
                        continue;
                    }
                    writeResults(w, f.toString(), analyzer.analyzeAll(raw), err);
                }
                w.flush();
            }
            w.flush();
        } catch (IOException e) {
            err.println("parse: cannot write output: " + e.getMessage());
            return 1;
        }
        return rc;
    }

    static void writeResults(Writer w, String file, List<AnalysisReport> reports, PrintStream err)
            throws IOException {
        int index = 0;
        for (AnalysisReport r : reports) {
            if (r.outcome() == Outcome.UNPARSEABLE) {
                err.println("parse: " + file + ": unparseable: " + String.join("; ", r.errors()));
            }
            for (RecipientResult x : r.recipients()) {
                index++;
                w.write(Json.recipientLine(file, index, x));
            }
        }
        if (index == 0) {
            w.write(Json.emptyLine(file));
        }
    }
}
