package app.rebound.webhook;

import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundRejectedException;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.Receipt;
import app.rebound.ingest.provider.MailgunPayloads;
import app.rebound.ingest.provider.MailgunVerifier;
import app.rebound.ingest.provider.PayloadException;
import app.rebound.ingest.provider.PayloadJson;
import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.ProviderEvent;
import app.rebound.ingest.provider.SendGridVerifier;
import app.rebound.ingest.provider.SharedSecrets;
import app.rebound.ingest.provider.SnsMessage;
import app.rebound.ingest.provider.SnsUrls;
import app.rebound.ingest.provider.SnsVerifier;
import app.rebound.ingest.provider.VerificationException;
import app.rebound.ingest.provider.Verdicts;
import app.rebound.tenant.TenantRunner;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Receives one provider webhook request: finds the endpoint (and so the tenant) from the URL, verifies the
 * request with the provider's scheme, reads the payload, and stores it in the {@link Inbox}; the answer is a
 * success only once the input is committed. Payloads holding no event that acts on a subscriber (engagement
 * events, SNS subscription confirmations) are answered 200 and not stored.
 */
@ApplicationScoped
public class WebhookReceiver {
    /** What the request carried besides its body. */
    public record Request(String authorization, String contentType, String sendGridSignature, String sendGridTimestamp) {
    }

    /** The endpoint's verification material, read in its tenant. */
    record Material(String publicId, Provider provider, String verificationKey, String basicUser, String secret,
                    String topicArn) {
    }

    private final WebhookSql sql;
    private final TenantRunner tenants;
    private final EndpointSecrets secrets;
    private final SnsEndpoints sns;
    private final SnsVerifier snsVerifier;
    private final Inbox inbox;
    private final Verdicts verdicts = Verdicts.standard();
    Clock clock = Clock.systemUTC();

    public WebhookReceiver(WebhookSql sql, TenantRunner tenants, EndpointSecrets secrets, SnsEndpoints sns, Inbox inbox) {
        this.sql = sql;
        this.tenants = tenants;
        this.secrets = secrets;
        this.sns = sns;
        this.snsVerifier = new SnsVerifier(sns::certificate);
        this.inbox = inbox;
    }

    public WebhookAnswer receive(String providerId, String publicId, Request request, byte[] body) {
        Provider provider;
        try {
            provider = Provider.fromId(providerId);
        } catch (IllegalArgumentException e) {
            return WebhookAnswer.of(404, e.getMessage());
        }
        if (publicId == null || !publicId.matches("[A-Za-z0-9_-]{16,64}")) {
            return WebhookAnswer.of(404, "no such webhook endpoint");
        }
        Optional<WebhookSql.EndpointRef> ref = sql.endpoint(provider.id(), publicId);
        if (ref.isEmpty()) {
            return WebhookAnswer.of(404, "no such webhook endpoint");
        }
        WebhookSql.EndpointRef endpoint = ref.get();
        try {
            Material m = tenants.inTenant(endpoint.tenantId(), () -> material(publicId));
            String replayToken = verify(m, endpoint, request, body);
            try {
                return store(provider, endpoint, m, request, body);
            } catch (RuntimeException e) {
                if (replayToken != null) {
                    sql.forget(endpoint, replayToken);
                }
                throw e;
            }
        } catch (VerificationException e) {
            Log.infof("webhook %s/%s refused: %s", provider.id(), publicId, e.getMessage());
            return WebhookAnswer.of(401, e.getMessage());
        } catch (PayloadException e) {
            return WebhookAnswer.of(400, e.getMessage());
        } catch (InboundRejectedException e) {
            return WebhookAnswer.of(e.getMessage().contains("exceeds the limit") ? 413 : 400, e.getMessage());
        } catch (WrongTopicException e) {
            return WebhookAnswer.of(403, e.getMessage());
        }
    }

    private Material material(String publicId) {
        ProviderEndpoint e = ProviderEndpoint.byPublicId(publicId);
        if (e == null) {
            throw new VerificationException("no such webhook endpoint");
        }
        String secret = e.secret == null ? null : secrets.open(e.secret, e.publicId);
        return new Material(e.publicId, e.provider, e.verificationKey, e.basicUser, secret, e.topicArn);
    }

