package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriberResourceTest {
    private static final Pattern NEXT = Pattern.compile("href=\"/subscribers\\?q=([^&\"]*)&amp;after=([A-Za-z0-9_-]+)\" rel=\"next\"");
    private static final Pattern EMAIL = Pattern.compile("<a href=\"/subscribers/\\d+\">([^<]+)</a>");
    static World a;
    static World b;
    static List<Long> many;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (a == null) {
            String ta = fixtures.aTenant("subs-a");
            String tb = fixtures.aTenant("subs-b");
            fixtures.aMember(ta, "subs-user", Role.MARKETER);
            a = fixtures.aWorld(ta, 3);
            b = fixtures.aWorld(tb, 1);
            many = fixtures.someSubscribers(a, "pager", "many.example", 120);
            fixtures.someSubscribers(b, "pager", "many.example", 5);
            fixtures.someSubscribers(a, "first_last", "under.example", 3);
            fixtures.someSubscribers(a, "firstXlast", "under.example", 2);
            fixtures.someSubscribers(a, "100%_sure", "under.example", 1);
            fixtures.aSoftBounceAndStatus(a, "452 4.2.2 <script>alert(1)</script> mailbox full", "Soft bounces exhausted the retry policy");
        }
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void listShowsEmailListStatusAndWhen() {
        given().get("/subscribers?q=" + a.subscriberEmail()).then().statusCode(200)
                .body(containsString("aria-label=\"Subscribers\""))
                .body(containsString(">" + a.subscriberEmail() + "</a>"))
                .body(containsString("class=\"chip bounced\">Bounced</span>"))
                .body(containsString("<time datetime="))
                .body(containsString("aria-label=\"Search by email\""))
                .body(containsString("hx-trigger=\"input changed delay:300ms, search\""));
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void searchIsCaseInsensitiveContains() {
        String html = given().get("/subscribers?q=AGER-11").then().statusCode(200).extract().asString();
        List<String> emails = emails(html);
        assertEquals(List.of("pager-110@many.example", "pager-111@many.example", "pager-112@many.example",
                "pager-113@many.example", "pager-114@many.example", "pager-115@many.example", "pager-116@many.example",
                "pager-117@many.example", "pager-118@many.example", "pager-119@many.example"), emails);
        given().get("/subscribers?q=nobody-matches-this").then().statusCode(200)
                .body(containsString("No subscribers match &ldquo;nobody-matches-this&rdquo;"));
        // LIKE wildcards are searched literally.
        given().get("/subscribers?q=pager_0%25").then().statusCode(200).body(containsString("No subscribers match"));
    }

    /** Issue item 3: a query with "_" finds the addresses that contain it (and only those, "_" is no wildcard). */
    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void searchWithUnderscoreAndPercentFindsThem() {
        assertEquals(List.of("first_last-000@under.example", "first_last-001@under.example", "first_last-002@under.example"),
                emails(given().get("/subscribers?q=first_last").then().statusCode(200).extract().asString()));
        assertEquals(List.of("first_last-001@under.example"),
                emails(given().get("/subscribers?q=T_LAST-001").then().statusCode(200).extract().asString()));
        assertEquals(List.of("100%_sure-000@under.example"),
                emails(given().queryParam("q", "100%_s").get("/subscribers").then().statusCode(200).extract().asString()));
        assertEquals(List.of("firstxlast-000@under.example", "firstxlast-001@under.example"),
                emails(given().get("/subscribers?q=firstxlast").then().statusCode(200).extract().asString()));
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void pagesForwardWithKeysetCursorKeepingTheSearch() {
        String first = given().get("/subscribers?q=pager").then().statusCode(200).body(containsString("<html"))
                .extract().asString();
        List<String> seen = new ArrayList<>(emails(first));
        assertEquals(50, seen.size());
        Matcher m = NEXT.matcher(first);
        assertTrue(m.find(), "first page has a Next link");
        assertEquals("pager", m.group(1));
        assertTrue(first.contains("hx-get=\"/subscribers?q=pager&amp;after=" + m.group(2) + "\""), "Next also has hx-get");
        String second = given().header("HX-Request", "true").get("/subscribers?q=pager&after=" + m.group(2)).then()
                .statusCode(200).header("Vary", containsString("HX-Request")).body(not(containsString("<html")))
                .body(containsString("id=\"subscriber-results\"")).extract().asString();
        seen.addAll(emails(second));
        Matcher m2 = NEXT.matcher(second);
        assertTrue(m2.find());
        String third = given().get("/subscribers?q=pager&after=" + m2.group(2)).then().statusCode(200)
                .body(containsString("<html")).extract().asString();
        seen.addAll(emails(third));
        assertFalse(NEXT.matcher(third).find(), "last page has no Next link");
        assertEquals(120, seen.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            expected.add(String.format("pager-%03d@many.example", i));
        }
        assertEquals(expected, seen, "every subscriber once, in email order, none of the other tenant's");
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void searchBoxFragmentIsOnlyTheResults() {
        given().header("HX-Request", "true").get("/subscribers?q=pager-00").then().statusCode(200)
                .body(not(containsString("<html"))).body(not(containsString("Search by email")))
                .body(containsString("pager-009@many.example"));
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void detailShowsStatusWhyAndBounceHistoryNewestFirst() {
        String html = given().get("/subscribers/" + a.subscriberId()).then().statusCode(200)
                .body(containsString("<h1>" + a.subscriberEmail() + "</h1>"))
                .body(containsString("Soft bounces exhausted the retry policy"))
                .body(containsString("class=\"chip bounced\">Bounced</span>"))
                .body(containsString("aria-label=\"Bounce history\""))
                .body(containsString("<a href=\"/campaigns/" + a.campaignId() + "\">Campaign of " + a.tenantId() + "</a>"))
                .body(containsString("<code>4.2.2</code><pre class=\"text\">452 4.2.2 &lt;script&gt;alert(1)&lt;/script&gt; mailbox full</pre>"))
                .body(containsString("<code>5.1.1</code><pre class=\"text\">550-5.1.1"))
                .body(not(containsString("<script>alert(1)")))
                .extract().asString();
        int soft = html.indexOf("class=\"chip soft\">Soft</span>");
        int hard = html.indexOf("class=\"chip hard\">Hard</span>");
        assertTrue(soft > 0 && hard > soft, "newest (soft) bounce first");
        // engine words are shown as phrases people read (issue 10)
        assertTrue(html.contains("<td>mailbox is full</td>") && html.contains("<td>mailbox does not exist</td>"), html);
        assertTrue(html.contains("<td>their side (the address)</td>"));
        assertTrue(!html.contains("<td>userunknown</td>") && !html.contains("<td>recipient</td>"));
    }

    @Test
    @TestSecurity(user = "subs-user", augmentors = MembershipAugmentor.class)
    void otherTenantsSubscriberIs404AndMalformedIs400() {
        given().get("/subscribers/" + b.subscriberId()).then().statusCode(404)
                .body(not(containsString(b.subscriberEmail())));
        given().get("/subscribers/abc").then().statusCode(400).body(containsString("Invalid subscriber id"));
        given().get("/subscribers?after=garbage!").then().statusCode(400).body(containsString("Invalid paging cursor"));
    }

    private static List<String> emails(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
