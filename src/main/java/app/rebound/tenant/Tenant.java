package app.rebound.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;

/** A customer organisation. Global: its id is the tenant key stamped on every tenant-owned row. */
@Entity
public class Tenant extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public Instant createdAt = Instant.now();

    public static List<Tenant> allByName() {
        return list("order by name");
    }
}
