package app.rebound.insight;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.List;

/**
 * A raised symptom alert. Lifecycle: open → acknowledged (a person saw it) → resolved (set by the detectors when
 * the condition has cleared). One ongoing alert per (kind, scope key): a unique index enforces it.
 */
@Entity
public class Alert extends TenantOwned {
    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    public String kind;
    public String scopeKey;
    public String status;
    public String summary;
    /** Counts and sample rows, plain text (rendered escaped inside pre). */
    public String evidence;
    public Double measured;
    public Double threshold;
    public Long campaignId;
    public Long sendingServerId;
    public String domain;
    public Instant openedAt;
    public Instant lastSeenAt;
    public Instant acknowledgedAt;
    public Instant resolvedAt;

    public AlertKind alertKind() {
        return AlertKind.fromCode(kind).orElseThrow();
    }

    public boolean isOngoing() {
        return !RESOLVED.equals(status);
    }

    public static List<Alert> ongoing() {
        return list("status <> ?1 order by openedAt desc, id desc", RESOLVED);
    }

    public static List<Alert> recentlyResolved(int limit) {
        return find("status = ?1 order by resolvedAt desc, id desc", RESOLVED).page(0, limit).list();
    }

    public static List<Alert> ongoingForCampaign(long campaignId) {
        return list("status <> :r and campaignId = :c order by openedAt desc, id desc",
                Parameters.with("r", RESOLVED).and("c", campaignId));
    }

    public static List<Alert> ongoingForServer(long serverId) {
        return list("status <> :r and sendingServerId = :s order by openedAt desc, id desc",
                Parameters.with("r", RESOLVED).and("s", serverId));
    }
}
