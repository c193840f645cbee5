package app.rebound.engine.bench;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the whole engine (split, MIME, decode, classify, verdict) over the 301 corpus mails held in
 * memory, single thread. One operation = one message, so the score is messages per second.
 * Run on demand: {@code ./mvnw -Pbench -DskipTests test-compile exec:exec}. Not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 6, time = 3)
public class CorpusBenchmark {
    static final int MAILS = 301;

    private final List<byte[]> mails = new ArrayList<>();
    private BounceAnalyzer analyzer;

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("corpus.dir", "src/test/resources/corpus/sisimai/emails"));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                mails.add(Files.readAllBytes(p));
            }
        }
        if (mails.size() != MAILS) {
            throw new IllegalStateException("expected " + MAILS + " corpus mails in " + dir + ", found " + mails.size());
        }
        analyzer = BounceAnalyzer.standard();
    }

    @Benchmark
    @OperationsPerInvocation(MAILS)
    public void analyzeCorpus(Blackhole bh) {
        for (byte[] m : mails) {
            List<AnalysisReport> r = analyzer.analyzeAll(m);
            bh.consume(r);
        }
    }
}
