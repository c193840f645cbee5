package app.rebound.outbound;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.List;

/** One HTTP attempt of a delivery: the delivery log. The excerpt is the receiver's text, shown escaped. */
@Entity
public class OutboundAttempt extends TenantOwned {
    public long deliveryId;
    public long endpointId;
    public Instant attemptedAt;
    public int durationMs;
    public Integer statusCode;
    public String error;
    public String responseExcerpt;

    public static List<OutboundAttempt> latestFor(long endpointId, int limit) {
        return find("endpointId = :e order by id desc", Parameters.with("e", endpointId)).page(0, limit).list();
    }

    public static List<OutboundAttempt> ofDelivery(long deliveryId) {
        return list("deliveryId = :d order by id", Parameters.with("d", deliveryId));
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
