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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounce rates from the per-recipient sends: charts (campaign, server, domain), per-domain rates, provider grouping. */
@QuarkusTest
class InsightChartsTest {
    static Setup a;
    static Setup b;
    static long c1;
    static long c2;
    static long bCampaign;
    static final LocalDate DAY1 = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    static final LocalDate DAY2 = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;
    @Inject
    DomainReport reports;
    @Inject
    TenantRunner runner;

    static Instant at(LocalDate d, int hour) {
        return d.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @BeforeEach
    void world() {
        if (a != null) {
            return;
        }
        a = insight.setup(fixtures.aTenant("chart-a"));
        b = insight.setup(fixtures.aTenant("chart-b"));
        c1 = insight.campaign(a, a.serverId(), "Day one", 10, at(DAY1, 9));
        c2 = insight.campaign(a, a.serverId(), "Day two", 5, at(DAY2, 9));
        List<Long> g = insight.subscribers(a, List.of("g1@gmail.com", "g2@gmail.com", "g3@gmail.com", "g4@gmail.com"));
        List<Long> e = insight.subscribers(a, List.of("e1@mail.example.co.uk", "e2@mail.example.co.uk", "e3@example.co.uk",
                "e4@example.co.uk", "e5@example.co.uk", "e6@example.co.uk"));
        List<Long> h = insight.subscribers(a, List.of("h1@hotmail.co.uk", "h2@hotmail.co.uk", "h3@outlook.com", "h4@live.fr",
                "h5@live.fr"));
        insight.deliveries(a, c1, g, "sent", at(DAY1, 10));
        insight.deliveries(a, c1, e, "sent", at(DAY1, 10));
        insight.deliveries(a, c2, h, "sent", at(DAY2, 10));
        insight.subscriberBounce(a, c1, g.get(0), "5.1.1", at(DAY1, 11));
        insight.subscriberBounce(a, c1, g.get(1), "4.2.2", at(DAY1, 11));
        insight.subscriberBounce(a, c1, g.get(2), "4.2.2", at(DAY1, 11));
        insight.subscriberBounce(a, c1, g.get(2), "5.1.1", at(DAY2, 11)); // soft, later hard: counts as hard
        insight.subscriberBounce(a, c1, e.get(0), "5.7.1", at(DAY1, 11));
        insight.subscriberBounce(a, c2, h.get(0), "5.1.1", at(DAY2, 11));
        insight.subscriberBounce(a, c2, h.get(3), "4.7.0", at(DAY2, 11));
        // the other tenant: same domains, many bounces, never counted in A
        bCampaign = insight.campaign(b, b.serverId(), "Bravo", 3, at(DAY1, 9));
        List<Long> bg = insight.subscribers(b, List.of("x1@gmail.com", "x2@gmail.com", "x3@hotmail.co.uk"));
        insight.deliveries(b, bCampaign, bg, "sent", at(DAY1, 10));
        for (long id : bg) {
            insight.subscriberBounce(b, bCampaign, id, "5.1.1", at(DAY1, 11));
        }
    }

    private static Map<String, Object> day(JsonPath json, LocalDate d) {
        return json.getList("points", Map.class).stream().filter(p -> d.toString().equals(p.get("day"))).findFirst()
                .map(m -> (Map<String, Object>) m).orElseThrow();
    }

    private static void assertDay(JsonPath json, LocalDate d, int sends, int hard, int soft) {
        Map<String, Object> p = day(json, d);
        assertEquals(List.of(sends, hard, soft), List.of(p.get("sends"), p.get("hard"), p.get("soft")), d.toString());
    }

    @Test
    @TestSecurity(user = "chart-a-marketer", augmentors = MembershipAugmentor.class)
    void seriesPerCampaignServerAndDomainSplitByType() {
        JsonPath camp = given().get("/insights/charts/series.json?scope=campaign&key=" + c1 + "&days=30").then()
                .statusCode(200).contentType("application/json").extract().jsonPath();
        assertEquals(30, camp.getList("points").size(), "one point per day: today and the 29 before, empty days included");
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), camp.getString("points[29].day"));
        assertDay(camp, DAY1, 10, 3, 1);
        assertDay(camp, DAY2, 0, 0, 0);

        JsonPath server = given().get("/insights/charts/series.json?scope=server&key=" + a.serverId() + "&days=7").then()
                .statusCode(200).extract().jsonPath();
        assertDay(server, DAY1, 10, 3, 1);
        assertDay(server, DAY2, 5, 1, 1);

