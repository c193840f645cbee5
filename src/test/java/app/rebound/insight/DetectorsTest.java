package app.rebound.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each detector with data just under and just over its default threshold; every test in its own tenant. */
@QuarkusTest
class DetectorsTest {
    static final Instant NOW = Instant.now();
    static final Instant SENT = NOW.minus(Duration.ofDays(1));
    static final Instant BOUNCED = NOW.minus(Duration.ofHours(12));

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    Detectors detectors;
    @Inject
    TenantRunner runner;
    @Inject
    app.rebound.testsupport.Db db;

    private List<Finding> detect(String tenant) {
        return runner.inTenant(tenant, () -> detectors.detect(AlertThreshold.effective(), NOW, Duration.ofDays(7)));
    }

    private static List<String> keys(List<Finding> findings, AlertKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).map(Finding::scopeKey).toList();
    }

    private Setup tenant(String prefix) {
        return insight.setup(fixtures.aTenant(prefix));
    }

    @Test
    void greylistingAt30PercentOfSends() {
        Setup s = tenant("det-grey");
        long under = insight.campaign(s, s.serverId(), "Under", 100, SENT);
        long over = insight.campaign(s, s.serverId(), "Over", 100, SENT);
        insight.bounces(s.tenantId(), under, 29, "4.7.0", "gmail.com", BOUNCED);
        insight.bounces(s.tenantId(), over, 30, "4.7.0", "gmail.com", BOUNCED);
        List<Finding> found = detect(s.tenantId());
        assertEquals(List.of("campaign:" + over), keys(found, AlertKind.GREYLISTING));
        Finding f = found.stream().filter(x -> x.kind() == AlertKind.GREYLISTING).findFirst().orElseThrow();
        assertEquals(0.30, f.measured(), 1e-9);
        assertTrue(f.evidence().contains("30 distinct recipients answered 4.7.0 out of 100 sends"), f.evidence());
        assertTrue(f.evidence().contains("@gmail.com"), "sample rows: " + f.evidence());
        assertEquals(over, f.campaignId());
        assertEquals(s.serverId(), f.sendingServerId());
    }

    @Test
    void greylistingRetriesOfOneRecipientCountOnce() {
        Setup s = tenant("det-retry");
        long c = insight.campaign(s, s.serverId(), "Retried", 100, SENT);
        List<String> emails = java.util.stream.IntStream.range(0, 29).mapToObj(i -> "grey-" + i + "@gmail.com").toList();
        insight.bouncesTo(s.tenantId(), c, emails, "4.7.0", BOUNCED);
        insight.bouncesTo(s.tenantId(), c, emails, "4.7.0", BOUNCED.plusSeconds(3600));
        assertEquals(List.of(), keys(detect(s.tenantId()), AlertKind.GREYLISTING),
                "58 bounces, but only 29 distinct recipients of 100 sends");
        insight.bouncesTo(s.tenantId(), c, List.of("grey-29@gmail.com"), "4.7.0", BOUNCED);
        assertEquals(List.of("campaign:" + c), keys(detect(s.tenantId()), AlertKind.GREYLISTING), "the 30th recipient");
    }

    @Test
    void reputationAbove5Percent() {
        Setup s = tenant("det-rep");
        long under = insight.campaign(s, s.serverId(), "Exactly five", 100, SENT);
        long over = insight.campaign(s, s.serverId(), "Six", 100, SENT);
        insight.bounces(s.tenantId(), under, 5, "4.7.1", "yahoo.com", BOUNCED);
        insight.bounces(s.tenantId(), over, 6, "4.7.1", "yahoo.com", BOUNCED);
        assertEquals(List.of("campaign:" + over), keys(detect(s.tenantId()), AlertKind.REPUTATION));
    }

    @Test
    void messageTooLargeFromEitherCode() {
        Setup s = tenant("det-big");
        long under = insight.campaign(s, s.serverId(), "Half a percent", 200, SENT);
        long over = insight.campaign(s, s.serverId(), "One percent", 200, SENT);
        insight.bounces(s.tenantId(), under, 1, "5.2.5", "example.org", BOUNCED);
        insight.bounces(s.tenantId(), over, 1, "5.2.5", "example.org", BOUNCED);
        insight.bounces(s.tenantId(), over, 1, "5.3.4", "example.net", BOUNCED);
        assertEquals(List.of("campaign:" + over), keys(detect(s.tenantId()), AlertKind.TOO_LARGE));
    }

    @Test
    void dkimWhenNearlyAllOfAServersSendsAre571() {
        Setup s = tenant("det-dkim");
        long otherServer = insight.server(s);
        long broken = insight.campaign(s, s.serverId(), "Broken", 100, SENT);
        long fine = insight.campaign(s, otherServer, "Fine", 100, SENT);
        for (int i = 0; i < 10; i++) { // spread over many domains so no single domain stands out
            insight.bounces(s.tenantId(), broken, 9, "5.7.1", "d" + i + ".example", BOUNCED);
            insight.bounces(s.tenantId(), fine, i == 0 ? 8 : 9, "5.7.1", "e" + i + ".example", BOUNCED);
        }
        List<Finding> found = detect(s.tenantId());
        assertEquals(List.of("server:" + s.serverId()), keys(found, AlertKind.DKIM_BROKEN), "90 of 100 yes, 89 of 100 no");
        assertEquals(List.of(), keys(found, AlertKind.DOMAIN_BLOCKS));
    }

    @Test
    void domainBlocksWhen57xConcentratesOnOneDomain() {
        Setup over = tenant("det-dom-over");
        long c = insight.campaign(over, over.serverId(), "C", 1000, SENT);
        insight.bounces(over.tenantId(), c, 12, "5.7.1", "mail.blocker.co.uk", BOUNCED);
        insight.bounces(over.tenantId(), c, 3, "5.7.606", "other.example", BOUNCED);
        List<Finding> found = detect(over.tenantId());
        assertEquals(List.of("domain:blocker.co.uk"), keys(found, AlertKind.DOMAIN_BLOCKS), "12 of 15 = 80%");
        assertEquals("blocker.co.uk", found.stream().filter(f -> f.kind() == AlertKind.DOMAIN_BLOCKS).findFirst()
                .orElseThrow().domain());

        Setup under = tenant("det-dom-under");
        long u = insight.campaign(under, under.serverId(), "C", 1000, SENT);
        insight.bounces(under.tenantId(), u, 11, "5.7.1", "blocker.co.uk", BOUNCED);
        insight.bounces(under.tenantId(), u, 3, "5.7.606", "other.example", BOUNCED);
        assertEquals(List.of(), keys(detect(under.tenantId()), AlertKind.DOMAIN_BLOCKS), "11 of 14 < 80%");

        Setup few = tenant("det-dom-few");
        long f = insight.campaign(few, few.serverId(), "C", 1000, SENT);
        insight.bounces(few.tenantId(), f, 9, "5.7.1", "blocker.co.uk", BOUNCED);
        assertEquals(List.of(), keys(detect(few.tenantId()), AlertKind.DOMAIN_BLOCKS), "9 is under the minimum of 10");
    }

    @Test
    void mailboxFullRisingOverThreeSuccessiveCampaigns() {
        Setup over = tenant("det-full-over");
        long[] c = new long[3];
        for (int i = 0; i < 3; i++) {
            c[i] = insight.campaign(over, over.serverId(), "Week " + i, 100, NOW.minus(Duration.ofDays(30 - i * 7L)));
            insight.bounces(over.tenantId(), c[i], i + 1, "4.2.2", "gmx.de", BOUNCED);
        }
        List<Finding> found = detect(over.tenantId());
        assertEquals(List.of("tenant"), keys(found, AlertKind.MAILBOX_FULL_RISING));
        assertEquals(c[2], found.stream().filter(f -> f.kind() == AlertKind.MAILBOX_FULL_RISING).findFirst()
                .orElseThrow().campaignId(), "the newest campaign");

        Setup notRising = tenant("det-full-flat");
        int[] counts = {1, 3, 2};
        for (int i = 0; i < 3; i++) {
            long id = insight.campaign(notRising, notRising.serverId(), "Week " + i, 100,
                    NOW.minus(Duration.ofDays(30 - i * 7L)));
            insight.bounces(notRising.tenantId(), id, counts[i], "4.2.2", "gmx.de", BOUNCED);
        }
        assertEquals(List.of(), keys(detect(notRising.tenantId()), AlertKind.MAILBOX_FULL_RISING));

        Setup low = tenant("det-full-low");
        for (int i = 0; i < 3; i++) {
            long id = insight.campaign(low, low.serverId(), "Week " + i, 1000, NOW.minus(Duration.ofDays(30 - i * 7L)));
            insight.bounces(low.tenantId(), id, 7 + i, "4.2.2", "gmx.de", BOUNCED);
        }
        assertEquals(List.of(), keys(detect(low.tenantId()), AlertKind.MAILBOX_FULL_RISING),
                "rising 0.7% → 0.8% → 0.9% stays under the 1% floor");
    }

    @Test
    void badImportAt10PercentOf511OnTheFirstSendToTheBatch() {
        Setup over = tenant("det-imp-over");
        long batch = insight.importBatch(over, 100, NOW.minus(Duration.ofDays(2)));
        long first = insight.campaign(over, over.serverId(), "First to the batch", 150, SENT);
        insight.batchBounces(over.tenantId(), first, batch, 10, "5.1.1", BOUNCED);
        List<Finding> found = detect(over.tenantId());
        assertEquals(List.of("batch:" + batch), keys(found, AlertKind.BAD_IMPORT));
        assertEquals(first, found.stream().filter(f -> f.kind() == AlertKind.BAD_IMPORT).findFirst().orElseThrow()
                .campaignId());

        Setup under = tenant("det-imp-under");
        long b2 = insight.importBatch(under, 100, NOW.minus(Duration.ofDays(2)));
        long c2 = insight.campaign(under, under.serverId(), "First to the batch", 150, SENT);
        insight.batchBounces(under.tenantId(), c2, b2, 9, "5.1.1", BOUNCED);
        insight.bounces(under.tenantId(), c2, 20, "5.1.1", "old-subscribers.example", BOUNCED);
        assertEquals(List.of(), keys(detect(under.tenantId()), AlertKind.BAD_IMPORT),
                "9 of the batch's 100; the 20 older subscribers' 5.1.1 do not count against the batch");
    }

    @Test
    void smallCampaignsStayQuiet() {
        Setup s = tenant("det-small");
        long c = insight.campaign(s, s.serverId(), "Nine recipients", 9, SENT);
        insight.bounces(s.tenantId(), c, 9, "4.7.0", "gmail.com", BOUNCED);
        assertEquals(List.of(), keys(detect(s.tenantId()), AlertKind.GREYLISTING), "under the minimum volume of 10");
    }

    @Test
    void hardBounceOnASubscriberEngagedWithin30Days() {
        Setup s = tenant("det-engaged");
        List<Long> subs = insight.subscribers(s, List.of("engaged@example.org", "lapsed@example.org", "bounced@example.org",
                "crm-active@example.org", "crm-lapsed@example.org"));
        long earlier = insight.campaign(s, s.serverId(), "Earlier", 3, NOW.minus(Duration.ofDays(40)));
        long now = insight.campaign(s, s.serverId(), "Now", 3, SENT);
        // just inside 30 days before the hard bounce: a delivered send, no bounce → engaged
        insight.deliveries(s, earlier, List.of(subs.get(0)), "sent", BOUNCED.minus(Duration.ofDays(29)));
        // just outside: delivered 31 days before → not recent
        insight.deliveries(s, earlier, List.of(subs.get(1)), "sent", BOUNCED.minus(Duration.ofDays(31)));
        // delivered within 30 days but that send bounced (soft) → not engagement
        insight.deliveries(s, earlier, List.of(subs.get(2)), "sent", BOUNCED.minus(Duration.ofDays(10)));
        insight.subscriberBounce(s, earlier, subs.get(2), "4.2.2", BOUNCED.minus(Duration.ofDays(10)).plusSeconds(60));
        // no send, but the CRM reported activity 29 days before → engaged; 31 days before → not recent
        db.update("insert into crm_activity (id, tenant_id, email, source, kind, occurred_at) values"
                + " (nextval('crm_activity_seq'), ?, 'crm-active@example.org', 'hubspot', 'email_open', ?),"
                + " (nextval('crm_activity_seq'), ?, 'crm-lapsed@example.org', 'hubspot', 'email_open', ?)",
                s.tenantId(), java.sql.Timestamp.from(BOUNCED.minus(Duration.ofDays(29))),
                s.tenantId(), java.sql.Timestamp.from(BOUNCED.minus(Duration.ofDays(31))));
        for (long sub : subs) {
            insight.subscriberBounce(s, now, sub, "5.1.1", BOUNCED);
        }
        List<Finding> found = detect(s.tenantId()).stream().filter(f -> f.kind() == AlertKind.ENGAGED_HARD).toList();
        assertEquals(List.of("engaged:campaign:" + now), found.stream().map(Finding::scopeKey).toList());
        Finding f = found.get(0);
        assertEquals(2, f.measured(), 1e-9, "only the subscribers engaged 29 days before (a delivered send, CRM activity)");
        assertTrue(f.evidence().contains("engaged@example.org"), f.evidence());
        assertTrue(f.evidence().contains("crm-active@example.org") && f.evidence().contains("CRM activity hubspot: email_open"),
                f.evidence());
        assertTrue(!f.evidence().contains(" lapsed@example.org") && !f.evidence().contains("bounced@example.org")
                && !f.evidence().contains("crm-lapsed@example.org"), f.evidence());
        assertEquals(now, f.campaignId());
    }
}
