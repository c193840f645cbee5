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

    public record Row(String file, int index, String status, String replyCode, String reason, boolean hard,
                      String feedbackType) {
    }

    private Corpus() {
    }

    public static List<Row> expected() throws IOException {
        List<Row> rows = new ArrayList<>();
        CSVFormat fmt = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        try (Reader r = Files.newBufferedReader(DIR.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : fmt.parse(r)) {
                rows.add(new Row(rec.get("file"), Integer.parseInt(rec.get("index")), rec.get("status"),
                        rec.get("replycode"), rec.get("reason"), "1".equals(rec.get("hardbounce")),
                        rec.get("feedbacktype")));
            }
        }
        return rows;
    }

    /** file name to raw bytes, sorted by name. */
    public static Map<String, byte[]> emails() throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(DIR.resolve("emails"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
