package app.rebound.outbound;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;

/** One event to one endpoint (written by SQL: triggers and {@link OutboundSql}); pages read it here. */
@Entity
public class OutboundDelivery extends TenantOwned {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    public long endpointId;
    @ManyToOne(optional = false)
    @JoinColumn(name = "event_id")
    public OutboundEvent event;
    public Long orderKey;
    public String state;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant claimedUntil;
    public Instant firstAttemptAt;
    public Instant lastAttemptAt;
    public Integer lastStatus;
    public String lastError;
    public Instant deliveredAt;
    public Instant createdAt;

    public static List<OutboundDelivery> latestFor(long endpointId, int limit) {
        return find("from OutboundDelivery d join fetch d.event where d.endpointId = :e order by d.id desc",
                Parameters.with("e", endpointId)).page(0, limit).list();
    }

    public static long countFor(long endpointId, String state) {
        return count("endpointId = :e and state = :s", Parameters.with("e", endpointId).and("s", state));
    }

    public static OutboundDelivery of(long endpointId, long id) {
        return find("endpointId = :e and id = :d", Parameters.with("e", endpointId).and("d", id)).firstResult();
    }
}
