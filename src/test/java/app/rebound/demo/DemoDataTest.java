package app.rebound.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.mailinglist.MailingList;
import app.rebound.sendingserver.SendingServer;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.MemberTenant;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.tenant.TenantSql;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Seeds copies of the demo tenants under ids of their own, so other test classes sharing this Quarkus
 * instance (and its database) can neither disturb nor be disturbed by these counts.
 */
@QuarkusTest
class DemoDataTest {
    // Unique per run: the first seeding in this class always creates both tenants, whatever ran before.
    static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String A = "demo-test-a-" + RUN;
    static final String B = "demo-test-b-" + RUN;
    /** The first seeding of A and B, whichever test asks first; later calls seed again and must change nothing. */
    static DemoSummary first;
    static final List<String> CODES = List.of("5.1.1", "5.1.10", "5.2.0", "5.2.2", "5.2.5", "5.4.1", "5.4.4",
            "5.7.1", "4.2.2", "4.3.1", "4.4.1", "4.5.3", "4.7.0", "4.7.1");

    @Inject
    DemoData demoData;
    @Inject
    TenantRunner runner;
    @Inject
    TenantSql tenantSql;
    @Inject
    app.rebound.ingest.VerpKeys verpKeys;

    private DemoSummary seedCopies() {
        DemoSummary summary = demoData.seed(List.of(DemoTenant.ACME.withId(A), DemoTenant.GLOBEX.withId(B)));
        if (first == null) {
            first = summary;
        }
        return summary;
    }

    record Counts(long lists, long subscribers, long servers, long campaigns, long bounces) {
    }

    private Counts counts(String tenant) {
        return runner.inTenant(tenant, () -> new Counts(MailingList.count(), Subscriber.count(), SendingServer.count(),
                Campaign.count(), Bounce.count()));
    }

    @Test
    void seedingTwiceChangesNothingAndEachTenantGetsItsOwnStampedRows() {
        seedCopies();
        Counts a = counts(A);
        Counts b = counts(B);
        DemoSummary second = seedCopies();
        Log.infof("demo seeding: first run %d ms %s; second run %d ms", first.millis(), first.tenants(), second.millis());

        assertFalse(second.createdAnything(), "second run must skip both tenants");
        assertEquals(a, counts(A));
        assertEquals(b, counts(B));
        assertTrue(first.createdAnything(), "the first seeding of this run's tenant ids created them");
        // Hibernate stamps and filters tenant_id: what each tenant sees is exactly what was written for it.
        assertEquals(new Counts(first.of(A).lists(), first.of(A).subscribers(), first.of(A).sendingServers(),
                first.of(A).campaigns(), first.of(A).bounces()), a);
        assertEquals(new Counts(first.of(B).lists(), first.of(B).subscribers(), first.of(B).sendingServers(),
                first.of(B).campaigns(), first.of(B).bounces()), b);
        for (Counts c : List.of(a, b)) {
            assertTrue(c.subscribers() >= 2_000, "subscribers: " + c);
            assertTrue(c.campaigns() >= 5 && c.campaigns() <= 8, "campaigns: " + c);
            assertTrue(c.servers() >= 2, "servers: " + c);
        }
        runner.inTenant(A, () -> {
            List<Subscriber> subs = Subscriber.list("order by id");
            assertTrue(subs.stream().allMatch(s -> A.equals(s.tenantId)), "rows of A stamped A");
            return null;
        });
    }

    @Test
    void membershipsAreFoundTheWayLoginLooksThemUp() {
        seedCopies();
        List<MemberTenant> alice = tenantSql.membershipsOf("alice").stream()
                .filter(m -> m.tenantId().equals(A) || m.tenantId().equals(B)).toList();
        assertTrue(alice.contains(new MemberTenant(A, "Acme Outdoor Co.", Role.ADMIN)), alice.toString());
        assertTrue(alice.contains(new MemberTenant(B, "Globex Media", Role.MARKETER)), alice.toString());
        List<MemberTenant> erin = tenantSql.membershipsOf("erin").stream()
                .filter(m -> m.tenantId().equals(A) || m.tenantId().equals(B)).toList();
        assertEquals(List.of(new MemberTenant(B, "Globex Media", Role.SUPPORT)), erin);
    }

    @Test
    void everyCodeAppearsForEachTenantAndRowsAreConsistent() {
        seedCopies();
        for (String tenant : List.of(A, B)) {
            runner.inTenant(tenant, () -> {
                Set<String> codes = new TreeSet<>(Bounce.getEntityManager()
                        .createQuery("select distinct b.statusCode from Bounce b where b.statusCode is not null",
                                String.class).getResultList());
                assertTrue(codes.containsAll(CODES), tenant + " codes " + codes);
                assertTrue(codes.stream().anyMatch(c -> c.startsWith("5.7.") && !c.equals("5.7.1")), "other 5.7.x");
                assertTrue(Bounce.count("type", app.rebound.engine.BounceType.COMPLAINT) >= 2, "complaints");
                assertEquals(0, Bounce.count("type = ?1 and (feedbackType is null or feedbackType <> 'abuse')",
                        app.rebound.engine.BounceType.COMPLAINT), "each complaint carries its report's Feedback-Type");

                for (Campaign c : Campaign.newestFirst()) {
                    long bounces = Bounce.countForCampaign(c);
                    assertTrue(bounces >= 30 && bounces <= c.recipientsCount, c.name + ": " + bounces);
                    assertTrue(Bounce.count("campaign = ?1 and occurredAt <= ?2", c, c.sentAt) == 0,
                            "bounces after sending: " + c.name);
                    assertTrue(c.recipientsCount <= Subscriber.count("list", c.list), c.name);
                }
                assertEquals(0, Bounce.count("recipientEmail <> subscriber.email"), "recipient is the subscriber");
                assertEquals(0, Bounce.count("type = ?1 and fault = ?2 and subscriber.status = ?3",
                        app.rebound.engine.BounceType.HARD, app.rebound.engine.Fault.RECIPIENT,
                        SubscriberStatus.SUBSCRIBED), "hard-bounced subscribers are suppressed");
                assertTrue(Subscriber.count("status = ?1 and statusReason is not null", SubscriberStatus.BOUNCED) > 50);
                assertTrue(Subscriber.count("status", SubscriberStatus.COMPLAINED) >= 2);
                return null;
            });
        }
    }

    @Test
    void seedingRegistersEachTenantsReturnPathDomainsAndAVerpKey() {
        seedCopies();
        for (DemoTenant t : List.of(DemoTenant.ACME.withId(A), DemoTenant.GLOBEX.withId(B))) {
            assertFalse(t.servers().isEmpty());
            for (DemoTenant.ServerSpec s : t.servers()) {
                assertEquals(java.util.Optional.of(t.id()), verpKeys.tenantOfDomain(s.returnPathDomain()),
                        "the SMTP listener accepts bounces for " + s.returnPathDomain());
            }
            assertFalse(verpKeys.keysOf(t.id()).isEmpty(), "a VERP key to sign and verify return paths");
        }
    }
}
