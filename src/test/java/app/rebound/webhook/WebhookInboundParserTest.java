package app.rebound.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Outcome;
import app.rebound.ingest.InboundParseException;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.ParsedEvent;
import app.rebound.ingest.provider.SignedPayloads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workers' view of a stored webhook payload: one ParsedEvent per recipient event, errors as parse errors. */
class WebhookInboundParserTest {
    private final WebhookInboundParser parser = new WebhookInboundParser();

    @Test
    void handlesExactlyTheWebhookSources() {
        for (InboundSource s : InboundSource.values()) {
            assertEquals(s.name().startsWith("WEBHOOK_"), parser.handles(s), s.name());
        }
    }

    @Test
    void storedPayloadsBecomeEventsWithKeysClassificationsAndReports() {
        List<ParsedEvent> events = parser.parse(InboundSource.WEBHOOK_POSTMARK,
                SignedPayloads.resource("postmark-spamcomplaint.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, events.size());
        ParsedEvent e = events.get(0);
        assertEquals("postmark:SpamComplaint:4323372038", e.eventKey());
        assertEquals("SpamComplaint (100001)", e.providerClassification());
        assertEquals(Outcome.COMPLAINT, e.report().outcome());
        assertEquals("8002", e.report().links().subscriber());
        assertFalse(e.report().recipients().get(0).suppress());
    }

    @Test
    void aPayloadThatCannotBeReadIsAParseErrorWithTheReason() {
        InboundParseException e = assertThrows(InboundParseException.class, () -> parser.parse(InboundSource.WEBHOOK_SPARKPOST,
                "{\"msys\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("SparkPost payload: "), e.getMessage());
        assertThrows(InboundParseException.class, () -> parser.parse(InboundSource.SMTP, new byte[] {1}));
    }
}
