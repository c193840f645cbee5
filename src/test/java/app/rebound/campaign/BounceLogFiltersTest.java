package app.rebound.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the reason, recipient-domain and date-range filters (page and htmx fragment, in the URL, 400 on bad
 * values), the stored counters and bounce rate on the campaign page and list, another tenant's campaign 404.
 */
@QuarkusTest
class BounceLogFiltersTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    TenantRunner runner;

    @BeforeEach
    void world() {
        if (a == null) {
            String ta = fixtures.aTenant("filt-a");
            String tb = fixtures.aTenant("filt-b");
            fixtures.aMember(ta, "filt-user", app.rebound.tenant.Role.MARKETER);
            fixtures.aMember(tb, "filt-other", app.rebound.tenant.Role.ADMIN);
            a = fixtures.aWorldWithDistinctRecipients(ta, 60);
            b = fixtures.aWorldWithDistinctRecipients(tb, 5);
            // three replies with words to find, hostile markup included; two at gmail.com; two in June 2025
            for (int i : new int[] {3, 17, 41}) {
                db.update("update bounce set diagnostic = ? where tenant_id = ? and id = ?",
                        "452 4.2.2 Over QUOTA <script>alert('x')</script> <b>bold</b>", a.tenantId(), a.bounceIds().get(i));
            }
            for (int i : new int[] {5, 6}) {
                db.update("update bounce set recipient_domain = 'gmail.com' where tenant_id = ? and id = ?", a.tenantId(),
                        a.bounceIds().get(i));
            }
            for (int i : new int[] {10, 11}) {
                db.update("update bounce set occurred_at = ? where tenant_id = ? and id = ?",
                        Timestamp.from(Instant.parse("2025-06-15T12:00:00Z").plusSeconds(i)), a.tenantId(), a.bounceIds().get(i));
            }
            // the other tenant has the same words: they must never show up in tenant a's log
            db.update("update bounce set diagnostic = 'Over quota', recipient_domain = 'gmail.com' where tenant_id = ?", b.tenantId());
            runner.inTenant(a.tenantId(), () -> CampaignBounceCount.recount(a.campaignId()));
        }
    }

    private static int rows(String html) {
        return html.split("class=\"chip hard\"", -1).length - 1;
    }

    /**
     * Rows over every page of a filtered log, following "Older" (a text search reads rebound.bounce-log.text-scan rows
     * a page, 40 in tests, and goes on from there).
     */
    private int rowsAcrossPages(String query) {
        int total = 0;
        String url = "/campaigns/" + a.campaignId() + "/bounces?" + query;
        java.util.regex.Pattern next = java.util.regex.Pattern.compile("href=\"(/campaigns/\\d+/bounces\\?before=[^\"]+)\" rel=\"next\"");
        for (int pages = 0; url != null; pages++) {
            assertTrue(pages < 20, "paging ends");
            // the links carry the query already encoded
            String html = given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().asString();
            total += rows(html);
            java.util.regex.Matcher m = next.matcher(html);
            url = m.find() ? m.group(1).replace("&amp;", "&") : null;
        }
        return total;
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void addressSearchFindsAnAddressOrItsBeginningInTheWholeCampaign() {
        // bounce 5 is the 55th newest: past the 40 rows a text search reads a page here (test setting)
        String email = (String) db.one("select recipient_email from bounce where tenant_id = ? and id = ?", a.tenantId(),
                a.bounceIds().get(5)).get("recipient_email");
        String local = email.substring(0, email.indexOf('@'));
        for (boolean fragment : new boolean[] {false, true}) {
            String html = page("address=" + local.toUpperCase(), fragment);
            assertEquals(1, rows(html), local);
            assertTrue(html.contains(email), "the address is on the first page");
            assertFalse(html.contains("id=\"search-limit\""), "an index search covers the campaign: no scan notice");
            assertFalse(html.contains("rel=\"next\""));
        }
        assertEquals(1, rows(page("address=" + email, false)), "the whole address");
        // an address stored with capitals is found by lower-case words (the index is on lower(recipient_email))
        String mixed = email.substring(0, 1).toUpperCase() + email.substring(1);
        db.update("update bounce set recipient_email = ? where tenant_id = ? and id = ?", mixed, a.tenantId(),
                a.bounceIds().get(5));
        assertEquals(1, rows(page("address=" + local, true)));
        // from the start, not inside: the middle of the local part matches nothing
        assertEquals(0, rowsAcrossPages("address=" + local.substring(2)));
        assertEquals(0, rowsAcrossPages("address=nobody-like-this"));
        // LIKE's wildcards are the user's characters: "r_0" is not "r-0"
        assertEquals(0, rowsAcrossPages("address=r_0"));
        // a beginning ten share (r-00x): under the index cap (20 in tests), all read from the index, one page
        String ten = page("address=r-00", true);
        assertEquals(10, rows(ten));
        assertFalse(ten.contains("id=\"search-limit\""));
        // a beginning all 60 share: past the cap, the bounded scan (40 rows a page in tests) says how far it read,
        // and "Older" finds the rest
        String all = page("address=r-0", false);
        assertEquals(40, rows(all));
        assertTrue(all.contains("id=\"search-limit\""));
        assertEquals(60, rowsAcrossPages("address=r-0"));
        // with other filters: under the cap they apply to every match; past it, an empty page is not the end
        assertEquals(10, rows(page("address=r-00&type=hard", true)));
        String none = page("address=r-00&type=soft", false);
        assertEquals(0, rows(none));
        assertFalse(none.contains("id=\"search-limit\""));
        assertTrue(page("address=r-0&type=soft", true).contains("id=\"search-limit\""),
                "60 matches, none soft in the 40 read: the page says how far the scan read");
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void addressSearchForADomainPartIsASubstringSearchBoundedPerPage() {
        String domain = a.tenantId() + ".example";
        assertEquals(60, rowsAcrossPages("address=%40"), "every recipient holds an @");
        assertEquals(60, rowsAcrossPages("address=%40" + domain.substring(0, 4).toUpperCase()));
        assertEquals(0, rowsAcrossPages("address=%40" + domain + ".not"));
        String first = page("address=@", true);
        assertEquals(40, rows(first), "the first page read the newest 40 rows only (no index serves a substring)");
        assertTrue(first.contains("id=\"search-limit\""));
    }

    private String page(String query, boolean fragment) {
        var req = given();
        if (fragment) {
            req = req.header("HX-Request", "true");
        }
        return req.get("/campaigns/" + a.campaignId() + "/bounces?" + query).then().statusCode(200).extract().asString();
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void reasonFilterFindsTheWordsCaseInsensitiveAndRendersMarkupAsText() {
        for (boolean fragment : new boolean[] {false, true}) {
            String html = page("reason=quota", fragment);
            assertTrue(html.contains("id=\"search-limit\""), "60 rows, 40 read a page (test setting): the page says so");
            assertFalse(html.contains("<script>alert"), "hostile text is escaped");
        }
        assertEquals(3, rowsAcrossPages("reason=quota"), "following Older finds every match once");
        String html = page("reason=quota", false);
        assertFalse(html.contains("<b>bold</b>"));
        given().get("/campaigns/" + a.campaignId() + "/bounces?reason=quota").then()
                .body(containsString("&lt;script&gt;")).body(containsString("value=\"quota\""));
        assertEquals(0, rows(page("reason=" + "no-such-words", false)));
        given().get("/campaigns/" + a.campaignId() + "/bounces?reason=" + "x".repeat(201)).then().statusCode(400)
                .body(containsString("at most 200"));
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void domainFilterIsExactAndRefusesNonDomains() {
        assertEquals(2, rows(page("domain=gmail.com", false)));
        assertEquals(2, rows(page("domain=GMAIL.com", true)));
        assertEquals(0, rows(page("domain=mail.com", false)));
        for (String bad : new String[] {"gmail..com", "%3Cscript%3E", "a%20b.com", "-x.com"}) {
            given().get("/campaigns/" + a.campaignId() + "/bounces?domain=" + bad).then().statusCode(400)
                    .body(containsString("domain name"));
        }
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void dateRangeIsInclusiveAndBadDatesAre400() {
        assertEquals(2, rows(page("from=2025-06-01&to=2025-06-15", false)));
        assertEquals(2, rows(page("from=2025-06-15&to=2025-06-15", true)));
        assertEquals(0, rows(page("from=2025-06-16&to=2025-06-30", false)));
        assertEquals(50, rows(page("from=2025-07-01", false)), "a full page of the 58 later ones");
        given().get("/campaigns/" + a.campaignId() + "/bounces?from=2025-13-01").then().statusCode(400)
                .body(containsString("year-month-day"));
        given().get("/campaigns/" + a.campaignId() + "/bounces?from=2025-06-02&to=2025-06-01").then().statusCode(400)
                .body(containsString("ends before it starts"));
        // the filters stay in the pager's and the export's links
        given().get("/campaigns/" + a.campaignId() + "/bounces?from=2025-07-01&domain=example.com").then().statusCode(200)
                .body(containsString("export.csv?domain=example.com&amp;from=2025-07-01"));
    }

    @Test
    @TestSecurity(user = "filt-user", augmentors = MembershipAugmentor.class)
    void countsAndRateComeFromTheStoredCounters() {
        given().get("/campaigns/" + a.campaignId()).then().statusCode(200)
                .body(containsString("Bounce log (60)"))
                .body(containsString("<dd id=\"count-hard\">60</dd>"))
                .body(containsString("<dd id=\"count-soft\">0</dd>"))
                .body(containsString("100.0 %"));
        given().get("/campaigns").then().statusCode(200)
                .body(containsString("<td class=\"num\">60</td>"))
                .body(containsString("100.0 %"));
        given().get("/campaigns/" + b.campaignId() + "/bounces?reason=quota").then().statusCode(404);
        given().get("/campaigns/" + a.campaignId() + "/bounces?reason=quota&domain=gmail.com").then().statusCode(200)
                .body(not(containsString(b.subscriberEmail())));
    }
}
