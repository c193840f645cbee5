package app.rebound.mailinglist;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;

/** A subscriber an import batch added. */
@Entity
public class ImportBatchMember extends TenantOwned {
    public long batchId;
    public long subscriberId;
}
