package app.rebound.subscriber;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * The evidence behind a re-add: a recorded direct request (who asked, when, how, a note) or a fresh confirmation
 * (only the hash of the mailed token is stored; {@link #confirmedAt} is set by the click).
 */
@Entity
@Table(name = "subscriber_readd")
public class SubscriberReadd extends TenantOwned {
    public static final String DIRECT_REQUEST = "direct_request";
    public static final String CONFIRMATION = "confirmation";

    public Long subscriberId;
    public String method;
    public String requestedBy;
    public Instant requestedAt;
    public String channel;
    public String note;
    public String recordedBy;
    public Instant recordedAt = Instant.now();
    public String tokenHash;
    public Instant expiresAt;
    public Instant confirmedAt;

    public static List<SubscriberReadd> of(long subscriberId) {
        return find("subscriberId = :s order by recordedAt desc, id desc", Parameters.with("s", subscriberId)).list();
    }

    public String methodLabel() {
        return DIRECT_REQUEST.equals(method) ? "Recorded direct request" : "Fresh confirmation";
    }
}