    /** Verifies the request; returns the Mailgun token recorded against replays, else null. */
    private String verify(Material m, WebhookSql.EndpointRef endpoint, Request r, byte[] body) {
        Instant now = clock.instant();
        switch (m.provider()) {
            case SES -> {
                SnsMessage msg = snsVerifier.verify(body);
                if (m.topicArn() != null && !m.topicArn().isBlank() && !m.topicArn().equals(msg.topicArn())) {
                    throw new WrongTopicException("messages from topic " + msg.topicArn() + " are not accepted here");
                }
                return null;
            }
            case SENDGRID -> {
                SendGridVerifier.verify(SendGridVerifier.publicKey(m.verificationKey()), r.sendGridSignature(),
                        r.sendGridTimestamp(), body, now);
                return null;
            }
            case MAILGUN -> {
                JsonNode payload = MailgunPayloads.read(body);
                String[] used = new String[1];
                MailgunVerifier.verify(m.secret() == null ? null : m.secret().getBytes(StandardCharsets.UTF_8), payload,
                        now, (token, at) -> {
                            used[0] = token;
                            return sql.firstUse(endpoint, token, now.minus(MailgunVerifier.MAX_AGE.multipliedBy(2)));
                        });
                return used[0];
            }
            case POSTMARK -> {
                SharedSecrets.verifyBasic(r.authorization(), m.basicUser(), m.secret());
                return null;
            }
            case SPARKPOST -> {
                SharedSecrets.verifyHeader(r.authorization(), SharedSecrets.basicHeader(m.basicUser(), m.secret()));
                return null;
            }
            default -> throw new IllegalStateException(m.provider().id());
        }
    }

    private WebhookAnswer store(Provider provider, WebhookSql.EndpointRef endpoint, Material m, Request r, byte[] body) {
        if (provider == Provider.SES) {
            SnsMessage msg = SnsVerifier.read(PayloadJson.read(body));
            if (msg.isSubscriptionConfirmation()) {
                sns.confirmSubscription(SnsUrls.subscribe(msg.subscribeUrl()));
                Log.infof("webhook ses/%s: confirmed the SNS subscription to %s", m.publicId(), msg.topicArn());
                return WebhookAnswer.ok("subscription to " + msg.topicArn() + " confirmed");
            }
            if (!msg.isNotification()) {
                return WebhookAnswer.ok("SNS " + msg.type() + " noted");
            }
        }
        List<ProviderEvent> events = provider.parse(body, verdicts);
        if (events.isEmpty()) {
            return WebhookAnswer.ok("no event that acts on a subscriber; nothing stored");
        }
        Receipt receipt = inbox.accept(new InboundInput(endpoint.tenantId(), source(provider), dedupeKey(provider, events, body),
                r.contentType() == null || r.contentType().isBlank() ? "application/json" : r.contentType(), body,
                "webhook:" + provider.id() + ":" + m.publicId(), null));
        return WebhookAnswer.ok((receipt.duplicate() ? "duplicate of stored input " : "stored as input ")
                + receipt.inboundId() + " (" + events.size() + (events.size() == 1 ? " event)" : " events)"));
    }

    /** One event: its key. An SNS message: its MessageId (SNS keeps it on retries). A batch: the body's hash. */
    static String dedupeKey(Provider provider, List<ProviderEvent> events, byte[] body) {
        if (provider == Provider.SES) {
            return "sns:" + SnsVerifier.read(PayloadJson.read(body)).messageId();
        }
        return events.size() == 1 ? events.get(0).eventKey() : null;
    }

    public static InboundSource source(Provider p) {
        return switch (p) {
            case SES -> InboundSource.WEBHOOK_SES;
            case SENDGRID -> InboundSource.WEBHOOK_SENDGRID;
            case MAILGUN -> InboundSource.WEBHOOK_MAILGUN;
            case POSTMARK -> InboundSource.WEBHOOK_POSTMARK;
            case SPARKPOST -> InboundSource.WEBHOOK_SPARKPOST;
        };
    }

    /** A correctly signed SNS message from a topic the endpoint does not accept. */
    static final class WrongTopicException extends RuntimeException {
        WrongTopicException(String message) {
            super(message);
        }
    }
}
