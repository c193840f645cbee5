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
    /** Soft-to-hard conversions (status changes into bounced, cause retry-exhausted) in the window before the run. */
    public int windowConversions;
    /** The activity window of the run, in days. */
    public int windowDays;
    /** Subscribers the run found eligible; some may be left bounced (see the note) or changed meanwhile. */
    public int candidates;
    /** Reactivated: flipped to subscribed by this run. */
    public int recovered;
    public int testMailsSent;
    public int testMailsFailed;
    public String note;
    /** Who pressed "Run now"; null for the daily schedule. */
    public String startedBy;

    public static List<ReactivationRun> newest(int limit) {
        return find("order by ranAt desc, id desc").page(0, limit).list();
    }

    /**
     * The recovery rate: reactivated by this run per soft-to-hard conversion in the window, in percent; "n/a" without
     * conversions in the window. Subscribers converted before the window but active within it can be reactivated too,
     * so the rate can exceed 100 % on small numbers.
     */
    public String recoveryRate() {
        return windowConversions == 0 ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * recovered / windowConversions);
    }
}
