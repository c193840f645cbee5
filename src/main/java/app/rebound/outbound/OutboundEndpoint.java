package app.rebound.outbound;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A receiver of a tenant's outgoing webhooks. The secret column holds ciphertext only ({@link EndpointService}). */
@Entity
public class OutboundEndpoint extends TenantOwned {
    public String url;
    public String description;
    public String secret;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] events;
    public boolean enabled;
    public Instant createdAt;

    public static List<OutboundEndpoint> allByUrl() {
        return list("order by url, id");
    }

    public List<String> eventCodes() {
        return events == null ? List.of() : Arrays.asList(events);
    }

    public boolean wants(String code) {
        return eventCodes().contains(code);
    }
}
