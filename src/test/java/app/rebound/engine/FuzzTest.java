package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import app.rebound.engine.internal.MailReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Seeded random mutations of corpus mails (truncation, byte flips, deleted/duplicated lines, giant headers, deep
 * nesting, binary noise): the analyzer must never throw and must finish each input quickly. The timeout is a hang
 * detector, not a benchmark.
 */
class FuzzTest {
    private static final long SEED = 20261128L;
    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    @Test
    void mutatedCorpusNeverThrowsNorHangs() throws Exception {
        Random rnd = new Random(SEED);
        List<byte[]> corpus = new ArrayList<>(Corpus.emails().values());
        int inputs = 0;
        for (int round = 0; round < 4; round++) {
            for (byte[] mail : corpus) {
                byte[] m = mutate(mail, rnd);
                check(m);
                inputs++;
            }
        }
        System.out.println("fuzz: " + inputs + " mutated inputs, seed " + SEED);
    }

    @Test
    void hostileShapesAreBounded() {
        check(giantHeader(2_000_000));
        check(deepNesting(5_000));
        check(manyParts(20_000));
        check(enclosedReports(500));
        check(longLine(3_000_000));
        check("From \n\nFrom \n\nFrom \n".getBytes(StandardCharsets.US_ASCII));
        byte[] noise = new byte[1 << 20];
        new Random(SEED).nextBytes(noise);
        check(noise);
        check("Content-Type: multipart/report; boundary=\"\"\n\n--\n--\n".getBytes(StandardCharsets.US_ASCII));
        check(("Content-Type: message/delivery-status\n\n" + "Final-Recipient: rfc822; a@b.c\n".repeat(50_000))
                .getBytes(StandardCharsets.US_ASCII));
        check(("From: mailer-daemon@x.example\nSubject: Undelivered\n\n"
                + "x@".repeat(200_000) + " user unknown " + "@a.b ".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Delivery reports each wrapped as the returned original of the next, {@code depth} deep. */
    private static byte[] enclosedReports(int depth) {
        String m = "From: MAILER-DAEMON@x.example\nSubject: Returned mail\n\nnothing\n";
        for (int i = 0; i < depth; i++) {
            m = "From: MAILER-DAEMON@x" + i + ".example\nSubject: Returned mail\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b" + i + "\"\n\n"
                    + "--b" + i + "\nContent-Type: text/plain\n\nfailed\n--b" + i + "\n"
                    + "Content-Type: message/rfc822\n\n" + m + "\n--b" + i + "--\n";
        }
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    private void check(byte[] input) {
        AnalysisReport r = assertTimeoutPreemptively(PER_INPUT, () -> analyzer.analyze(input));
        noInternalError(r);
        for (AnalysisReport each : assertTimeoutPreemptively(PER_INPUT, () -> analyzer.analyzeAll(input))) {
            noInternalError(each);
        }
    }

    @Test
    void anInternalErrorInErrorsFailsTheCheck() {
        AnalysisReport crashed = AnalysisReport.unparseable(MailReader.INTERNAL_ERROR + " while parsing: NullPointerException");
        assertThrows(AssertionFailedError.class, () -> noInternalError(crashed));
        noInternalError(AnalysisReport.unparseable("empty input"));
    }

    /** The engine catches its own exceptions and reports them in errors(): that is a failure here too. */
    static void noInternalError(AnalysisReport r) {
        for (String e : r.errors()) {
            assertFalse(e.startsWith(MailReader.INTERNAL_ERROR), () -> "internal error reported: " + e);
        }
        for (RecipientResult x : r.recipients()) {
            assertFalse(x.suppress() && x.recipient().isEmpty(), () -> "suppress without a recipient: " + x);
        }
    }

    static byte[] mutate(byte[] mail, Random rnd) {
        byte[] m = mail.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> m = Arrays.copyOf(m, rnd.nextInt(m.length + 1));
            case 1 -> {
                for (int i = 0; i < 1 + rnd.nextInt(50); i++) {
                    if (m.length > 0) {
                        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                    }
                }
            }
            case 2 -> m = editLines(m, rnd, true);
            case 3 -> m = editLines(m, rnd, false);
            case 4 -> m = concat(giantHeader(50_000 + rnd.nextInt(200_000)), m);
            case 5 -> m = concat(m, deepNesting(50 + rnd.nextInt(500)));
            default -> {
                int at = m.length == 0 ? 0 : rnd.nextInt(m.length);
                byte[] noise = new byte[rnd.nextInt(5000)];
                rnd.nextBytes(noise);
                m = concat(Arrays.copyOf(m, at), concat(noise, Arrays.copyOfRange(m, at, m.length)));
            }
        }
        return m;
    }

    private static byte[] editLines(byte[] m, Random rnd, boolean delete) {
        String s = new String(m, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        for (int i = 0; i < 1 + rnd.nextInt(20) && !lines.isEmpty(); i++) {
            int k = rnd.nextInt(lines.size());
            if (delete) {
                lines.remove(k);
            } else {
                lines.add(k, lines.get(k));
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
        o.writeBytes(a);
        o.writeBytes(b);
        return o.toByteArray();
    }

    static byte[] giantHeader(int size) {
        return ("Subject: " + "x".repeat(size) + "\nFrom: a@b.example\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] longLine(int size) {
        return ("From: mailer-daemon@b.example\nSubject: Undelivered Mail\n\n" + "550 5.1.1 ".repeat(size / 10))
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] deepNesting(int depth) {
        StringBuilder sb = new StringBuilder("From: a@b.example\nMIME-Version: 1.0\n");
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        sb.append("Content-Type: text/plain\n\nhello\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] manyParts(int parts) {
        StringBuilder sb = new StringBuilder("From: a@b.example\nContent-Type: multipart/mixed; boundary=\"q\"\n\n");
        for (int i = 0; i < parts; i++) {
            sb.append("--q\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        sb.append("--q--\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @SuppressWarnings("unused")
    private static Map<String, byte[]> unused() {
        return Map.of();
    }
}
