package app.rebound.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.tenant.Role;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 10's whole flow as a support person clicks it, in Debian's headless Chromium: filter the bounce log (htmx,
 * the filter in the URL), expand a row in place, see a bounce that arrives while the page is open appear without a
 * reload, export the filtered log as CSV, re-add a bounced subscriber with a recorded direct request, and see a bulk
 * re-add refused with the reason.
 */
@QuarkusTest
class LifecycleBrowserTest {
    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL app;

    @Inject
    Fixtures fixtures;
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Db db;

    @Test
    void filterExpandLiveBounceExportReaddAndBulkRefusal() throws IOException {
        String login = "life-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = fixtures.aTenant("lifeb");
        fixtures.aMember(tenant, login, Role.SUPPORT);
        World world = fixtures.aWorldWithDistinctRecipients(tenant, 4); // four hard 5.1.1 bounces, r-000 … r-003
        fixtures.aSoftBounceAndStatus(world, "452 4.2.2 The email account that you tried to reach is over quota",
                "Mailbox full, retries exhausted"); // r-003 also gets a soft bounce and is bounced
        String base = app.toString().replaceAll("/$", "");

        browser = BounceLogBrowserTest.startBrowser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        JavascriptExecutor js = browser;
        try {
            BounceLogBrowserTest.logIn(browser, wait, app.toString(), login);
            browser.get(base + "/campaigns/" + world.campaignId() + "/bounces");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label='Bounce log']")));
            assertEquals(5, rows().size());

            // 1. Filter by type (htmx swap of the rows; the filter goes into the URL)
            js.executeScript("window.reboundSamePage = true;");
            WebElement log = browser.findElement(By.id("bounce-log"));
            new Select(browser.findElement(By.id("f-type"))).selectByValue("soft");
            browser.findElement(By.cssSelector("form[aria-label='Filter the bounce log'] button[type=submit]")).click();
            wait.until(ExpectedConditions.stalenessOf(log));
            wait.until(ExpectedConditions.urlContains("type=soft"));
            assertEquals(1, rows().size(), "only the soft bounce");
            assertTrue(rows().get(0).getText().contains("4.2.2"), rows().get(0).getText());
            assertEquals(Boolean.TRUE, js.executeScript("return window.reboundSamePage === true;"), "filtering is an htmx swap");

            // 2. Expand the row in place: the code's meaning and what to do, loaded into the row when it opens
            WebElement details = browser.findElement(By.cssSelector("#bounce-log details"));
            details.findElement(By.tagName("summary")).click();
            WebElement meaning = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(details,
                    By.cssSelector("[aria-label='Code meaning']"))).get(0);
            assertTrue(meaning.getText().contains("4.2.2"), meaning.getText());
            assertTrue(details.findElement(By.cssSelector("[aria-label='Extracted fields']")).getText().contains("mailbox is full"),
                    details.getText());
            assertEquals(Boolean.TRUE, js.executeScript("return window.reboundSamePage === true;"), "expanding is in place, no page load");

