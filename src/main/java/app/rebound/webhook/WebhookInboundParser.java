package app.rebound.webhook;

import app.rebound.ingest.InboundParseException;
import app.rebound.ingest.InboundParser;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.ParsedEvent;
import app.rebound.ingest.provider.PayloadException;
import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.Verdicts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Turns a stored provider webhook payload into one event per recipient event, for the ingestion workers. */
@ApplicationScoped
public class WebhookInboundParser implements InboundParser {
    private final Verdicts verdicts = Verdicts.standard();

    @Override
    public boolean handles(InboundSource source) {
        return provider(source) != null;
    }

    @Override
    public List<ParsedEvent> parse(InboundSource source, byte[] body) {
        Provider p = provider(source);
        if (p == null) {
            throw new InboundParseException("not a provider webhook source: " + source);
        }
        try {
            return p.parse(body, verdicts).stream()
                    .map(e -> new ParsedEvent(e.eventKey(), e.providerClassification(), e.toReport()))
                    .toList();
        } catch (PayloadException e) {
            throw new InboundParseException(p.label() + " payload: " + e.getMessage(), e);
        }
    }

    static Provider provider(InboundSource source) {
        if (source == null) {
            return null;
        }
        return switch (source) {
            case WEBHOOK_SES -> Provider.SES;
            case WEBHOOK_SENDGRID -> Provider.SENDGRID;
            case WEBHOOK_MAILGUN -> Provider.MAILGUN;
            case WEBHOOK_POSTMARK -> Provider.POSTMARK;
            case WEBHOOK_SPARKPOST -> Provider.SPARKPOST;
            default -> null;
        };
    }
}
