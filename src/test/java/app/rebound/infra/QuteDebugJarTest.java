package app.rebound.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The relabelled dev-mode jar in .mvn/ is the official qute-debug 3.34.1, unchanged: its SHA-256 is the one
 * recorded beside it (taken from Maven Central's jar), and its SHA-1 is the one Central publishes for 3.34.1.
 * .ci/run also downloads the official jar and compares the bytes.
 */
class QuteDebugJarTest {
    private static final Path DIR = Path.of(".mvn/qute-debug-repo/io/quarkus/qute/qute-debug/3.33.2");
    private static final String CENTRAL_SHA1_OF_3_34_1 = "7641e386b9d264e87632ba70cb0e772eb3c0a854";

    @Test
    void relabelledJarIsTheOfficialOne() throws Exception {
        byte[] jar = Files.readAllBytes(DIR.resolve("qute-debug-3.33.2.jar"));
        String recorded = Files.readString(DIR.resolve("official-qute-debug-3.34.1.jar.sha256")).split("\\s+")[0];
        assertEquals(recorded, hex("SHA-256", jar), "SHA-256 of the relabelled jar");
        assertEquals(CENTRAL_SHA1_OF_3_34_1, hex("SHA-1", jar), "SHA-1 published by Maven Central for 3.34.1");
        assertEquals(CENTRAL_SHA1_OF_3_34_1, Files.readString(DIR.resolve("qute-debug-3.33.2.jar.sha1")).trim());
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
