package app.rebound.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.TenantId;

/**
 * Superclass of every tenant-owned entity. Hibernate stamps {@link #tenantId} on insert and adds
 * {@code tenant_id = :current} to every HQL/criteria query, so a query can never see another tenant's rows.
 */
@MappedSuperclass
public abstract class TenantOwned extends PanacheEntity {
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;
}