            // 3. Export the filtered log: the CSV the link answers holds the header and the one soft bounce
            String href = browser.findElement(By.cssSelector("a[aria-label='Export the bounce log as CSV']")).getAttribute("href");
            assertTrue(href.contains("type=soft"), "the export keeps the filter: " + href);
            Object csv = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + '\\n' + r.headers.get('content-type') + '\\n' + t)))"
                    + ".catch(e => done('failed ' + e));", href);
            List<String> lines = ((String) csv).lines().toList();
            assertEquals("200", lines.get(0), String.valueOf(csv));
            assertTrue(lines.get(1).startsWith("text/csv"), lines.get(1));
            assertEquals(4, lines.size(), "status, type, header and one row: " + csv);
            assertTrue(lines.get(2).toLowerCase().contains("recipient"), lines.get(2));
            assertTrue(lines.get(3).contains(world.subscriberEmail()) && lines.get(3).contains("over quota"), lines.get(3));

            // 3b. Search by address: the beginning of one address, typed in capitals, finds its bounce (htmx swap,
            // the search in the URL)
            browser.get(base + "/campaigns/" + world.campaignId() + "/bounces");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label='Bounce log']")));
            js.executeScript("window.reboundSamePage = true;");
            String target = (String) db.one("select email from subscriber where tenant_id = ? and list_id = ? and email like 'r-001-%'",
                    tenant, world.listId()).get("email");
            WebElement unfiltered = browser.findElement(By.id("bounce-log"));
            browser.findElement(By.id("f-address")).sendKeys(target.substring(0, target.indexOf('@')).toUpperCase());
            browser.findElement(By.cssSelector("form[aria-label='Filter the bounce log'] button[type=submit]")).click();
            wait.until(ExpectedConditions.stalenessOf(unfiltered));
            wait.until(ExpectedConditions.urlContains("address="));
            assertEquals(1, rows().size(), "only " + target);
            assertTrue(rows().get(0).getText().contains(target), rows().get(0).getText());
            assertEquals(Boolean.TRUE, js.executeScript("return window.reboundSamePage === true;"), "searching is an htmx swap");

            // 4. A bounce arrives while the page is open: it appears without a reload
            browser.get(base + "/campaigns/" + world.campaignId() + "/bounces");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label='Bounce log']")));
            js.executeScript("window.reboundSamePage = true;");
            long live = fixtures.someSubscribers(world, "live", "example.net", 1).get(0);
            Verp verp = verpKeys.activeKey(tenant);
            String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(live), "bounces." + tenant + ".test");
            inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822", BounceMails.dsn(BounceMails.aBounce(rp,
                    "live-000@example.net", "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist")), "test", null));
            worker.drain();
            WebElement fresh = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label='New bounces'] tbody tr")));
            assertTrue(fresh.getText().contains("live-000@example.net"), fresh.getText());
            assertEquals(Boolean.TRUE, js.executeScript("return window.reboundSamePage === true;"), "no reload");

            // 5. Re-add the soft-bounced subscriber with a recorded direct request
            browser.get(base + "/subscribers/" + world.subscriberId());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[aria-label='Re-add on a recorded direct request']")));
            WebElement form = browser.findElement(By.cssSelector("form[aria-label='Re-add on a recorded direct request']"));
            String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
            js.executeScript("arguments[0].value = arguments[1];", form.findElement(By.id("readd-when")), when);
            new Select(form.findElement(By.id("readd-how"))).selectByValue("phone");
            form.findElement(By.id("readd-note")).sendKeys("Called support: the mailbox is cleaned up, wants the newsletter back");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            WebElement flash = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
            assertTrue(flash.getText().startsWith("Re-subscribed on the recorded request"), flash.getText());
            assertEquals("Subscribed", browser.findElement(By.cssSelector("dl[aria-label='Subscriber'] .chip")).getText());
            assertTrue(browser.findElement(By.cssSelector("table[aria-label='Re-adds']")).getText().contains("Recorded direct request"));
            assertEquals("subscribed", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant,
                    world.subscriberId()).get("status"));

            // 6. Bulk re-add: select the other bounced subscribers and ask; refused with the reason, nothing changes
            db.update("update subscriber set status = 'bounced' where tenant_id = ? and list_id = ? and email like 'r-00%'"
                    + " and id <> ?", tenant, world.listId(), world.subscriberId());
            browser.get(base + "/subscribers?q=r-00");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label='Subscribers']")));
            List<WebElement> boxes = browser.findElements(By.cssSelector("table[aria-label='Subscribers'] input[type=checkbox]"));
            assertEquals(3, boxes.size(), "the three bounced ones can be selected");
            boxes.forEach(WebElement::click);
            browser.findElement(By.cssSelector("button[form='bulk-readd']")).click();
            WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.error[role=alert]")));
            assertEquals("409", refusal.getAttribute("data-status"));
            assertTrue(refusal.getText().contains("Bulk re-add is refused"), refusal.getText());
            assertTrue(refusal.getText().contains("bounce-rate damage compounds"), refusal.getText());
            assertEquals(3L, db.count("select count(*) from subscriber where tenant_id = ? and list_id = ? and status = 'bounced'"
                    + " and email like 'r-00%'", tenant, world.listId()), "the three selected stay bounced");
            BounceLogBrowserTest.screenshot("lifecycle-bulk-refused");
        } catch (Throwable t) {
            BounceLogBrowserTest.screenshot("lifecycle-failure");
            Files.writeString(BounceLogBrowserTest.SCREENSHOTS.resolve("lifecycle-failure.html"), String.valueOf(browser.getPageSource()),
                    StandardCharsets.UTF_8);
            throw t;
        }
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#bounce-log table[aria-label='Bounce log'] tbody tr:not(.detail)"));
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
            browser = null;
            BounceLogBrowserTest.driver = null;
        }
    }
}
