package app.rebound.suppression;

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
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Suppression list page: search, export, admin-only add and remove with a note, other tenants never visible. */
@QuarkusTest
class SuppressionResourceTest {
    static String tenant;
    static String other;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("supp");
            other = fixtures.aTenant("supp-other");
            runner.inTenant(other, () -> {
                SuppressedAddress s = new SuppressedAddress();
                s.email = "secret-of-other@example.com";
                s.reason = "manual";
                s.note = "other tenant";
                s.addedBy = "x";
                s.persist();
                return null;
            });
        }
    }

    @Test
    @TestSecurity(user = "supp-admin", augmentors = MembershipAugmentor.class)
    void anAdminAddsSearchesExportsAndRemovesWithANote() throws Exception {
        Csrf.withFormToken(given()).redirects().follow(false).formParam("email", " Blocked@Example.com ")
                .formParam("note", "=HYPERLINK(\"x\") <script>alert(1)</script>").post("/suppression").then().statusCode(303);
        assertTrue(runner.inTenant(tenant, () -> SuppressedAddress.isSuppressed("blocked@example.com")));
        // twice: refused, nothing doubled
        Csrf.withFormToken(given()).formParam("email", "blocked@example.com").formParam("note", "again").post("/suppression")
                .then().statusCode(422).body(containsString("already on the suppression list"));
        Csrf.withFormToken(given()).formParam("email", "not an address").formParam("note", "x").post("/suppression")
                .then().statusCode(422);
        Csrf.withFormToken(given()).formParam("email", "nonote@example.com").post("/suppression").then().statusCode(422)
                .body(containsString("A note is required"));

        given().get("/suppression?q=BLOCKED").then().statusCode(200)
                .body(containsString("<td>blocked@example.com</td>"))
                .body(containsString("<td>manual</td>"))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")))
                .body(not(containsString("secret-of-other")));
        given().header("HX-Request", "true").get("/suppression?q=nomatch-xyz").then().statusCode(200)
                .body(not(containsString("<html"))).body(containsString("No suppressed address matches"));

        String csv = given().get("/suppression/export.csv").then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(1, rows.stream().filter(r -> r.get("email").equals("blocked@example.com")).count());
        assertTrue(rows.stream().noneMatch(r -> r.get("email").contains("secret-of-other")));
        CSVRecord mine = rows.stream().filter(r -> r.get("email").equals("blocked@example.com")).findFirst().orElseThrow();
        assertTrue(mine.get("note").startsWith("'=HYPERLINK"), "formula cells are defused: " + mine.get("note"));

        long id = ((Number) db.one("select id from suppressed_address where tenant_id = ? and email = 'blocked@example.com'", tenant)
                .get("id")).longValue();
        Csrf.withFormToken(given()).post("/suppression/" + id + "/remove").then().statusCode(422);
        assertTrue(runner.inTenant(tenant, () -> SuppressedAddress.isSuppressed("blocked@example.com")));
        Csrf.withFormToken(given()).redirects().follow(false).formParam("note", "asked to be mailed again")
                .post("/suppression/" + id + "/remove").then().statusCode(303);
        assertFalse(runner.inTenant(tenant, () -> SuppressedAddress.isSuppressed("blocked@example.com")));
        assertEquals(2L, db.count("select count(*) from suppression_log where tenant_id = ? and email = 'blocked@example.com'"
                + " and actor = 'supp-admin'", tenant));
        // another tenant's row cannot be removed
        long otherId = ((Number) db.one("select id from suppressed_address where tenant_id = ?", other).get("id")).longValue();
        Csrf.withFormToken(given()).formParam("note", "x").post("/suppression/" + otherId + "/remove").then().statusCode(404);
        assertTrue(runner.inTenant(other, () -> SuppressedAddress.isSuppressed("secret-of-other@example.com")));
    }

    @Test
    @TestSecurity(user = "supp-support", augmentors = MembershipAugmentor.class)
    void supportCanReadAndExportButNotChange() {
        given().get("/suppression").then().statusCode(200)
                .body(not(containsString("aria-label=\"Add an address to the suppression list\"")));
        given().get("/suppression/export.csv").then().statusCode(200);
        Csrf.withFormToken(given()).formParam("email", "x@example.com").formParam("note", "n").post("/suppression")
                .then().statusCode(403);
        assertFalse(runner.inTenant(tenant, () -> SuppressedAddress.isSuppressed("x@example.com")));
    }
}
