package app.rebound.ingest.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The provider library (parsing, verification, the command line) stays plain Java so `webhook` boots nothing. */
class ProviderLibraryImportsTest {
    private static final String[] FORBIDDEN = {"io.quarkus", "jakarta.", "javax.enterprise", "javax.inject",
        "org.hibernate", "io.smallrye", "io.vertx", "app.rebound.ingest.Inbox", "app.rebound.tenant"};

    @Test
    void noFrameworkInTheProviderPackage() throws IOException {
        Path dir = Path.of("src/main/java/app/rebound/ingest/provider");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    for (String f : FORBIDDEN) {
                        if ((t.startsWith("import ") || t.startsWith("@")) && t.contains(f)) {
                            offenders.add(p.getFileName() + ": " + t);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
