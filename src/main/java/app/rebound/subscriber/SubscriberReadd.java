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

    /** The subscriber's confirmation link that is neither confirmed nor expired, or null. */
    public static SubscriberReadd pendingConfirmation(long subscriberId, Instant now) {
        return find("subscriberId = :s and method = :m and confirmedAt is null and expiresAt > :now order by recordedAt desc",
                Parameters.with("s", subscriberId).and("m", CONFIRMATION).and("now", now)).firstResult();
    }

    /** The confirmation whose token has this hash (in the current tenant), or null. */
    public static SubscriberReadd byTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    public String methodLabel() {
        if (DIRECT_REQUEST.equals(method)) {
            return "Recorded direct request";
        }
        if (confirmedAt != null) {
            return "Fresh confirmation: confirmed by the address owner";
        }
        return expiresAt != null && expiresAt.isAfter(Instant.now()) ? "Fresh confirmation: link mailed, waiting for the click"
                : "Fresh confirmation: link expired unconfirmed";
    }

    /** When the re-add took effect: the click for a confirmation, the recording for a direct request (null: not yet). */
    public Instant effectiveAt() {
        return DIRECT_REQUEST.equals(method) ? recordedAt : confirmedAt;
    }
}
