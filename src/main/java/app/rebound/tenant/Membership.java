package app.rebound.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/**
 * Links an OIDC identity (its subject) to a tenant with a role. Global, like {@link Tenant}: it is read
 * before the current tenant is known, by {@link MembershipAugmentor} through {@link TenantSql}.
 */
@Entity
public class Membership extends PanacheEntity {
    @Column(name = "tenant_id")
    public String tenantId;
    public String subject;
    public String email;
    public String displayName;
    public Role role;
    public Instant createdAt = Instant.now();

    /** Whether this membership was added by e-mail and waits for the first login with that verified e-mail. */
    public boolean isPending() {
        return subject == null;
    }

    /** Whether this membership is bound to {@code subject} (the logged-in member's own row). */
    public boolean isSubject(String subject) {
        return this.subject != null && this.subject.equals(subject);
    }

    /** The tenant's members by e-mail, then subject. */
    public static List<Membership> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by coalesce(email, subject), id", tenantId);
    }

    public static Membership inTenant(String tenantId, long id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * The tenant's admins, row-locked until the transaction ends: two concurrent demotions or removals wait for each
     * other, and the second sees the first's change (PostgreSQL re-checks a locked row), so the last admin stays.
     */
    public static List<Membership> adminsLocked(String tenantId) {
        return find("tenantId = ?1 and role = ?2", tenantId, Role.ADMIN).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static boolean existsBySubject(String tenantId, String subject) {
        return count("tenantId = ?1 and subject = ?2", tenantId, subject) > 0;
    }

    public static boolean existsByEmail(String tenantId, String email) {
        return count("tenantId = ?1 and lower(email) = ?2", tenantId, email) > 0;
    }
}
