package app.rebound.outbound;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.UUID;

/** An outbox row (written by the triggers of V064/V065 or the test button); read-only here. */
@Entity
public class OutboundEvent extends TenantOwned {
    public UUID eventId;
    public String type;
    public Long subscriberId;
    public String payload;
    public Instant createdAt;
}
