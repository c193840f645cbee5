package app.rebound.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.Bounce;
import app.rebound.subscriber.Subscriber;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounce log row detail (code meaning, extracted fields) and the streamed CSV export, tenant-scoped. */
@QuarkusTest
class BounceLogLifecycleTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    app.rebound.testsupport.Db db;

    @BeforeEach
    void world() {
        if (a == null) {
            a = fixtures.aWorld(fixtures.aTenant("blog"), 130);
            fixtures.aSoftBounceAndStatus(a, "=cmd|' /C calc'!A0 452 4.2.2 <img src=x onerror=alert(1)> full", "why");
            b = fixtures.aWorld(fixtures.aTenant("blog-other"), 3);
        }
    }

    @Test
    @TestSecurity(user = "blog-fbl-marketer", augmentors = MembershipAugmentor.class)
    void aComplaintRowShowsItsSummaryNotTheReportsHeaders() {
        World w = fixtures.aWorld(fixtures.aTenant("blog-fbl"), 2);
        db.update("""
                update bounce set type = 'complaint', status_code = null, reason = 'feedback', feedback_type = 'abuse',
                       remote_mta = 'feedback.example-isp.net', provider_classification = '<b>spam</b>',
                       diagnostic = 'Feedback-Type: abuse' || chr(10) || 'User-Agent: ExampleFBL/1.0' || chr(10) || 'Version: 1'
                 where tenant_id = ? and id = ?""", w.tenantId(), w.bounceIds().get(0));
        for (boolean fragment : new boolean[] {false, true}) {
            var req = given();
            if (fragment) {
                req = req.header("HX-Request", "true");
            }
            String html = req.get("/campaigns/" + w.campaignId() + "/bounces").then().statusCode(200).extract().asString();
            assertTrue(html.contains("<span aria-label=\"Complaint summary\">Complaint: feedback type <strong>abuse</strong>, reported by"
                    + " feedback.example-isp.net (&lt;b&gt;spam&lt;/b&gt;)</span>"), html);
            assertFalse(html.contains("User-Agent: ExampleFBL"), "the report's headers are not the row's text");
            assertEquals(1, count(html, "Complaint summary"), "the other row is a hard bounce with its reply");
        }
    }

    /** Pages leave as UTF-8 bytes (app.rebound.web.Utf8StringWriter): a receiver's words outside Latin-1 arrive intact. */
    @Test
    @TestSecurity(user = "blog-utf8-marketer", augmentors = MembershipAugmentor.class)
    void aReplyOutsideLatin1IsServedAsUtf8() {
        World w = fixtures.aWorld(fixtures.aTenant("blog-utf8"), 2);
        String words = "552 5.2.2 Почтовый ящик переполнен — 邮箱已满 ✉ naïve";
        db.update("update bounce set diagnostic = ? where tenant_id = ? and id = ?", words, w.tenantId(), w.bounceIds().get(0));
        for (boolean fragment : new boolean[] {false, true}) {
            var req = given();
            if (fragment) {
                req = req.header("HX-Request", "true");
            }
            var response = req.get("/campaigns/" + w.campaignId() + "/bounces").then().statusCode(200).extract();
            assertTrue(response.contentType().toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("charset=utf-8"),
                    response.contentType());
            String html = new String(response.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(html.contains("<pre class=\"text\">" + words + "</pre>"), "the reply as sent, in UTF-8");
        }
    }

    @Test
    @TestSecurity(user = "blog-marketer", augmentors = MembershipAugmentor.class)
    void rowsExpandToTheCodeMeaningAndEveryExtractedField() {
        String page = given().get("/campaigns/" + a.campaignId() + "/bounces").then().statusCode(200)
                .body(containsString("<summary>Details</summary>"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(not(containsString("<img src=x")))
                .body(containsString(" UTC</time>"))
                .body(containsString("<a href=\"/subscribers/" + a.subscriberId() + "\">" + a.subscriberEmail() + "</a>"))
                .extract().asString();
        // each row's details load in place when it opens (htmx); without JavaScript its link opens them as a page
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("hx-get=\"(/campaigns/" + a.campaignId()
                + "/bounces/detail/[A-Za-z0-9_-]+)\"").matcher(page);
        java.util.List<String> links = new java.util.ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
            assertTrue(page.contains("<a href=\"" + m.group(1) + "\">"), "a no-JavaScript link to the same details");
        }
        assertEquals(50, links.size(), "one details link per row of the first page");
        StringBuilder fragments = new StringBuilder();
        String soft = null;
        for (String link : links) {
            String f = given().header("HX-Request", "true").get(link).then().statusCode(200)
                    .body(not(containsString("<html"))).extract().asString();
            fragments.append(f);
            if (f.contains("<code>4.2.2</code>")) {
                soft = link;
            }
        }
        String all = fragments.toString();
        for (String expected : java.util.List.of("aria-label=\"Code meaning\"",
                "<code>5.1.1</code>: Bad destination mailbox address: the mailbox does not exist", "What to do",
                "mailbox does not exist (<code>userunknown</code>)", "their side (the address)")) {
            assertTrue(all.contains(expected), expected);
        }
        // the soft bounce's details as a page (no JavaScript): the 4.2.2 meaning, its verbatim reply escaped
        assertNotNull(soft, "the soft bounce is on the first page");
        given().get(soft).then().statusCode(200)
                .body(containsString("<code>4.2.2</code>: Mailbox full"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(not(containsString("<img src=x")))
                .body(containsString("&larr; Bounce log of"));
        // another campaign's or a made-up position: 404; garbage: 400
        given().get(soft.replace("/campaigns/" + a.campaignId() + "/", "/campaigns/" + b.campaignId() + "/"))
                .then().statusCode(404);
        given().get("/campaigns/" + a.campaignId() + "/bounces/detail/" + new app.rebound.bounce.BounceCursor(
                java.time.Instant.parse("2020-01-01T00:00:00Z"), 1).token()).then().statusCode(404);
        given().get("/campaigns/" + a.campaignId() + "/bounces/detail/%3Cscript%3E").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "blog-marketer", augmentors = MembershipAugmentor.class)
    void exportStreamsEveryBounceOfTheCampaignAndNothingElse() throws Exception {
        String csv = given().get("/campaigns/" + a.campaignId() + "/bounces/export.csv").then().statusCode(200)
                .header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        long stored = db.count("select count(*) from bounce where tenant_id = ? and campaign_id = ?", a.tenantId(), a.campaignId());
        assertTrue(stored >= 131, "130 hard bounces, the soft one (and the live test's)");
        assertEquals(stored, rows.size(), "every bounce of the campaign, across export batches of 50");
        assertTrue(rows.stream().noneMatch(r -> r.get("recipient").contains("other-tenant")));
        CSVRecord soft = rows.stream().filter(r -> r.get("type").equals("soft")).findFirst().orElseThrow();
        assertTrue(soft.get("diagnostic").startsWith("'=cmd"), "formula defused: " + soft.get("diagnostic"));
        assertEquals("4.2.2", soft.get("status_code"));
        // another tenant's campaign: invisible
        given().get("/campaigns/" + b.campaignId() + "/bounces/export.csv").then().statusCode(404);
    }

    private void aLiveBounce(World w, String email) {
        runner.inTenant(w.tenantId(), () -> {
            Bounce x = Fixtures.aHardBounce(Campaign.findById(w.campaignId()), Subscriber.findById(w.subscriberId()),
                    Instant.now().minusSeconds(3600));
            x.recipientEmail = email;
            x.diagnostic = "550 5.1.1 <script>alert(2)</script>";
            x.persist();
            return null;
        });
    }

    @Test
    @TestSecurity(user = "blog-marketer", augmentors = MembershipAugmentor.class)
    void theOpenTabPollsAndNewBouncesOfThisCampaignOnlyAppear() {
        String page = given().get("/campaigns/" + a.campaignId() + "/bounces").then().statusCode(200)
                .body(containsString("hx-trigger=\"every 5s\"")).extract().asString();
        Matcher m = Pattern.compile("/bounces/live\\?since=(\\d+)").matcher(page);
        assertTrue(m.find(), "the page carries its poll URL");
        String since = m.group(1);
        String live = "/campaigns/" + a.campaignId() + "/bounces/live?since=" + since;
        given().header("HX-Request", "true").get(live).then().statusCode(200)
                .body(not(containsString("New since you opened")));
        aLiveBounce(a, "fresh-live@blog.example");
        aLiveBounce(b, "other-tenant-live@blog.example");
        given().header("HX-Request", "true").get(live).then().statusCode(200)
                .body(containsString("New since you opened this page: 1"))
                .body(containsString("fresh-live@blog.example"))
                .body(containsString("&lt;script&gt;alert(2)&lt;/script&gt;"))
                .body(not(containsString("other-tenant-live")))
                .body(not(containsString("<html")));
        given().get("/campaigns/" + b.campaignId() + "/bounces/live?since=" + since).then().statusCode(404);
        given().get("/campaigns/" + a.campaignId() + "/bounces/live?since=yesterday").then().statusCode(400);
        given().get("/campaigns/" + a.campaignId() + "/bounces/live?since=0").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "blog-marketer", augmentors = MembershipAugmentor.class)
    void everyFilterWorksAsAPageAndAsAFragmentAndStaysInTheLinks() throws Exception {
        String base = "/campaigns/" + a.campaignId() + "/bounces";
        // type: the single soft bounce, on the page and in the htmx fragment
        for (boolean htmx : new boolean[] {false, true}) {
            var spec = htmx ? given().header("HX-Request", "true") : given();
            String html = spec.get(base + "?type=soft").then().statusCode(200).extract().asString();
            assertEquals(1, count(html, "class=\"chip soft\">Soft</span></td>"), "one soft row");
            assertEquals(0, count(html, "class=\"chip hard\">Hard</span></td>"), "no hard row");
            assertEquals(htmx, !html.contains("<html"), "htmx gets the fragment");
        }
        // code class and subject, exact code, side
        String byClass = given().get(base + "?code=4.2").then().statusCode(200).extract().asString();
        assertEquals(1, count(byClass, "class=\"chip soft\">Soft</span></td>"));
        assertEquals(0, count(byClass, "class=\"chip hard\">Hard</span></td>"));
        String exact = given().get(base + "?code=5.1.1").then().statusCode(200).extract().asString();
        assertEquals(0, count(exact, "class=\"chip soft\">Soft</span></td>"));
        assertTrue(count(exact, "class=\"chip hard\">Hard</span></td>") > 0);
        assertTrue(exact.contains("type=&amp;") || exact.contains("code=5.1.1"), "filter kept in the links");
        assertTrue(exact.contains("before=") && exact.contains("&amp;code=5.1.1"), "Older keeps the filter");
        given().get(base + "?fault=sender").then().statusCode(200).body(containsString("No bounces"));
        given().get(base + "?investigate=1").then().statusCode(200).body(containsString("No bounces"));
        given().get(base + "?address=nobody-like-this").then().statusCode(200).body(containsString("No bounces"));
        String byAddress = given().get(base + "?address=" + a.subscriberEmail().substring(0, 8).toUpperCase())
                .then().statusCode(200).extract().asString();
        assertTrue(count(byAddress, "class=\"chip hard\">Hard</span></td>") > 0);
        // bad filter values are refused with a message
        given().get(base + "?type=bogus").then().statusCode(400).body(containsString("Unknown bounce type"));
        given().get(base + "?code=5.1.1.1").then().statusCode(400).body(containsString("5.1.1"));
        given().get(base + "?fault=x").then().statusCode(400);
        // the filtered export holds only the filtered rows
        String csv = given().get("/campaigns/" + a.campaignId() + "/bounces/export.csv?type=soft").then().statusCode(200)
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(1, rows.size());
        assertEquals("soft", rows.get(0).get("type"));
    }

    private static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
