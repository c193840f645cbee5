package app.rebound.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates' own text is ASCII: typographic characters are written as entities ({@code &middot;},
 * {@code &ndash;} ...). A page whose characters are all ASCII leaves {@link Utf8StringWriter} as a plain copy of the
 * String's bytes; one literal {@code ·} in the layout makes the JDK encode every character of every page one by one
 * (the bounce log's 60 KB, issue 10). Text from the data (a receiver's reply in Cyrillic) still goes out as UTF-8.
 */
class TemplatesAsciiTest {
    @Test
    void templatesHoldOnlyAscii() throws IOException {
        Path root = Path.of("src/main/resources/templates");
        List<String> found = new ArrayList<>();
        int files;
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> html = all.filter(p -> p.toString().endsWith(".html")).toList();
            files = html.size();
            for (Path p : html) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).chars().anyMatch(c -> c > 0x7f)) {
                        found.add(root.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(files > 20, "the templates were found: " + files);
        assertEquals(List.of(), found, "characters outside ASCII: write them as HTML entities");
    }
}
