package app.rebound.crm;

import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Activity a CRM saw for an address (written by {@link CrmSql}, read here). */
@Entity
@Table(name = "crm_activity")
public class CrmActivity extends TenantOwned {
    public String email;
    public String source;
    public String kind;
    public Instant occurredAt;
    public Instant receivedAt;

    /** The address's activity, newest first ("Activity elsewhere" on the subscriber page). */
    public static List<CrmActivity> newestFor(String email, int limit) {
        return find("email = :e order by occurredAt desc, id desc", Parameters.with("e", email)).page(0, limit).list();
    }
}
