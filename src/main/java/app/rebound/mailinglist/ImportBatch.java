package app.rebound.mailinglist;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.List;

/** One CSV import into a list: what was read and what was added. */
@Entity
public class ImportBatch extends TenantOwned {
    public long listId;
    public String fileName;
    public int rowsRead;
    public int imported;
    public int alreadyListed;
    public Instant createdAt;

    public static List<ImportBatch> ofList(long listId, int limit) {
        return find("listId = ?1 order by createdAt desc, id desc", listId).page(0, limit).list();
    }
}
