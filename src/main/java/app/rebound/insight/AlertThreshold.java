package app.rebound.insight;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import java.util.EnumMap;
import java.util.Map;

/** A tenant's own threshold for one alert kind; kinds without a row use {@link AlertKind#defaultThreshold()}. */
@Entity
public class AlertThreshold extends TenantOwned {
    public String kind;
    public double value;

    /** The current tenant's thresholds, defaults filled in. */
    public static Map<AlertKind, Double> effective() {
        Map<AlertKind, Double> out = new EnumMap<>(AlertKind.class);
        for (AlertKind k : AlertKind.values()) {
            out.put(k, k.defaultThreshold());
        }
        for (AlertThreshold t : AlertThreshold.<AlertThreshold>listAll()) {
            AlertKind.fromCode(t.kind).ifPresent(k -> out.put(k, t.value));
        }
        return out;
    }

    /** The current tenant's own values (kinds it did not change are absent). */
    public static Map<AlertKind, Double> overrides() {
        Map<AlertKind, Double> out = new EnumMap<>(AlertKind.class);
        for (AlertThreshold t : AlertThreshold.<AlertThreshold>listAll()) {
            AlertKind.fromCode(t.kind).ifPresent(k -> out.put(k, t.value));
        }
        return out;
    }

    public static AlertThreshold forKind(AlertKind kind) {
        return find("kind", kind.code()).firstResult();
    }
}
