package app.rebound.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The members of the current organisation (its admins manage them). Memberships are global rows (read before a
 * tenant is known), so every query here names the current member's tenant; another tenant's membership ids are
 * not found. Rules: the last admin can never be removed or demoted (checked under a row lock on the admins), and
 * changing or removing one's own membership needs an explicit confirmation, so an admin cannot lock themselves out
 * by a slip.
 */
@ApplicationScoped
@Transactional
public class MemberService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final CurrentMember member;
    private final Event<MembershipCache.Changed> changed;

    public MemberService(CurrentMember member, Event<MembershipCache.Changed> changed) {
        this.member = member;
        this.changed = changed;
    }

    /** A change refused for a reason the admin can act on. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public List<Membership> list() {
        return Membership.ofTenant(tenant());
    }

    /**
     * Adds a member by the identity provider's subject (binds at once) or by e-mail (binds to the first login whose
     * verified e-mail claim matches). Exactly one of the two is given.
     */
    public Membership add(String subject, String email, String role) {
        String tenant = tenant();
        String sub = subject == null ? "" : subject.strip();
        String mail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (sub.isEmpty() == mail.isEmpty()) {
            throw new Refused("Give either the identity provider's subject or an e-mail address, not both.");
        }
        Role r = role(role);
        Membership m = new Membership();
        m.tenantId = tenant;
        m.role = r;
        if (!sub.isEmpty()) {
            if (!SUBJECT.matcher(sub).matches()) {
                throw new Refused("A subject is 1 to 255 visible characters without spaces.");
            }
            if (Membership.existsBySubject(tenant, sub)) {
                throw new Refused("That subject is already a member of this organisation.");
            }
            m.subject = sub;
            m.displayName = sub;
        } else {
            if (mail.length() > 320 || !EMAIL.matcher(mail).matches()) {
                throw new Refused("That is not an e-mail address.");
            }
            if (Membership.existsByEmail(tenant, mail)) {
                throw new Refused("A member with that e-mail address already exists in this organisation.");
            }
            m.email = mail;
        }
        m.persist();
        changed.fire(new MembershipCache.Changed());
        return m;
    }

    /** {@code confirmSelf}: the admin ticked that they mean to change their own membership (and lose access). */
    public Membership changeRole(long id, String role, boolean confirmSelf) {
        Role r = role(role);
        List<Membership> admins = Membership.adminsLocked(tenant());
        Membership m = mine(id);
        refuseSelf(m, confirmSelf || r == m.role, "change your own role");
        if (m.role == Role.ADMIN && r != Role.ADMIN) {
            refuseLastAdmin(admins, m, "demoted");
        }
        m.role = r;
        changed.fire(new MembershipCache.Changed());
        return m;
    }

    public Membership remove(long id, boolean confirmSelf) {
        List<Membership> admins = Membership.adminsLocked(tenant());
        Membership m = mine(id);
        refuseSelf(m, confirmSelf, "remove yourself");
        if (m.role == Role.ADMIN) {
            refuseLastAdmin(admins, m, "removed");
        }
        m.delete();
        changed.fire(new MembershipCache.Changed());
        return m;
    }

    /** {@code admins} were locked before {@code m} was read, so both are current until the transaction ends. */
    private static void refuseLastAdmin(List<Membership> admins, Membership m, String what) {
        if (admins.size() <= 1) {
            throw new Refused("The last admin cannot be " + what + ": make another member admin first.");
        }
        // Only bound admins can log in: the last one with a subject must stay too.
        if (admins.stream().filter(a -> a.subject != null && !a.id.equals(m.id)).findAny().isEmpty()) {
            throw new Refused("The last admin who has logged in cannot be " + what + ": an admin added by e-mail must "
                    + "log in first, or add another admin by subject.");
        }
    }

    private void refuseSelf(Membership m, boolean confirmed, String what) {
        if (!confirmed && m.subject != null && m.subject.equals(member.subject())) {
            throw new Refused("To " + what + ", tick the confirmation: you lose access to this page at once.");
        }
    }

    private Membership mine(long id) {
        Membership m = Membership.inTenant(tenant(), id);
        if (m == null) {
            throw new NotFoundException("No member " + id + " in this organisation.");
        }
        return m;
    }

    private static Role role(String code) {
        try {
            return Role.fromCode(code == null ? "" : code.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("The role must be marketer, support or admin.");
        }
    }

    private String tenant() {
        return member.tenantId().orElseThrow(() -> new NotFoundException("No organisation."));
    }
}
