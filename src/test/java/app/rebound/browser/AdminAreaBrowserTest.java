package app.rebound.browser;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.outbound.DeliveryWorker;
import app.rebound.outbound.Receiver;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tenant admin area as an admin clicks through it in real headless Chromium: add a member, create an API token
 * (shown once, then usable by the CRM activity API), revoke it; create a webhook endpoint pointing at a real HTTP
 * receiver started by the test, send a test event, see the failed and the accepted attempt in the delivery log
 * (the receiver's HTML answer shown as text), redeliver. The delivery worker is off in tests: the test runs its rounds.
 */
@QuarkusTest
class AdminAreaBrowserTest {
    @TestHTTPResource("/")
    URL app;

    @Inject
    Fixtures fixtures;
    @Inject
    DeliveryWorker worker;
    @Inject
    Db db;

    ChromeDriver browser;
    WebDriverWait wait;

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private String flash() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("div.flash[role=status]"))).getText();
    }

    /**
     * Follows a link or presses a form's button, and waits for the next page to replace this one. The delivery log
     * replaces itself every 5 s (htmx), so finding and clicking are retried when they meet a replaced element.
     */
    private void go(String css) {
        // A mark on this page's window: the next page's window has none. (Waiting for the old <html> element to go
        // stale can meet Chromium's "node does not belong to the document" error while the old document unloads.)
        browser.executeScript("window.reboundOldPage = true;");
        wait.until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(browser.executeScript(
                        "return document.readyState === 'complete' && !window.reboundOldPage;")));
    }

    /** The delivery log's text; the log replaces itself every 5 s (htmx), so a read may meet a replaced element. */
    private String logText() {
        return wait.until(d -> d.findElement(By.id("delivery-log")).getText());
    }

    /** From the admin page, follows one of its links. */
    private void openFromAdmin(String href, String title) {
        go("nav[aria-label='Main'] a[href='/admin']");
        go("ul[aria-label='Admin area'] a[href='" + href + "']");
        wait.until(ExpectedConditions.titleContains(title));
    }

    /** Runs the delivery worker for this tenant's endpoint only (the worker serves every tenant). */
    private void deliver(String tenant) {
        db.update("update outbound_endpoint set enabled = false where tenant_id <> ?", tenant);
        worker.drain(Instant.now());
    }

    @Test
    void anAdminManagesMembersTokensAndWebhooks() throws IOException {
        String login = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = fixtures.aTenant("bradmin");
        fixtures.aMember(tenant, login, Role.ADMIN);
        browser = BounceLogBrowserTest.startBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        try (Receiver receiver = new Receiver()) {
            BounceLogBrowserTest.logIn(browser, wait, app.toString(), login);

            // Members: add a colleague by e-mail as support; the membership waits for their first login.
            openFromAdmin("/admin/members", "Members");
            find("#member-email").sendKeys("colleague@example.com");
            new Select(find("#member-role")).selectByValue("support");
            go("form[aria-label='Add a member'] button[type=submit]");
            assertTrue(flash().contains("colleague@example.com was added"), flash());
            WebElement row = find("table[aria-label='Members']").findElement(By.xpath(".//tr[contains(., 'colleague@example.com')]"));
            assertTrue(row.getText().contains("waits for the first login"), row.getText());
            assertTrue(row.getText().contains("support"), row.getText());
            assertEquals(1L, db.count("select count(*) from membership where tenant_id = ? and email = 'colleague@example.com' "
                    + "and role = 'support'", tenant));

            // API tokens: created and shown once; the CRM activity API takes it; the list shows only its prefix.
            openFromAdmin("/api-tokens", "API tokens");
            find("#token-name").sendKeys("CRM sync");
            go("form[aria-label='Create an API token'] button[type=submit]");
            String token = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[aria-label='New API token']"))).getText();
            assertTrue(token.startsWith("rbd_"), token);
            String activity = "{\"email\": \"someone@example.com\", \"source\": \"crm\", \"kind\": \"login\", "
                    + "\"occurred_at\": \"" + Instant.now().minusSeconds(60) + "\"}";
            given().header("Authorization", "Bearer " + token).contentType("application/json").body(activity)
                    .post("/api/v1/activity").then().statusCode(200);
            browser.get(app.toString().replaceAll("/$", "") + "/api-tokens"); // the list again: the token is not shown
            wait.until(ExpectedConditions.titleContains("API tokens"));
            assertTrue(browser.findElements(By.cssSelector("[aria-label='New API token']")).isEmpty());
            assertFalse(browser.getPageSource().contains(token), "the token is shown once only");
            WebElement tokenRow = find("table[aria-label='API tokens']").findElement(By.xpath(".//tr[contains(., 'CRM sync')]"));
            assertFalse(tokenRow.getText().contains("never"), "last use shown: " + tokenRow.getText());
            go("button[aria-label='Revoke token CRM sync']");
            assertEquals("The token was revoked.", flash());
            assertTrue(find("table[aria-label='API tokens']").getText().contains("revoked"));
            given().header("Authorization", "Bearer " + token).contentType("application/json").body(activity)
                    .post("/api/v1/activity").then().statusCode(401);

            // Webhooks: a new endpoint at the receiver; its signing secret is shown once.
            openFromAdmin("/admin/webhooks", "API & Webhooks");
            find("#wh-url").sendKeys(receiver.url());
            find("#wh-description").sendKeys("Test CRM");
            find("input[name=events][value='subscriber.bounced']").click();
            go("form[aria-label='New outgoing webhook endpoint'] button[type=submit]");
            String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[aria-label='Signing secret']"))).getText();
            assertTrue(secret.startsWith("whsec_"), secret);
            receiver.secret = secret;

            // Send test event: the receiver fails the first request with an HTML page, then accepts.
            receiver.failing = n -> n == 1;
            go("form[action$='/test'] button[type=submit]");
            assertTrue(flash().startsWith("Test event "), flash());
            assertTrue(logText().contains("1 waiting · 0 delivered"), logText());
            deliver(tenant);
            // no reload: the log refreshes itself
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("delivery-log"), "HTTP 503"));
            String log = logText();
            assertTrue(log.contains("1 waiting · 0 delivered · 0 dead-lettered"), log);
            assertTrue(log.contains("test"), log);
            assertEquals("<h1>down for maintenance</h1>",
                    wait.until(d -> d.findElement(By.cssSelector("#delivery-log table[aria-label='Attempts'] pre.excerpt")).getText()),
                    "the receiver's answer shown as text");
            assertTrue(browser.findElements(By.cssSelector("#delivery-log h1")).isEmpty(), "never rendered as HTML");
            BounceLogBrowserTest.screenshot("admin-webhook-failed-attempt");

            // Redeliver now instead of waiting for the retry: accepted, signed, once.
            go("#delivery-log button[aria-label^='Redeliver']");
            assertEquals("Delivery queued again with the same event id.", flash());
            deliver(tenant);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("delivery-log"), "1 delivered"));
            log = logText();
            assertTrue(log.contains("0 waiting · 1 delivered · 0 dead-lettered"), log);
            assertEquals(2, wait.until(d -> d.findElements(By.cssSelector("#delivery-log table[aria-label='Attempts'] tbody tr"))
                    .stream().map(WebElement::getText).filter(t -> t.contains(" ms")).count()).intValue(), log);
            assertEquals(2, receiver.requests.get());
            assertEquals(1, receiver.processed.size());
            assertEquals(0, receiver.badSignatures.get());

            // Redelivering the delivered event sends it again with the same id: the idempotent receiver ignores it.
            go("#delivery-log button[aria-label^='Redeliver']");
            assertEquals("Delivery queued again with the same event id.", flash());
            deliver(tenant);
            assertEquals(3, receiver.requests.get());
            assertEquals(1, receiver.processed.size());
            assertEquals(1, receiver.duplicates.get());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("delivery-log"), "0 waiting · 1 delivered"));
            BounceLogBrowserTest.screenshot("admin-webhook-redelivered");
        } catch (Throwable t) {
            BounceLogBrowserTest.screenshot("admin-failure");
            Files.writeString(BounceLogBrowserTest.SCREENSHOTS.resolve("admin-failure.html"),
                    String.valueOf(browser.getPageSource()), StandardCharsets.UTF_8);
            throw t;
        }
    }

    @AfterAll
    static void quitBrowser() {
        BounceLogBrowserTest.quitBrowser();
    }
}
