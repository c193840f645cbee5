package app.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Analyses hand-written mails (text blocks, see {@link Mails#raw}) for the tests, with the usual checks. */
final class Reports {
    private Reports() {
    }

    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.standard();

    static AnalysisReport analyze(String mail) {
        return ANALYZER.analyze(Mails.raw(mail));
    }

    static List<String> recipients(AnalysisReport r) {
        return r.recipients().stream().map(RecipientResult::recipient).toList();
    }

    /** The report's only result. */
    static RecipientResult only(String mail) {
        AnalysisReport r = analyze(mail);
        assertEquals(1, r.recipients().size(), r::toString);
        return r.recipients().get(0);
    }

    /** The only result of a mail given as bytes (a report built with {@link Mails}). */
    static RecipientResult only(byte[] mail) {
        AnalysisReport r = ANALYZER.analyze(mail);
        assertEquals(1, r.recipients().size(), r::toString);
        return r.recipients().get(0);
    }

    /** The report's only result, checked to be for {@code recipient} with {@code reason}. */
    static RecipientResult one(String mail, String recipient, Reason reason) {
        RecipientResult r = only(mail);
        assertEquals(recipient, r.recipient());
        assertEquals(reason, r.reason(), r::toString);
        return r;
    }
}
