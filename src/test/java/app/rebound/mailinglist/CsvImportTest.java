package app.rebound.mailinglist;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "csv-a-marketer", augmentors = MembershipAugmentor.class)
class CsvImportTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (a == null) {
            a = fixtures.aWorld(fixtures.aTenant("csv-a"), 0);
            b = fixtures.aWorld(fixtures.aTenant("csv-b"), 0);
        }
    }

    private ValidatableResponse upload(long listId, String name, byte[] body) {
        return Csrf.withHeaderToken(given()).multiPart("file", name, body, "text/csv").redirects().follow(false)
                .post("/lists/" + listId + "/imports").then();
    }

    private long subscribers(World w) {
        return db.count("select count(*) from subscriber where tenant_id = ? and list_id = ?", w.tenantId(), w.listId());
    }

    private long batches(World w) {
        return db.count("select count(*) from import_batch where tenant_id = ? and list_id = ?", w.tenantId(), w.listId());
    }

    @Test
    void importsNewAddressesAsOneBatch() {
        long before = subscribers(a);
        String csv = "Name,Email\nAnn,ann@example.com\nBob,BOB@Example.com\nAnn again,ann@example.com\nOld,"
                + a.subscriberEmail() + "\n";
        upload(a.listId(), "spring.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode(200)
                .body(containsString("Imported 2 new subscribers from 4 rows (2 already on the list or repeated)"));
        assertEquals(before + 2, subscribers(a));
        long batch = db.count("select max(id) from import_batch where tenant_id = ? and file_name = 'spring.csv'", a.tenantId());
        assertEquals(2, db.count("""
                select count(*) from import_batch_member m join subscriber s on s.tenant_id = m.tenant_id and s.id = m.subscriber_id
                where m.tenant_id = ? and m.batch_id = ? and s.email in ('ann@example.com', 'bob@example.com')""",
                a.tenantId(), batch));
        given().get("/lists/" + a.listId()).then().statusCode(200).body(containsString("spring.csv"));
    }

    @Test
    void anyBadRowImportsNothingAndListsTheBadRows() {
        long before = subscribers(a);
        long batchesBefore = batches(a);
        String csv = "email\ngood-1@example.com\nnot an address\ngood-2@example.com\n\"Eve <eve@example.com>\"\n,\n";
        upload(a.listId(), "mixed.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body(containsString("3 bad rows: nothing was imported."))
                .body(containsString("<td>3</td><td><code>not an address</code></td>"))
                .body(containsString("&lt;eve@example.com&gt;"))
                .body(containsString("no email"));
        assertEquals(before, subscribers(a));
        assertEquals(batchesBefore, batches(a));
        assertEquals(0, db.count("select count(*) from subscriber where tenant_id = ? and email like 'good-%'", a.tenantId()));
    }

    @Test
    void malformedFilesAreRefusedWithAReason() {
        long before = subscribers(a);
        upload(a.listId(), "noheader.csv", "ann@example.com\n".getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body(containsString("header with an &quot;email&quot; column"));
        upload(a.listId(), "empty.csv", "email\n".getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body(containsString("no rows"));
        upload(a.listId(), "quote.csv", "email\n\"unterminated@example.com\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(422).body(containsString("not valid CSV"));
        upload(a.listId(), "latin1.csv", "email\nj\u00f6rg@example.com\n".getBytes(StandardCharsets.ISO_8859_1))
                .statusCode(400).body(containsString("not UTF-8"));
        assertEquals(before, subscribers(a));
    }

    @Test
    void anotherTenantsListIs404AndCsrfIsRequired() {
        long before = subscribers(b);
        upload(b.listId(), "x.csv", "email\nx@example.com\n".getBytes(StandardCharsets.UTF_8)).statusCode(404);
        given().get("/lists/" + b.listId()).then().statusCode(404);
        given().get("/lists").then().statusCode(200).body(not(containsString("/lists/" + b.listId() + "\"")));
        given().multiPart("file", "x.csv", "email\nx@example.com\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/lists/" + a.listId() + "/imports").then().statusCode(400);
        assertEquals(before, subscribers(b));
        assertEquals(0, db.count("select count(*) from subscriber where tenant_id = ? and email = 'x@example.com'",
                a.tenantId()));
    }

    /** Polls the job page as htmx does until the import is finished; returns the final fragment. */
    private String finished(String location) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String fragment = given().header("HX-Request", "true").get(location).then().statusCode(200).extract().asString();
            if (!fragment.contains("hx-trigger=\"every 1s\"")) {
                return fragment;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the import did not finish in five minutes");
    }

    private static byte[] bigCsv(int rows, String tag, int badLine) {
        StringBuilder sb = new StringBuilder("email\n");
        for (int i = 2; i < rows + 2; i++) {
            sb.append(i == badLine ? "not-an-address" : "big-%05d-%s@example.com".formatted(i, tag)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void largeFilesImportInTheBackgroundWithProgress() throws InterruptedException {
        long before = subscribers(a);
        long batchesBefore = batches(a);
        // over the test threshold (1 KiB): the upload answers at once with the job's page
        String location = upload(a.listId(), "big.csv", bigCsv(3000, "ok", -1)).statusCode(303).extract().header("Location");
        org.junit.jupiter.api.Assertions.assertTrue(location.matches(".*/lists/" + a.listId() + "/imports/[0-9a-f-]{36}"), location);
        given().get(location).then().statusCode(200).body(containsString("aria-label=\"Import progress\""))
                .body(containsString("big.csv"));
        String done = finished(location);
        org.junit.jupiter.api.Assertions.assertTrue(done.contains("Imported 3000 new subscribers from 3000 rows"), done);
        assertEquals(before + 3000, subscribers(a));
        assertEquals(batchesBefore + 1, batches(a));
        // the other tenant cannot see the job: its own list answers 404, ours through its eyes is not its list
        given().get(location.replace("/lists/" + a.listId() + "/", "/lists/" + b.listId() + "/")).then().statusCode(404);
    }

    @Test
    void aBadRowInALargeFileImportsNothing() throws InterruptedException {
        long before = subscribers(a);
        long batchesBefore = batches(a);
        String location = upload(a.listId(), "bad-big.csv", bigCsv(3000, "bad", 2500)).statusCode(303).extract()
                .header("Location");
        String done = finished(location);
        org.junit.jupiter.api.Assertions.assertTrue(done.contains("1 bad row: nothing was imported."), done);
        org.junit.jupiter.api.Assertions.assertTrue(done.contains("<td>2500</td>"), done);
        assertEquals(before, subscribers(a));
        assertEquals(batchesBefore, batches(a));
        given().get("/lists/" + a.listId() + "/imports/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}
