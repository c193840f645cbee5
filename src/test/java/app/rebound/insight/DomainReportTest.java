package app.rebound.insight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.insight.DomainReport.Report;
import app.rebound.insight.DomainReport.Row;
import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DomainReportTest {
    static String tenant;
    static String other;
    static final Instant NOW = Instant.now();

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    DomainReport reports;
    @Inject
    TenantRunner runner;

    @BeforeEach
    void world() {
        if (tenant != null) {
            return;
        }
        tenant = fixtures.aTenant("dom-a");
        other = fixtures.aTenant("dom-b");
        Setup s = insight.setup(tenant);
        long c = insight.campaign(s, s.serverId(), "Autumn", 1000, NOW.minus(Duration.ofDays(2)));
        Instant recent = NOW.minus(Duration.ofDays(1));
        // example.co.uk: subdomain and bare domain group together: 4 hard + 2 soft
        insight.bounces(tenant, c, 3, "5.1.1", "mail.example.co.uk", recent);
        insight.bounces(tenant, c, 1, "5.7.1", "example.co.uk", recent.plusSeconds(60));
        insight.bounces(tenant, c, 2, "4.2.2", "EXAMPLE.co.uk", recent.plusSeconds(120));
        // other.co.uk stays apart: 2 hard
        insight.bounces(tenant, c, 2, "5.1.1", "other.co.uk", recent);
        // private suffix: two customers of github.io stay apart
        insight.bounces(tenant, c, 5, "5.1.1", "alice.github.io", recent);
        insight.bounces(tenant, c, 1, "5.1.1", "mx.bob.github.io", recent);
        // gmail.com: 1 hard, many soft; 3 bounces in the previous window
        insight.bounces(tenant, c, 1, "5.1.1", "gmail.com", recent);
        insight.bounces(tenant, c, 6, "4.7.0", "gmail.com", recent);
        insight.bounces(tenant, c, 3, "4.7.0", "gmail.com", NOW.minus(Duration.ofDays(10)));
        // outside the window entirely
        insight.bounces(tenant, c, 9, "5.1.1", "old.example", NOW.minus(Duration.ofDays(20)));
        // another tenant with the same domains: never counted
        Setup o = insight.setup(other);
        long oc = insight.campaign(o, o.serverId(), "Bravo", 100, NOW.minus(Duration.ofDays(2)));
        insight.bounces(other, oc, 50, "5.1.1", "example.co.uk", recent);
        insight.bounces(other, oc, 7, "5.1.1", "bravo-only.example", recent);
    }

    private Report report(int days, long min) {
        return runner.inTenant(tenant, () -> reports.build(NOW, days, min));
    }

    private static Map<String, Row> byDomain(Report r) {
        return r.rows().stream().collect(Collectors.toMap(Row::domain, Function.identity()));
    }

    @Test
    void groupsByRegistrableDomainWithMultiLabelAndPrivateSuffixes() {
        Map<String, Row> rows = byDomain(report(7, 0));
        assertEquals(List.of("alice.github.io", "example.co.uk", "other.co.uk", "gmail.com", "bob.github.io"),
                report(7, 0).rows().stream().map(Row::domain).toList(), "sorted by hard total, then total");
        Row ex = rows.get("example.co.uk");
        assertEquals(6, ex.total(), "mail.example.co.uk and example.co.uk together, other tenant's 50 not counted");
        assertEquals(4, ex.hard());
        assertEquals(2, ex.soft());
        assertEquals(3, ex.distinctCodes());
        assertEquals(List.of(new DomainReport.CodeCount("5.1.1", 3), new DomainReport.CodeCount("4.2.2", 2),
                new DomainReport.CodeCount("5.7.1", 1)), ex.topCodes());
        assertEquals("4.2.2", ex.samples().get(0).code(), "newest sample first");
        assertEquals(3, ex.samples().size());
        assertEquals(2, rows.get("other.co.uk").total(), "not lumped with every .co.uk");
        assertEquals(5, rows.get("alice.github.io").total());
        assertEquals(1, rows.get("bob.github.io").total(), "private suffix github.io: customers stay apart");
        assertFalse(rows.containsKey("co.uk"));
        assertFalse(rows.containsKey("github.io"));
        assertFalse(rows.containsKey("old.example"), "outside the window");
        assertFalse(rows.containsKey("bravo-only.example"), "another tenant's domain");
    }

    @Test
    void trendAgainstThePreviousWindowAndThreshold() {
        Row gmail = byDomain(report(7, 0)).get("gmail.com");
        assertEquals(7, gmail.total());
        assertEquals(3, gmail.previousTotal());
        assertEquals("up", gmail.trend());
        // more than 6: only gmail (7) stays; exactly 6 (example.co.uk) is not "more than"
        assertEquals(List.of("gmail.com"), report(7, 6).rows().stream().map(Row::domain).toList());
        assertEquals(List.of(), report(7, 50).rows(), "default threshold: more than 50");
        // a 30-day window takes the old bounces in
        assertTrue(byDomain(report(30, 0)).containsKey("old.example"));
    }

    @Test
    @TestSecurity(user = "dom-a-marketer", augmentors = MembershipAugmentor.class)
    void pageJsonAndDrillDown() {
        given().get("/insights/domains?min=0").then().statusCode(200)
                .body(containsString("aria-label=\"Bounces by domain\""))
                .body(containsString("<a href=\"/insights/domains/example.co.uk?days=7\""))
                .body(not(containsString("bravo-only.example")));
        given().get("/insights/domains").then().statusCode(200)
                .body(containsString("No domain had more than 50 bounces"));
        JsonPath json = given().get("/insights/domains/report.json?min=0&days=7").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertEquals("alice.github.io", json.getString("rows[0].domain"));
        assertEquals(5, json.getInt("rows[0].hard"));
        assertEquals(7, json.getInt("days"));
        given().get("/insights/domains/example.co.uk").then().statusCode(200)
                .body(containsString("aria-label=\"Bounces at example.co.uk\""))
                .body(containsString("@mail.example.co.uk"))
                .body(containsString("@example.co.uk"))
                .body(not(containsString("@other.co.uk")));
        given().get("/insights/domains/bravo-only.example").then().statusCode(200)
                .body(containsString("No bounces at bravo-only.example"));
    }

    @Test
    @TestSecurity(user = "dom-a-marketer", augmentors = MembershipAugmentor.class)
    void malformedParametersAre400() {
        given().get("/insights/domains?days=0").then().statusCode(400).body(containsString("Invalid days"));
        given().get("/insights/domains?days=91").then().statusCode(400).body(containsString("Invalid days"));
        given().get("/insights/domains?days=x").then().statusCode(400).body(containsString("Invalid days"));
        given().get("/insights/domains?min=-1").then().statusCode(400).body(containsString("Invalid min"));
        given().get("/insights/domains/report.json?min=99999999999").then().statusCode(400);
        given().get("/insights/domains/Not%20A%20Domain").then().statusCode(400).body(containsString("Invalid domain"));
    }
}
