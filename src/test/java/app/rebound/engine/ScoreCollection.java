package app.rebound.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scores the engine on any collection in the sample's layout (DIR/expected.tsv, DIR/emails/, optional
 * DIR/recipients.tsv), for mail the rules were not written on: prints reason, status, suppress and recipient agreement
 * and every miss. A measuring program, not a test:
 * {@code java -cp target/test-classes:target/classes:<test classpath> app.rebound.engine.ScoreCollection DIR}.
 */
public final class ScoreCollection {
    private ScoreCollection() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ScoreCollection DIR   (DIR/expected.tsv, DIR/emails/, optional DIR/recipients.tsv)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Corpus.Row> expected = Corpus.expected(dir);
        Map<String, List<RecipientResult>> results = CorpusAccuracyTest.results(BounceAnalyzer.standard(),
                Corpus.emails(dir));
        CorpusAccuracyTest.Score s = CorpusAccuracyTest.score(results, row -> true, expected);
        s.misses().forEach(m -> System.out.println("MISS " + m));
        System.out.println(dir + ": " + s.summary());
        long mails = expected.stream().map(Corpus.Row::file).distinct().count();
        long silent = expected.stream().map(Corpus.Row::file).distinct()
                .filter(f -> results.getOrDefault(f, List.of()).isEmpty()).count();
        System.out.println(mails + " mails, " + silent + " without any result");
    }
}
