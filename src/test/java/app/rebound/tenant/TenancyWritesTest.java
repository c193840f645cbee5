package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.mailinglist.MailingList;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenancy for writes, at the database level: a row of tenant A can never point at tenant B's rows, whatever
 * the application does (native SQL here, which Hibernate does not filter), and Hibernate writes of A cannot
 * reach B's rows. Each refused insert has a twin pointing at A's own row that succeeds, so the refusal is the
 * foreign key's and not a mistake in the statement.
 */
@QuarkusTest
class TenancyWritesTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        if (a == null) {
            a = fixtures.aWorld(fixtures.aTenant("wr-a"), 1);
            b = fixtures.aWorld(fixtures.aTenant("wr-b"), 1);
        }
    }

    /** Runs one insert in a transaction that is always rolled back; returns the SQLState, or null if it succeeded. */
    private String tryInsert(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
                return null;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                c.rollback();
            }
        }
    }

    private static final String FK_VIOLATION = "23503";

    @Test
    void subscriberCannotJoinAnotherTenantsList() throws SQLException {
        String sql = "insert into subscriber (id, tenant_id, list_id, email) values (nextval('subscriber_seq'), ?, ?, ?)";
        assertEquals(FK_VIOLATION, tryInsert(sql, a.tenantId(), b.listId(), "x@wr.example"));
        assertEquals(null, tryInsert(sql, a.tenantId(), a.listId(), "x@wr.example"));
    }

    @Test
    void campaignCannotUseAnotherTenantsListOrServer() throws SQLException {
        String sql = "insert into campaign (id, tenant_id, name, subject, list_id, sending_server_id)"
                + " values (nextval('campaign_seq'), ?, 'c', 's', ?, ?)";
        assertEquals(FK_VIOLATION, tryInsert(sql, a.tenantId(), b.listId(), a.serverId()));
        assertEquals(FK_VIOLATION, tryInsert(sql, a.tenantId(), a.listId(), b.serverId()));
        assertEquals(null, tryInsert(sql, a.tenantId(), a.listId(), a.serverId()));
    }

    @Test
    void bounceCannotPointIntoAnotherTenant() throws SQLException {
        String sql = "insert into bounce (id, tenant_id, campaign_id, subscriber_id, recipient_email, type, fault,"
                + " reason, occurred_at, raw_ref) values (nextval('bounce_seq'), ?, ?, ?, 'x@wr.example', 'hard', 'recipient',"
                + " 'userunknown', ?, 'test')";
        Timestamp now = Timestamp.from(Instant.now());
        assertEquals(FK_VIOLATION, tryInsert(sql, a.tenantId(), b.campaignId(), a.subscriberId(), now), "B's campaign");
        assertEquals(FK_VIOLATION, tryInsert(sql, a.tenantId(), a.campaignId(), b.subscriberId(), now), "B's subscriber");
        assertEquals(null, tryInsert(sql, a.tenantId(), a.campaignId(), a.subscriberId(), now));
    }

    @Test
    void hibernateWritesOfOneTenantCannotReachAnother() {
        // A reference to B's list from inside A: the insert is refused by the database, nothing is stored.
        long aBefore = runner.inTenant(a.tenantId(), () -> Subscriber.count());
        long bBefore = runner.inTenant(b.tenantId(), () -> Subscriber.count());
        RuntimeException e = assertThrows(RuntimeException.class, () -> runner.inTenant(a.tenantId(), () -> {
            Subscriber s = new Subscriber();
            s.list = Subscriber.getEntityManager().getReference(MailingList.class, b.listId());
            s.email = "sneaky@wr.example";
            s.persist();
            Subscriber.flush();
            return null;
        }));
        assertTrue(causes(e).contains("foreign key"), causes(e));
        assertEquals(aBefore, runner.inTenant(a.tenantId(), () -> Subscriber.count()));
        assertEquals(bBefore, runner.inTenant(b.tenantId(), () -> Subscriber.count()));
        // Bulk updates are filtered by tenant: A's update of B's subscriber id changes nothing.
        int changed = runner.inTenant(a.tenantId(), () -> Subscriber.update("status = ?1 where id = ?2",
                SubscriberStatus.UNSUBSCRIBED, b.subscriberId()));
        assertEquals(0, changed);
        assertEquals(SubscriberStatus.SUBSCRIBED, runner.inTenant(b.tenantId(),
                () -> Subscriber.<Subscriber>findById(b.subscriberId()).status));
        // ... while the same update of A's own subscriber works.
        assertEquals(1, (int) runner.inTenant(a.tenantId(), () -> Subscriber.update("status = ?1 where id = ?2",
                SubscriberStatus.UNSUBSCRIBED, a.subscriberId())));
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
