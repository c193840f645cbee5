package app.rebound.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.insight.InsightFixtures;
import app.rebound.insight.InsightFixtures.Setup;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A marketer's path through the insights in real headless Chromium (Debian's, see BounceLogBrowserTest): the chart
 * page draws a campaign's bounce rate with Chart.js (served from the webjar, no CDN) from the same numbers as its
 * table, and the per-domain report drills down into one domain's bounces.
 */
@QuarkusTest
class InsightsBrowserTest {
    @TestHTTPResource("/")
    URL app;

    @Inject
    Fixtures fixtures;
    @Inject
    InsightFixtures insight;

    @Test
    void aMarketerChartsACampaignAndDrillsIntoADomain() throws IOException {
        String login = "charts-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = fixtures.aTenant("brcharts");
        fixtures.aMember(tenant, login, Role.MARKETER);
        Setup s = insight.setup(tenant);
        Instant sent = Instant.now().minus(Duration.ofDays(2));
        List<String> emails = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "c" + i + "@chart-domain.com").toList();
        List<Long> subs = insight.subscribers(s, emails);
        long campaign = insight.campaign(s, s.serverId(), "Chart Autumn <b>sale</b>", 10, sent);
        insight.deliveries(s, campaign, subs, "sent", sent);
        insight.subscriberBounce(s, campaign, subs.get(0), "5.1.1", sent.plusSeconds(60));
        insight.subscriberBounce(s, campaign, subs.get(1), "5.1.1", sent.plusSeconds(61));
        insight.subscriberBounce(s, campaign, subs.get(2), "4.2.2", sent.plusSeconds(62));

        ChromeDriver browser = BounceLogBrowserTest.startBrowser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            BounceLogBrowserTest.logIn(browser, wait, app.toString(), login);
            browser.findElement(By.cssSelector("a[href='/insights/charts']")).click();
            wait.until(ExpectedConditions.titleContains("Bounce rate over time"));
            WebElement form = browser.findElement(By.cssSelector("form[aria-label='Chart a campaign']"));
            new Select(form.findElement(By.name("key"))).selectByVisibleText("Chart Autumn <b>sale</b>");
            new Select(form.findElement(By.name("days"))).selectByVisibleText("7 days");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            // the chart is drawn from the JSON twin, and it says the same as the table
            WebElement canvas = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#bounce-chart[data-drawn=true]")));
            String day = sent.atZone(ZoneOffset.UTC).toLocalDate().toString();
            WebElement row = browser.findElement(By.xpath("//table[@aria-label='Bounce rate by day']//tr[td[1]='" + day + "']"));
            assertEquals(List.of(day, "10", "2", "20.0%", "1", "10.0%"),
                    row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
            Object drawn = browser.executeScript("""
                    var c = Chart.getChart(arguments[0]); var i = c.data.labels.indexOf(arguments[1]);
                    return c.data.datasets.map(function (d) { return d.label + '=' + d.data[i]; }).join('; ');""", canvas, day);
            assertEquals("Hard bounces (% of sends)=20; Soft only (% of sends)=10", drawn);
            assertTrue(browser.findElement(By.id("chart-title")).getText().contains("Chart Autumn <b>sale</b>"),
                    "the campaign's name is shown as text");
            BounceLogBrowserTest.screenshot("insights-chart");

            // the per-domain report, then its drill-down into the domain's bounces
            browser.findElement(By.cssSelector("a[href='/insights/domains']")).click();
            wait.until(ExpectedConditions.titleContains("Bounces by domain"));
            browser.get(app.toString().replaceAll("/$", "") + "/insights/domains?days=7&min=0");
            browser.findElement(By.cssSelector("a[aria-label='Bounces of chart-domain.com']")).click();
            wait.until(ExpectedConditions.urlContains("/insights/domains/chart-domain.com"));
            String page = browser.findElement(By.tagName("main")).getText();
            assertTrue(page.contains("c0@chart-domain.com") && page.contains("c2@chart-domain.com"), page);
            BounceLogBrowserTest.screenshot("insights-domain");
        } catch (RuntimeException | AssertionError e) {
            BounceLogBrowserTest.screenshot("insights-failure");
            throw e;
        }
    }

    @AfterAll
    static void quitBrowser() {
        BounceLogBrowserTest.quitBrowser();
    }
}
