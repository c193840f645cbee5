package app.rebound.outbound;

import app.rebound.webhook.EndpointSecrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The current tenant's outgoing webhook endpoints: create (the signing secret is shown once, then kept sealed),
 * change URL, events and description, enable or disable, delete, send a test event, redeliver, read the log.
 */
@ApplicationScoped
@Transactional
public class EndpointService {
    public static final int LOG_LIMIT = 50;
    private final EndpointSecrets secrets;
    private final UrlGuard guard;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public EndpointService(EndpointSecrets secrets, UrlGuard guard, ObjectMapper json) {
        this.secrets = secrets;
        this.guard = guard;
        this.json = json;
    }

    /** A created endpoint with its secret in clear: shown once, never again. */
    public record Created(OutboundEndpoint endpoint, String secret) {
    }

    /** An endpoint's page: counts and the delivery log. */
    public record Detail(OutboundEndpoint endpoint, long pending, long delivered, long dead,
                         List<OutboundDelivery> deliveries, List<OutboundAttempt> attempts) {
    }

    /** An endpoint in the list, with its backlog. */
    public record Row(OutboundEndpoint endpoint, long pending, long dead) {
    }

    static String secretContext(long endpointId) {
        return "outbound-endpoint/" + endpointId;
    }

    public List<Row> list() {
        return OutboundEndpoint.allByUrl().stream()
                .map(e -> new Row(e, OutboundDelivery.countFor(e.id, OutboundDelivery.PENDING),
                        OutboundDelivery.countFor(e.id, OutboundDelivery.DEAD)))
                .toList();
    }

    public Created create(String url, Collection<String> events, String description) {
        if (!secrets.available()) {
            throw new IllegalArgumentException("Signing secrets are stored encrypted: set REBOUND_SECRET_KEY "
                    + "(rebound.secret-key) first.");
        }
        OutboundEndpoint e = new OutboundEndpoint();
        e.url = guard.check(url).uri().toString();
        e.events = events(events);
        e.description = description(description);
        e.enabled = true;
        e.createdAt = Instant.now();
        e.secret = "pending";
        e.persist();
        byte[] b = new byte[32];
        random.nextBytes(b);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        e.secret = secrets.seal(secret, secretContext(e.id));
        return new Created(e, secret);
    }

    public OutboundEndpoint update(long id, String url, Collection<String> events, String description) {
        OutboundEndpoint e = get(id);
        e.url = guard.check(url).uri().toString();
        e.events = events(events);
        e.description = description(description);
        return e;
    }

    public OutboundEndpoint setEnabled(long id, boolean enabled) {
        OutboundEndpoint e = get(id);
        e.enabled = enabled;
        return e;
    }

    /** Deletes the endpoint with its deliveries and log (the events stay in the outbox). */
    public void delete(long id) {
        get(id).delete();
    }

    public Detail detail(long id) {
        OutboundEndpoint e = get(id);
        return new Detail(e, OutboundDelivery.countFor(id, OutboundDelivery.PENDING),
                OutboundDelivery.countFor(id, OutboundDelivery.DELIVERED),
                OutboundDelivery.countFor(id, OutboundDelivery.DEAD),
                OutboundDelivery.latestFor(id, LOG_LIMIT), OutboundAttempt.latestFor(id, LOG_LIMIT));
    }

    /** Queues a test event for this endpoint only; the worker delivers it like any other. */
    public UUID sendTest(long id) {
        OutboundEndpoint e = get(id);
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        ObjectNode p = json.createObjectNode();
        p.put("event", EventType.TEST.code());
        p.put("id", eventId.toString());
        p.put("tenant", e.tenantId);
        p.put("time", now.toString());
        p.put("message", "Test event from Rebound: if you can read this, your endpoint receives and can verify our webhooks.");
        OutboundEvent ev = new OutboundEvent();
        ev.eventId = eventId;
        ev.type = EventType.TEST.code();
        ev.payload = p.toString();
        ev.createdAt = now;
        ev.persist();
        OutboundDelivery d = new OutboundDelivery();
        d.endpointId = e.id;
        d.event = ev;
        d.state = OutboundDelivery.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.persist();
        return eventId;
    }

    /** Sends a delivered or dead delivery again (same event id, so an idempotent receiver ignores a duplicate). */
    public OutboundDelivery redeliver(long endpointId, long deliveryId) {
        get(endpointId);
        OutboundDelivery d = OutboundDelivery.of(endpointId, deliveryId);
        if (d == null) {
            throw new NotFoundException("no such delivery");
        }
        if (OutboundDelivery.PENDING.equals(d.state) && d.attempts == 0) {
            throw new IllegalArgumentException("This delivery has not been attempted yet: it goes out shortly.");
        }
        d.state = OutboundDelivery.PENDING;
        d.nextAttemptAt = Instant.now();
        d.claimedUntil = null;
        d.firstAttemptAt = null;
        return d;
    }

    private OutboundEndpoint get(long id) {
        OutboundEndpoint e = OutboundEndpoint.findById(id);
        if (e == null) {
            throw new NotFoundException("no such webhook endpoint");
        }
        return e;
    }

    private static String[] events(Collection<String> chosen) {
        Set<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String c : chosen == null ? List.<String>of() : chosen) {
            EventType.fromCode(c).filter(EventType::subscribable).ifPresentOrElse(t -> out.add(t.code()), () -> unknown.add(c));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown event type: " + Texts.clean(String.join(", ", unknown), 200) + ".");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one event to send.");
        }
        return out.toArray(String[]::new);
    }

    private static String description(String raw) {
        String d = raw == null ? "" : raw.strip();
        if (d.length() > 200) {
            throw new IllegalArgumentException("The description is longer than 200 characters.");
        }
        return d;
    }
}
