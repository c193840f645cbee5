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

    /** The current tenant's entry for {@code email}, or null. */
    public static SuppressedAddress byEmail(String email) {
        return find("email", normalize(email)).firstResult();
    }
}