        JsonPath domain = given().get("/insights/charts/series.json?scope=domain&key=example.co.uk&days=7").then()
                .statusCode(200).extract().jsonPath();
        assertDay(domain, DAY1, 6, 1, 0); // mail.example.co.uk and example.co.uk together
        JsonPath gmail = given().get("/insights/charts/series.json?scope=domain&key=gmail.com&days=7").then()
                .statusCode(200).extract().jsonPath();
        assertDay(gmail, DAY1, 4, 2, 1); // the other tenant's gmail.com sends and bounces are not here
    }

    @Test
    @TestSecurity(user = "chart-a-marketer", augmentors = MembershipAugmentor.class)
    void chartPageIsCspSafeWithATableOfTheNumbers() {
        given().get("/insights/charts?scope=campaign&key=" + c1 + "&days=30").then().statusCode(200)
                .body(containsString("data-chart-src=\"/insights/charts/series.json?scope=campaign&amp;key=" + c1 + "&amp;days=30\""))
                .body(containsString("<script src=\"/webjars/chart.js/dist/chart.umd.js\" defer></script>"))
                .body(containsString("<script src=\"/static/insight-charts.js\" defer></script>"))
                .body(not(containsString("<script>")))
                .body(containsString("aria-label=\"Bounce rate by day\""))
                .body(containsString("<td>" + DAY1 + "</td><td>10</td><td>3</td><td>30.0%</td><td>1</td><td>10.0%</td>"));
        given().get("/insights/charts").then().statusCode(200).body(containsString("aria-label=\"Chart a campaign\""))
                .body(containsString(">Day one</option>")).body(not(containsString(">Bravo</option>")));
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200).body(containsString("Chart.js"));
        given().get("/static/insight-charts.js").then().statusCode(200).body(containsString("data-chart-src"));
    }

    @Test
    @TestSecurity(user = "chart-a-marketer", augmentors = MembershipAugmentor.class)
    void badParametersAndOtherTenantsIds() {
        given().get("/insights/charts/series.json?scope=campaign&key=" + bCampaign).then().statusCode(404);
        given().get("/insights/charts/series.json?scope=server&key=" + b.serverId()).then().statusCode(404);
        given().get("/insights/charts?scope=campaign&key=" + bCampaign).then().statusCode(404);
        given().get("/insights/charts/series.json?scope=planet&key=1").then().statusCode(400)
                .body(containsString("Invalid scope"));
        given().get("/insights/charts/series.json?scope=campaign&key=abc").then().statusCode(400);
        given().get("/insights/charts/series.json?scope=campaign&key=99999999999999999999").then().statusCode(400);
        given().get("/insights/charts/series.json?scope=domain&key=%3Cscript%3E").then().statusCode(400)
                .body(containsString("Invalid domain"));
        given().get("/insights/charts/series.json?scope=campaign&key=" + c1 + "&days=91").then().statusCode(400);
        given().get("/insights/charts/series.json?scope=campaign&key=" + c1 + "&days=0").then().statusCode(400);
    }

    private Report report(boolean byProvider) {
        return runner.inTenant(a.tenantId(), () -> reports.build(Instant.now(), 7, 0, byProvider));
    }

    private static Map<String, Row> rows(Report r) {
        return r.rows().stream().collect(Collectors.toMap(Row::domain, Function.identity()));
    }

    @Test
    void perDomainBounceRateFromTheSends() {
        Map<String, Row> rows = rows(report(false));
        Row gmail = rows.get("gmail.com");
        assertEquals(4, gmail.total());
        assertEquals(4, gmail.sends(), "the other tenant's gmail.com sends are not counted");
        assertEquals(3, gmail.bouncedSends());
        assertEquals("75.0% (3 of 4 sends)", gmail.rateText());
        assertEquals("16.7% (1 of 6 sends)", rows.get("example.co.uk").rateText());
        assertEquals("50.0% (1 of 2 sends)", rows.get("hotmail.co.uk").rateText());
        assertFalse(rows.containsKey("outlook.com"), "sent to, never bounced: not a bounce row");
    }

    @Test
    void groupingByReceivingProvider() {
        Map<String, Row> rows = rows(report(true));
        Row ms = rows.get(ReceivingProviderTest.MICROSOFT);
        assertEquals(List.of("hotmail.co.uk", "live.fr"), ms.members());
        assertEquals(2, ms.total());
        assertEquals(1, ms.hard());
        assertEquals(1, ms.soft());
        assertEquals(5, ms.sends(), "hotmail.co.uk, outlook.com and live.fr sends together");
        assertEquals(2, ms.bouncedSends());
        assertEquals(2, ms.distinctCodes());
        assertTrue(ms.isProvider());
        assertEquals(List.of("gmail.com"), rows.get("Google (Gmail)").members());
        assertFalse(rows.get("example.co.uk").isProvider(), "a domain of no listed provider stays itself");
        assertFalse(rows.containsKey("hotmail.co.uk"));
    }

    @Test
    @TestSecurity(user = "chart-a-marketer", augmentors = MembershipAugmentor.class)
    void domainPageShowsRatesAndProviderGroups() {
        given().get("/insights/domains?min=0").then().statusCode(200)
                .body(containsString("75.0% (3 of 4 sends)"))
                .body(containsString("aria-label=\"Chart of gmail.com\""));
        given().get("/insights/domains?min=0&group=provider").then().statusCode(200)
                .body(containsString("Microsoft consumer (Outlook.com):"))
                .body(containsString("aria-label=\"Bounces of live.fr\""));
        JsonPath json = given().get("/insights/domains/report.json?min=0&group=provider").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(json.getBoolean("byProvider"));
        given().get("/insights/domains?group=isp").then().statusCode(400).body(containsString("Invalid group"));
    }
}
