package app.rebound.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quarantine, raw input and API-token pages: contents, CSRF, and the other organisation's inputs never shown. */
@QuarkusTest
@TestSecurity(user = "ingest-pages", augmentors = MembershipAugmentor.class)
class IngestPagesTest {
    @Inject
    Inbox inbox;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    String mine;
    String theirs;
    long myQuarantined;
    long theirQuarantined;
    Fixtures.World world;

    private long store(String tenant, String text) {
        return inbox.accept(new InboundInput(tenant, InboundSource.API, null, "message/rfc822",
                text.getBytes(StandardCharsets.UTF_8), "test", null)).inboundId();
    }

    @BeforeEach
    void world() {
        worker.drain();
        mine = fixtures.aTenant("pages-a");
        theirs = fixtures.aTenant("pages-b");
        db.update("delete from membership where subject = 'ingest-pages'");
        fixtures.aMember(mine, "ingest-pages", Role.ADMIN);
        world = fixtures.aWorld(mine, 0);
        myQuarantined = store(mine, "Subject: <script>alert('mine')</script>\r\n\r\nHello <b>there</b>\r\n");
        theirQuarantined = store(theirs, "Subject: bravo-secret\r\n\r\nbravo-secret body\r\n");
        worker.drain();
    }

    @Test
    void theQuarantineListsOnlyThisOrganisationsInputsWithWhy() {
        given().get("/quarantine").then().statusCode(200)
                .body(containsString("Input " + myQuarantined))
                .body(containsString("Not a bounce"))
                .body(not(containsString("Input " + theirQuarantined + "\"")))
                .body(not(containsString("bravo-secret")));
        given().get("/quarantine/" + theirQuarantined).then().statusCode(404);
        given().get("/inbound/" + theirQuarantined).then().statusCode(404);
        given().get("/quarantine/abc").then().statusCode(400);
    }

    @Test
    void theRawInputIsEscapedInsidePre() {
        String page = given().get("/quarantine/" + myQuarantined).then().statusCode(200).extract().asString();
        assertTrue(page.contains("&lt;script&gt;alert(&#39;mine&#39;)&lt;/script&gt;") || page.contains("&lt;script&gt;alert("),
                page);
        assertTrue(!page.contains("<script>alert"), "raw text must never become markup");
        assertTrue(page.contains("<pre class=\"raw\""));
    }

    @Test
    void reprocessAndDismissNeedTheCsrfTokenAndMoveTheInputOn() {
        given().redirects().follow(false).contentType(ContentType.URLENC).post("/quarantine/" + myQuarantined + "/dismiss")
                .then().statusCode(400);
        assertEquals("quarantined", state(mine, myQuarantined));
        Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .post("/quarantine/" + myQuarantined + "/reprocess").then().statusCode(303);
        assertEquals("pending", state(mine, myQuarantined));
        worker.drain();
        assertEquals("quarantined", state(mine, myQuarantined), "still not a bounce after reprocessing");
        Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .post("/quarantine/" + myQuarantined + "/dismiss").then().statusCode(303);
        assertEquals("dismissed", state(mine, myQuarantined));
        // another organisation's input cannot be moved
        Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .post("/quarantine/" + theirQuarantined + "/dismiss").then().statusCode(303);
        assertEquals("quarantined", state(theirs, theirQuarantined));
    }

    @Test
    void theBounceLogShowsTheActionAndLinksTheRawInput() {
        List<Long> subs = fixtures.someSubscribers(world, "pg", "example.com", 1);
        Verp verp = verpKeys.activeKey(mine);
        String rp = verp.encode(mine, Long.toString(world.campaignId()), Long.toString(subs.get(0)), "b.test");
        long id = inbox.accept(new InboundInput(mine, InboundSource.API, null, "message/rfc822", BounceMails.dsn(
                BounceMails.aBounce(rp, "pg-000@example.com", "5.7.1", "550 5.7.1 Message rejected: not authenticated")),
                "test", null)).inboundId();
        worker.drain();
        given().get("/campaigns/" + world.campaignId() + "/bounces").then().statusCode(200)
                .body(containsString("investigate: your side"))
                .body(containsString("href=\"/inbound/" + id + "\""));
        given().get("/inbound/" + id).then().statusCode(200).body(containsString("message/delivery-status"));
    }

    @Test
    void aNewTokenIsShownOnceAndWorks() {
        String page = Csrf.withHeaderToken(given()).contentType(ContentType.URLENC).formParam("name", "collector <b>x</b>")
                .post("/api-tokens").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(rbd_[A-Za-z0-9_-]{43})").matcher(page);
        assertTrue(m.find(), page);
        assertTrue(page.contains("collector &lt;b&gt;x&lt;/b&gt;"));
        given().get("/api-tokens").then().statusCode(200).body(not(containsString(m.group(1))));
        given().header("Authorization", "Bearer " + m.group(1)).contentType("message/rfc822").body("Subject: x\r\n\r\ny".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/inbound").then().statusCode(202);
    }

    private String state(String tenant, long id) {
        return (String) db.one("select state from inbound_message where tenant_id = ? and id = ?", tenant, id).get("state");
    }
}
