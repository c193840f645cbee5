package app.rebound.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's path through login and the bounce log, in real headless Chromium: the app sends an anonymous
 * visitor to the OIDC dev server, the visitor logs in through its page (custom user form), lands back in
 * Rebound, opens a campaign and pages through its bounce log with the htmx "Older bounces" link.
 * <p>
 * Chromium and ChromeDriver come from Debian ({@value #CHROMIUM}, {@value #CHROMEDRIVER}); both paths are
 * given explicitly so Selenium Manager never runs (it would try to download a driver). If they are missing
 * the test fails rather than skips: CI installs them.
 */
@QuarkusTest
class BounceLogBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int BOUNCES = 120;
    static final int PAGE_SIZE = 50;

    static ChromeDriver driver;

    @TestHTTPResource("/")
    URL app;

    @Inject
    Fixtures fixtures;

    @Test
    void anonymousVisitorIsSentToTheOidcLogin() {
        given().redirects().follow(false).get("/campaigns").then().statusCode(302)
                .header("Location", allOf(startsWith(oidcServer() + "/authorize?"),
                        containsString("client_id=quarkus-app"), containsString("response_type=code")));
    }

    @Test
    void logsInThroughTheOidcPageAndPagesThroughTheBounceLog() throws IOException {
        // The dev server's custom form accepts any name; it becomes both the token's sub and the principal
        // name, which is what MembershipAugmentor matches. Unique per run so no other membership interferes.
        String login = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = fixtures.aTenant("browser");
        fixtures.aMember(tenant, login, Role.MARKETER);
        World world = fixtures.aWorldWithDistinctRecipients(tenant, BOUNCES);

        ChromeDriver browser = startBrowser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        String base = app.toString().replaceAll("/$", "");
        try {
            // 1.-3. Anonymous visit, the OIDC dev server's login page, back in Rebound as that member.
            logIn(browser, wait, app.toString(), login);
            WebElement user = browser.findElement(By.cssSelector("header .user"));
            assertEquals(login + " · marketer", user.getText(), "header shows the logged-in member and role");

            // 4. The campaign list, through the main navigation, then the campaign.
            browser.findElement(By.cssSelector("nav[aria-label='Main'] a[href='/campaigns']")).click();
            wait.until(ExpectedConditions.titleContains("Campaigns"));
            WebElement campaignLink = browser.findElement(By.cssSelector(
                    "table[aria-label='Campaigns'] a[href='/campaigns/" + world.campaignId() + "']"));
            String campaignName = campaignLink.getText();
            assertTrue(campaignName.startsWith("Black Friday "), campaignName);
            campaignLink.click();

            // 5. The campaign opens on its Bounce log tab with the newest 50 bounces.
            wait.until(ExpectedConditions.urlToBe(base + "/campaigns/" + world.campaignId()));
            WebElement tab = browser.findElement(By.cssSelector("nav[aria-label='Campaign sections'] a[aria-current='page']"));
            assertEquals("Bounce log (" + BOUNCES + ")", tab.getText());
            assertEquals(campaignName, browser.findElement(By.tagName("h1")).getText());
            List<List<String>> pages = new ArrayList<>();
            pages.add(recipientsShown());
            assertEquals(PAGE_SIZE, pages.get(0).size(), "the first page shows the newest 50 bounces");
            screenshot("bounce-log-page-1");

            // 6. "Older bounces" swaps the rows in place (htmx, no page load) and pushes the page's URL.
            ((JavascriptExecutor) browser).executeScript("window.reboundSamePage = true;");
            List<WebElement> older = browser.findElements(By.cssSelector("a[aria-label='Older bounces']"));
            while (!older.isEmpty()) {
                WebElement link = older.get(0);
                String href = link.getAttribute("href");
                assertTrue(href.contains("/bounces?before="), "the link keeps a real href: " + href);
                WebElement log = browser.findElement(By.id("bounce-log"));
                link.click();
                wait.until(ExpectedConditions.stalenessOf(log));
                wait.until(ExpectedConditions.urlToBe(href));
                assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.reboundSamePage === true;"),
                        "paging must be an htmx swap, not a full page load");
                assertEquals("Bounce log (" + BOUNCES + ")", browser.findElement(
                        By.cssSelector("nav[aria-label='Campaign sections'] a[aria-current='page']")).getText(),
                        "the page around the log stays");
                pages.add(recipientsShown());
                older = browser.findElements(By.cssSelector("a[aria-label='Older bounces']"));
                assertTrue(pages.size() <= BOUNCES / PAGE_SIZE + 1, "paging must end");
            }
            screenshot("bounce-log-last-page");

            // 7. Three pages of 50, 50 and 20 distinct recipients: every bounce once, newest first.
            assertEquals(List.of(50, 50, 20), pages.stream().map(List::size).toList());
            List<String> all = pages.stream().flatMap(List::stream).toList();
            assertEquals(BOUNCES, new HashSet<>(all).size(), "no recipient appears on two pages");
            List<String> expected = IntStream.range(0, BOUNCES).mapToObj(i -> "r-%03d-".formatted(i))
                    .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
            Collections.reverse(expected);
            assertEquals(expected, all.stream().map(r -> r.substring(0, 6)).toList(), "newest first across pages");
            assertTrue(browser.findElements(By.linkText("Newest")).size() == 1, "the last page links back to the newest");
        } catch (Throwable t) {
            screenshot("failure");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), String.valueOf(browser.getPageSource()), StandardCharsets.UTF_8);
            throw t;
        }
    }

    /**
     * Logs in as a person would: the anonymous visit is sent to the OIDC dev server's login page; open "Custom
     * user", type a name, press Login; back in Rebound with the header showing who is logged in.
     */
    static void logIn(ChromeDriver browser, WebDriverWait wait, String appUrl, String login) {
        String base = appUrl.replaceAll("/$", "");
        browser.get(appUrl);
        wait.until(ExpectedConditions.urlContains(oidcServer()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("predefined-alice")));
        browser.findElement(By.cssSelector("summary.custom-link")).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form.custom-form input[name=name]")));
        name.sendKeys(login);
        browser.findElement(By.cssSelector("form.custom-form input[name=roles]")).sendKeys("user");
        browser.findElement(By.cssSelector("form.custom-form button[name=login]")).click();
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(base) + "(/.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header .user")));
    }

    /** The recipient column of the bounce log as shown. */
    private static List<String> recipientsShown() {
        return driver.findElements(By.cssSelector("#bounce-log table[aria-label='Bounce log'] tbody tr:not(.detail) td:first-child"))
                .stream().map(WebElement::getText).toList();
    }

    static ChromeDriver startBrowser() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            fail("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        // Belt and braces: with an explicit driver and binary Selenium Manager is never consulted.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path profile = Files.createTempDirectory(target, "chrome-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    static void screenshot(String name) {
        if (driver == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save screenshot " + name + ": " + e);
        }
    }

    /** The OIDC dev server's base URL, as Dev Services configured it for the app. */
    static String oidcServer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/$", "");
    }

    @AfterAll
    static void quitBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
