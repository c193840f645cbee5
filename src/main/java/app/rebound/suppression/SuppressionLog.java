package app.rebound.suppression;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One manual add or removal on the suppression list: who, when, the note. */
@Entity
@Table(name = "suppression_log")
public class SuppressionLog extends TenantOwned {
    public String email;
    public String action;
    public String reason;
    public String note;
    public String actor;
    public Instant at = Instant.now();

    /** Logs one change of the list; the note is cut to the column's 1000 characters. */
    public static void record(String email, String action, String reason, String note, String actor) {
        SuppressionLog l = new SuppressionLog();
        l.email = email;
        l.action = action;
        l.reason = reason;
        l.note = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
        l.actor = actor;
        l.persist();
    }

    public static List<SuppressionLog> recent(int limit) {
        return find("order by at desc, id desc").page(0, limit).list();
    }
}
