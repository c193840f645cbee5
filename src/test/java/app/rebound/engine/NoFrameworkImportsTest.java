package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine must stay a plain Java library: no Quarkus, Jakarta/CDI or Hibernate in its sources or classes. */
class NoFrameworkImportsTest {
    private static final String[] FORBIDDEN = {"io.quarkus", "jakarta.", "javax.enterprise", "javax.inject",
        "org.hibernate", "io.smallrye", "io.vertx"};

    @Test
    void sourcesImportNoFramework() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/app/rebound/engine"))) {
            for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".java"))::iterator) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (t.startsWith("import ") || t.startsWith("@")) {
                        for (String f : FORBIDDEN) {
                            if (t.contains(f)) {
                                offenders.add(p + ": " + t);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "framework imports in the engine: " + offenders);
    }

    @Test
    void compiledClassesReferenceNoFramework() throws IOException {
        Path classes = Path.of("target/classes/app/rebound/engine");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".class"))::iterator) {
                // constant-pool class names use '/' separators
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                for (String f : FORBIDDEN) {
                    if (bytes.contains(f.replace('.', '/'))) {
                        offenders.add(p + " -> " + f);
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "framework references in engine classes: " + offenders);
    }
}
