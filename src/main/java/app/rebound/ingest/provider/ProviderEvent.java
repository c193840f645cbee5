package app.rebound.ingest.provider;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceType;
import app.rebound.engine.MessageLinks;
import app.rebound.engine.Outcome;
import app.rebound.engine.RecipientResult;
import java.util.List;
import java.util.Objects;

/**
 * One recipient event of a provider webhook that acts on a subscriber: a bounce, a deferral, a complaint, an
 * unsubscribe or an auto-reply. Engagement events never become one.
 *
 * @param provider               who sent it
 * @param eventKey               stable, unique key of this recipient event ({@code sendgrid:<sg_event_id>}, ...):
 *                               the same event delivered twice has the same key
 * @param event                  the provider's event name ({@code bounce}, {@code failed}, {@code spamreport}, ...)
 * @param providerClassification the provider's own classification, kept for display
 *                               ({@code Permanent/NoEmail}, {@code bounce_class 10}, {@code HardBounce}, ...)
 * @param verdict                Rebound's verdict (the engine's classification of the reply, or a complaint,
 *                               unsubscribe or auto-reply verdict)
 * @param links                  references to the send echoed by the provider (custom args, metadata, headers)
 */
public record ProviderEvent(Provider provider, String eventKey, String event, String providerClassification,
                            RecipientResult verdict, MessageLinks links) {
    public ProviderEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(verdict, "verdict");
        event = Objects.requireNonNullElse(event, "");
        providerClassification = Objects.requireNonNullElse(providerClassification, "");
        links = Objects.requireNonNullElse(links, MessageLinks.NONE);
    }

    /** The event as the engine's report of one message with one recipient, as the ingestion pipeline records it. */
    public AnalysisReport toReport() {
        return new AnalysisReport(outcome(), List.of(verdict), links, "", "", List.of());
    }

    Outcome outcome() {
        if (verdict.type() == BounceType.COMPLAINT) {
            return Outcome.COMPLAINT;
        }
        if (verdict.type() == BounceType.AUTO_REPLY) {
            return Outcome.AUTO_REPLY;
        }
        return verdict.delayed() ? Outcome.DELAYED : Outcome.BOUNCE;
    }
}
