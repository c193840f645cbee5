package app.rebound.suppression;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;

/** The current tenant's suppression list: search, manual add and removal with a note (each logged). */
@ApplicationScoped
@Transactional
public class SuppressionService {
    public static final int PAGE_SIZE = 100;
    public static final int MAX_QUERY_LENGTH = 320;
    /** A plausible address: one @, something on both sides, no spaces or control characters. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,255}");

    /** A request refused for a reason the person can act on. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** One page (by email, then id), plus the email to continue after, or null on the last page. */
    public record Page(String query, List<SuppressedAddress> rows, String nextAfter) {
    }

    public Page search(String query, String after) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        if (q.length() > MAX_QUERY_LENGTH || q.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("Search text must be at most " + MAX_QUERY_LENGTH + " characters, without control characters.");
        }
        String a = after == null ? "" : after;
        if (a.length() > MAX_QUERY_LENGTH || a.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("Invalid paging position: use the links on the page.");
        }
        List<SuppressedAddress> rows = page(q, a, PAGE_SIZE + 1);
        boolean more = rows.size() > PAGE_SIZE;
        List<SuppressedAddress> shown = more ? rows.subList(0, PAGE_SIZE) : rows;
        return new Page(q, List.copyOf(shown), more ? shown.get(shown.size() - 1).email : null);
    }

    /** Rows whose email contains {@code q}, after {@code after} by email (emails are unique per tenant). */
    public static List<SuppressedAddress> page(String q, String after, int size) {
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return SuppressedAddress.find("email like :like escape '\\' and email > :after order by email",
                Parameters.with("like", like).and("after", after)).page(0, size).list();
    }

    public SuppressedAddress add(String email, String note, String actor) {
        String e = SuppressedAddress.normalize(email);
        if (e == null || e.isEmpty() || e.length() > 320 || !EMAIL.matcher(e).matches()) {
            throw new Refused("Enter one email address (like name@example.com).");
        }
        String n = note(note);
        if (SuppressedAddress.byEmail(e) != null) {
            throw new Refused(e + " is already on the suppression list.");
        }
        SuppressedAddress s = new SuppressedAddress();
        s.email = e;
        s.reason = "manual";
        s.note = n;
        s.addedBy = actor;
        s.persist();
        SuppressionLog.record(e, "added", "manual", n, actor);
        return s;
    }

    public String remove(long id, String note, String actor) {
        String n = note(note);
        SuppressedAddress s = SuppressedAddress.findById(id);
        if (s == null) {
            throw new jakarta.ws.rs.NotFoundException("No such address on this organisation's suppression list.");
        }
        SuppressionLog.record(s.email, "removed", s.reason, n, actor);
        s.delete();
        return s.email;
    }

    private static String note(String note) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty()) {
            throw new Refused("A note is required: say why.");
        }
        if (n.length() > 1000) {
            throw new Refused("The note is too long: at most 1000 characters.");
        }
        if (n.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new Refused("The note must not contain control characters.");
        }
        return n;
    }
}
