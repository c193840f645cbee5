package app.rebound.insight;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alert lifecycle in the current tenant: a condition seen for the first time opens an alert; while it lasts, the
 * same alert is refreshed (never a second one); when the detectors no longer see it, it is resolved.
 */
@ApplicationScoped
public class AlertService {
    private final Detectors detectors;
    private final Duration window;

    public AlertService(Detectors detectors,
            @ConfigProperty(name = "rebound.insight.detect-window", defaultValue = "P7D") Duration window) {
        this.detectors = detectors;
        this.window = window;
    }

    /** Runs every detector and applies the lifecycle. Returns what changed. */
    @Transactional
    public Evaluation evaluate(Instant now) {
        List<Finding> findings = detectors.detect(AlertThreshold.effective(), now, window);
        Map<String, Alert> ongoing = new HashMap<>();
        for (Alert a : Alert.ongoing()) {
            ongoing.put(a.kind + "|" + a.scopeKey, a);
        }
        int opened = 0;
        int refreshed = 0;
        for (Finding f : findings) {
            Alert a = ongoing.remove(f.kind().code() + "|" + f.scopeKey());
            if (a == null) {
                a = new Alert();
                a.kind = f.kind().code();
                a.scopeKey = f.scopeKey();
                a.status = Alert.OPEN;
                a.openedAt = now;
                opened++;
            } else {
                refreshed++;
            }
            a.summary = f.summary().length() <= 500 ? f.summary() : f.summary().substring(0, 500);
            a.evidence = f.evidence();
            a.measured = f.measured();
            a.threshold = f.threshold();
            a.campaignId = f.campaignId();
            a.sendingServerId = f.sendingServerId();
            a.domain = f.domain();
            a.lastSeenAt = now;
            if (!a.isPersistent()) {
                a.persist();
            }
        }
        for (Alert gone : ongoing.values()) {
            gone.status = Alert.RESOLVED;
            gone.resolvedAt = now;
        }
        return new Evaluation(opened, refreshed, ongoing.size());
    }

    @Transactional
    public void acknowledge(long id, Instant now) {
        Alert a = Alert.findById(id);
        if (a == null) {
            throw new NotFoundException("No such alert.");
        }
        if (Alert.OPEN.equals(a.status)) {
            a.status = Alert.ACKNOWLEDGED;
            a.acknowledgedAt = now;
        }
    }

    /**
     * Replaces the current tenant's thresholds with what an admin typed, one entry per kind code (empty: back to the
     * default). All or nothing: any bad value changes nothing and the messages come back, keyed by kind code.
     */
    @Transactional
    public Map<String, String> saveThresholds(Map<String, String> typed) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        Map<AlertKind, Double> values = new java.util.EnumMap<>(AlertKind.class);
        for (AlertKind k : AlertKind.values()) {
            String raw = typed.get(k.code());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                values.put(k, k.parse(raw));
            } catch (IllegalArgumentException e) {
                errors.put(k.code(), e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        for (AlertKind k : AlertKind.values()) {
            AlertThreshold row = AlertThreshold.forKind(k);
            Double v = values.get(k);
            if (v == null || v == k.defaultThreshold()) {
                if (row != null) {
                    row.delete();
                }
            } else if (row == null) {
                row = new AlertThreshold();
                row.kind = k.code();
                row.value = v;
                row.persist();
            } else {
                row.value = v;
            }
        }
        return errors;
    }

    public record Evaluation(int opened, int refreshed, int resolved) {
    }
}
