package app.rebound.engine;

import java.util.List;
import java.util.Objects;

/**
 * The result of analysing one message.
 *
 * @param outcome     what the message is
 * @param recipients  per-recipient results (empty for NOT_A_BOUNCE and UNPARSEABLE)
 * @param links       references to the original send (VERP, Message-ID, X-Rebound-* headers)
 * @param subject     decoded Subject of the report itself
 * @param from        From address of the report itself
 * @param errors      why the input could not be (fully) parsed; empty when all went well
 */
public record AnalysisReport(Outcome outcome, List<RecipientResult> recipients, MessageLinks links, String subject,
                             String from, List<String> errors) {

    public AnalysisReport {
        Objects.requireNonNull(outcome, "outcome");
        recipients = List.copyOf(recipients);
        links = Objects.requireNonNullElse(links, MessageLinks.NONE);
        subject = Objects.requireNonNullElse(subject, "");
        from = Objects.requireNonNullElse(from, "");
        errors = List.copyOf(errors);
    }

    public static AnalysisReport unparseable(String error) {
        return new AnalysisReport(Outcome.UNPARSEABLE, List.of(), MessageLinks.NONE, "", "", List.of(error));
    }

    /** True for bounces and delay warnings (not complaints, auto-replies or other mail). */
    public boolean isBounce() {
        return outcome == Outcome.BOUNCE || outcome == Outcome.DELAYED;
    }
}
