package app.rebound.bounce;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One correction of a bounce's classification: the version before and after, who, when and why. */
@Entity
@Table(name = "bounce_reclassification")
public class BounceReclassification extends TenantOwned {
    public Long bounceId;
    public Instant bounceOccurredAt;
    public Long subscriberId;
    public BounceType fromType;
    public BounceType toType;
    public Fault fromFault;
    public Fault toFault;
    public String note;
    public String actor;
    public Instant at = Instant.now();

    public static List<BounceReclassification> ofSubscriber(long subscriberId) {
        return find("subscriberId = :s order by at desc, id desc", Parameters.with("s", subscriberId)).list();
    }
}
