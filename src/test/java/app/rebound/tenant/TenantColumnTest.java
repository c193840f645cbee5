package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.annotations.TenantId;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;

/**
 * Tenancy by construction: every entity and every table carries the tenant, except the few global ones that
 * are read before a tenant is known. A new entity or table without it fails here.
 */
@QuarkusTest
class TenantColumnTest {
    private static final Set<Class<?>> GLOBAL_ENTITIES = Set.of(Tenant.class, Membership.class);
    private static final Set<String> GLOBAL_TABLES = Set.of("tenant", "membership", "flyway_schema_history");

    @Inject
    EntityManagerFactory emf;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyEntityIsTenantOwnedExceptTheGlobalOnes() {
        Set<EntityType<?>> entities = emf.getMetamodel().getEntities();
        assertTrue(entities.size() >= 7, "metamodel lists the entities: " + entities);
        List<String> offenders = new ArrayList<>();
        for (EntityType<?> e : entities) {
            Class<?> type = e.getJavaType();
            if (GLOBAL_ENTITIES.contains(type)) {
                assertFalse(TenantOwned.class.isAssignableFrom(type), type + " is listed as global");
                continue;
            }
            Field tenantField = tenantIdField(type);
            if (!TenantOwned.class.isAssignableFrom(type) || tenantField == null
                    || !"tenant_id".equals(tenantField.getAnnotation(jakarta.persistence.Column.class).name())) {
                offenders.add(type.getName());
            }
        }
        assertEquals(List.of(), offenders, "entities without the @TenantId tenant_id column (extend TenantOwned)");
    }

    @Test
    void everyEntityTableHasANotNullTenantColumn() throws Exception {
        Map<String, String> tenantColumnNullable = tenantColumns();
        SessionFactoryImplementor sf = emf.unwrap(SessionFactoryImplementor.class);
        for (EntityType<?> e : emf.getMetamodel().getEntities()) {
            if (GLOBAL_ENTITIES.contains(e.getJavaType())) {
                continue;
            }
            AbstractEntityPersister persister = (AbstractEntityPersister) sf.getMappingMetamodel()
                    .getEntityDescriptor(e.getJavaType());
            String table = persister.getTableName().toLowerCase();
            assertEquals("NO", tenantColumnNullable.get(table), e.getName() + " maps to " + table
                    + ", which needs a NOT NULL tenant_id column");
        }
    }

    @Test
    void everyTableExceptTheGlobalOnesHasANotNullTenantColumn() throws Exception {
        Map<String, String> tenantColumnNullable = tenantColumns();
        List<String> tables = new ArrayList<>();
        String sql = "select table_name from information_schema.tables where table_schema = current_schema()"
                + " and table_type = 'BASE TABLE'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertTrue(tables.containsAll(List.of("subscriber", "bounce", "campaign", "tenant")), "schema found: " + tables);
        List<String> offenders = new ArrayList<>();
        for (String t : tables) {
            if (!GLOBAL_TABLES.contains(t) && !"NO".equals(tenantColumnNullable.get(t))) {
                offenders.add(t);
            }
        }
        assertEquals(List.of(), offenders, "tables without a NOT NULL tenant_id");
    }

    /** table -> is_nullable of its tenant_id column, for every table that has one. */
    private Map<String, String> tenantColumns() throws Exception {
        Map<String, String> out = new TreeMap<>();
        String sql = "select table_name, is_nullable from information_schema.columns"
                + " where table_schema = current_schema() and column_name = 'tenant_id'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static Field tenantIdField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TenantId.class) && f.isAnnotationPresent(jakarta.persistence.Column.class)) {
                    return f;
                }
            }
        }
        return null;
    }
}
