package app.rebound.engine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The Sisimai sample copied into src/test/resources/corpus/sisimai. */
public final class Corpus {
    public static final Path DIR = Path.of("src/test/resources/corpus/sisimai");

    /**
     * One expected result. {@code family} is the Sisimai module whose test asserts the file (the format family);
     * {@code recipient} the failed address, from {@code recipients.tsv} (empty for index 0 and redacted complaints).
     * {@code sealed}: the row belongs to the sealed part, every third format family in sorted order (positions 2, 5,
     * 8, ... counting from 0), set aside before rule work to measure how rules generalise to formats they were not
     * written on.
     */
    public record Row(String file, int index, String status, String replyCode, String reason, boolean hard,
                      String feedbackType, String family, String recipient, boolean sealed) {
    }

    private Corpus() {
    }

    public static List<Row> expected() throws IOException {
        return expected(DIR);
    }

    /**
     * The expectations of a collection in the sample's layout ({@code expected.tsv}, optional {@code recipients.tsv},
     * {@code emails/}): {@code recipient} is null where the collection names no address (not checked then).
     */
    public static List<Row> expected(Path dir) throws IOException {
        Map<String, String> rcpts = new TreeMap<>();
        boolean named = Files.exists(dir.resolve("recipients.tsv"));
        // no quoting: a quoted local part ("a b"@example.com) is a value here
        CSVFormat tsv = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).setQuote(null).get();
        if (named) {
            try (Reader r = Files.newBufferedReader(dir.resolve("recipients.tsv"), StandardCharsets.UTF_8)) {
                for (CSVRecord rec : tsv.parse(r)) {
                    rcpts.put(rec.get("file") + "#" + rec.get("index"), rec.get("recipient"));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        CSVFormat fmt = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        try (Reader r = Files.newBufferedReader(dir.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : fmt.parse(r)) {
                rows.add(new Row(rec.get("file"), Integer.parseInt(rec.get("index")), rec.get("status"),
                        rec.get("replycode"), rec.get("reason"), "1".equals(rec.get("hardbounce")),
                        rec.get("feedbacktype"), rec.get("source"),
                        named ? rcpts.getOrDefault(rec.get("file") + "#" + rec.get("index"), "") : null, false));
            }
        }
        List<String> families = rows.stream().map(Row::family).distinct().sorted().toList();
        List<Row> out = new ArrayList<>(rows.size());
        for (Row x : rows) {
            boolean sealed = families.indexOf(x.family()) % 3 == 2;
            out.add(new Row(x.file(), x.index(), x.status(), x.replyCode(), x.reason(), x.hard(), x.feedbackType(),
                    x.family(), x.recipient(), sealed));
        }
        return out;
    }

    /** file name to raw bytes, sorted by name. */
    public static Map<String, byte[]> emails() throws IOException {
        return emails(DIR);
    }

    /** A collection's mails ({@code dir/emails}), file name to raw bytes, sorted by name. */
    public static Map<String, byte[]> emails(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("emails"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
