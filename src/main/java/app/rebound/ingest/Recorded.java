package app.rebound.ingest;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.RecipientResult;
import java.time.Instant;

/** One recipient result of one event, linked and decided, on its way into {@code bounce}. */
final class Recorded {
    final StoredInput input;
    final ParsedEvent event;
    final RecipientResult result;
    final String eventKey;
    final Instant occurredAt;
    String recipient;
    Long campaignId;
    Long subscriberId;
    Long listId;
    Long serverId;
    String retryPolicy;
    boolean trusted;
    AutoAction.Decision decision;
    long bounceId;

    Recorded(StoredInput input, ParsedEvent event, RecipientResult result, String eventKey, Instant occurredAt) {
        this.input = input;
        this.event = event;
        this.result = result;
        this.eventKey = eventKey;
        this.occurredAt = occurredAt;
        this.recipient = result.recipient().toLowerCase(java.util.Locale.ROOT);
    }

    AnalysisReport report() {
        return event.report();
    }
}
