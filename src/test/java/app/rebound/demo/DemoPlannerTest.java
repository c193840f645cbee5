package app.rebound.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.demo.DemoPlanner.Plan;
import app.rebound.demo.DemoPlanner.PlannedBounce;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoPlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:30:00Z");
    private static final Pattern STATUS = Pattern.compile("^[245]\\.[0-9]{1,3}\\.[0-9]{1,3}$");

    @Test
    void theSameTenantAndDayGiveTheSameData() {
        Plan a = DemoPlanner.plan(DemoTenant.ACME, NOW);
        Plan b = DemoPlanner.plan(DemoTenant.ACME, NOW);
        assertEquals(a.bounces(), b.bounces());
        assertEquals(a.campaigns(), b.campaigns());
        assertEquals(a.subscribers().stream().map(s -> s.person.email() + s.status).toList(),
                b.subscribers().stream().map(s -> s.person.email() + s.status).toList());
    }

    @Test
    void bouncesFitTheDatabaseAndHappenAfterSendingAndBeforeNow() {
        for (DemoTenant t : DemoTenant.ALL) {
            Plan plan = DemoPlanner.plan(t, NOW);
            Set<String> emails = new HashSet<>();
            plan.subscribers().forEach(s -> {
                assertEquals(s.person.email().toLowerCase(), s.person.email());
                assertTrue(emails.add(s.person.email()), "unique per tenant");
                assertTrue(s.statusReason == null || s.statusReason.length() <= 500);
            });
            for (PlannedBounce b : plan.bounces()) {
                Instant sent = plan.campaigns().get(b.campaign()).sentAt();
                assertTrue(b.occurredAt().isAfter(sent) && b.occurredAt().isBefore(NOW), b.toString());
                assertTrue(b.statusCode() == null || STATUS.matcher(b.statusCode()).matches(), b.statusCode());
                assertTrue(b.reason().length() <= 32);
                assertTrue(!b.diagnostic().contains("{") , b.diagnostic());
            }
            assertTrue(plan.subscribers().size() >= 2_000);
        }
    }

    @Test
    void campaignsHaveAFewHundredBouncesAndTheFirstRecipientsMatchTheList() {
        for (DemoTenant t : DemoTenant.ALL) {
            Plan plan = DemoPlanner.plan(t, NOW);
            int[] perCampaign = new int[plan.campaigns().size()];
            plan.bounces().forEach(b -> perCampaign[b.campaign()]++);
            for (int i = 0; i < perCampaign.length; i++) {
                DemoPlanner.PlannedCampaign c = plan.campaigns().get(i);
                assertTrue(perCampaign[i] >= 50, "campaign " + i + ": " + perCampaign[i]);
                assertTrue(c.recipients() <= t.lists().get(c.spec().list()).size());
            }
            assertTrue(plan.bounces().size() > 1_500, "bounces: " + plan.bounces().size());
        }
    }
}
