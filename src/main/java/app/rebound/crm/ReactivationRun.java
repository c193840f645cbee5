package app.rebound.crm;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** What one run of the auto-reactivation did for one tenant (shown on /admin). */
@Entity
@Table(name = "reactivation_run")
public class ReactivationRun extends TenantOwned {
    public Instant ranAt;
    /** Subscribers bounced by a soft-to-hard conversion when the run started (the pool it picks from). */
    public int conversions;
    public int recovered;
    public int testMailsSent;
    public int testMailsFailed;
    public String note;

    public static List<ReactivationRun> newest(int limit) {
        return find("order by ranAt desc, id desc").page(0, limit).list();
    }

    /** Recovered as a share of the conversions, in percent (0 when there were none). */
    public String recoveredShare() {
        return conversions == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * recovered / conversions);
    }
}
