package app.rebound.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.time.Instant;

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
}
