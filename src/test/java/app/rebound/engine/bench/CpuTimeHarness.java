package app.rebound.engine.bench;

import app.rebound.engine.BounceAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Messages per CPU-second of the analysing thread over the corpus mails (args: corpus dir, warm-up rounds, measured
 * rounds): a comparison that holds up better than wall-clock JMH while other processes share the cores. Run by
 * {@code bench/engine-cpu.sh}; not part of the test suite.
 */
public final class CpuTimeHarness {
    private CpuTimeHarness() {
    }

    public static void main(String[] a) throws Exception {
        List<byte[]> mails = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(a[0]))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) mails.add(Files.readAllBytes(p));
        }
        int warm = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        BounceAnalyzer an = BounceAnalyzer.standard();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < warm; r++) for (byte[] m : mails) sink += an.analyze(m).recipients().size();
        for (int k = 0; k < 3; k++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < rounds; r++) for (byte[] m : mails) sink += an.analyze(m).recipients().size();
            long t1 = mx.getCurrentThreadCpuTime();
            System.out.printf("%.0f msgs/cpu-s%n", rounds * mails.size() / ((t1 - t0) / 1e9));
        }
        System.out.println("sink " + sink);
    }
}
