package app.rebound.suppression;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * One address on the current tenant's suppression list: sends skip it. {@link #reason} says why it is there
 * ({@code manual}, {@code hard_bounce}, {@code complaint}, {@code unsubscribe}, {@code import}), {@link #addedAt}
 * since when, {@link #addedBy} who or what put it there. Emails are stored lower-case and trimmed.
 */
@Entity
@Table(name = "suppressed_address")
public class SuppressedAddress extends TenantOwned {
    /** {@link #addedBy} of the entries the ingestion pipeline writes. */
    public static final String AUTO_ACTION = "auto-action";
    public static final String HARD_BOUNCE = "hard_bounce";
    public String email;
    public String reason;
    public String note;
    public String addedBy;
    public Instant addedAt = Instant.now();

    /** The address as stored: trimmed and lower-cased (null stays null). */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** True when {@code email} is on the current tenant's suppression list (case-insensitive). */
    public static boolean isSuppressed(String email) {
        String e = normalize(email);
        if (e == null || e.isEmpty()) {
            return false;
        }
        return count("email", e) > 0;
    }

    /**
     * Whether this entry is the pipeline's own hard-bounce entry, which gives way when the address is shown to work (a
     * re-add with evidence, a reclassified bounce); entries an admin made, complaints and trap hits do not.
     */
    public boolean isAutomaticHardBounce() {
        return HARD_BOUNCE.equals(reason) && AUTO_ACTION.equals(addedBy);
    }

    /** Lifts the pipeline's hard-bounce entry of {@code email}, if that is what lists it, with a log line; true when lifted. */
    public static boolean liftAutomaticHardBounce(String email, String note, String actor) {
        SuppressedAddress entry = byEmail(email);
        if (entry == null || !entry.isAutomaticHardBounce()) {
            return false;
        }
        SuppressionLog.record(entry.email, "removed", entry.reason, note, actor);
        entry.delete();
        return true;
    }

    /**
     * Lists {@code email} as a dead address as the pipeline would (reason {@code hard_bounce}, added by
     * {@value #AUTO_ACTION}, so a re-add with evidence can lift it), unless it is listed already; {@code actor} is who
     * caused it, in the log. True when added.
     */
    public static boolean addAutomaticHardBounce(String email, String note, String actor) {
        if (byEmail(email) != null) {
            return false;
        }
        SuppressedAddress e = new SuppressedAddress();
        e.email = normalize(email);
        e.reason = HARD_BOUNCE;
        e.note = note.length() > 1000 ? note.substring(0, 1000) : note;
        e.addedBy = AUTO_ACTION;
        e.persist();
        SuppressionLog.record(e.email, "added", HARD_BOUNCE, note, actor);
        return true;
    }

    /** The current tenant's entry for {@code email}, or null. */
    public static SuppressedAddress byEmail(String email) {
        return find("email", normalize(email)).firstResult();
    }
}
