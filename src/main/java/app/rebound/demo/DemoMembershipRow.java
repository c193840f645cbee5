package app.rebound.demo;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A {@code membership} row written the way the table stores it (role as its lower-case code).
 *
 * <p>Why not {@link app.rebound.tenant.Membership}: it maps {@code role} with {@code @Enumerated(STRING)},
 * which writes {@code ADMIN} and fails the table's check {@code role in ('marketer','support','admin')}
 * (and could not read a lower-case row back). Until that mapping is fixed, the seeder writes through this
 * narrow insert-only mapping of the same table and sequence; delete it and use {@code Membership} then.
 */
@Entity
@Table(name = "membership")
class DemoMembershipRow extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "demo_membership_row_gen", sequenceName = "membership_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "demo_membership_row_gen")
    public Long id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String subject;
    public String email;
    public String displayName;
    @Column(columnDefinition = "varchar(16)")
    public String role;
    public Instant createdAt;
}
