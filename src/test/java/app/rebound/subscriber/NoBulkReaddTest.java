package app.rebound.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.mailinglist.CsvImport;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No bulk re-add, whatever the route: the bulk routes refuse with the reason for every role; a one-subscriber route
 * re-adds exactly its one subscriber whatever else is posted; a list import does not bring bounced addresses back.
 * ({@link NoBulkReaddSourceTest} keeps every code path that subscribes again to the known one-at-a-time ones.)
 */
@QuarkusTest
class NoBulkReaddTest {
    static String tenant;
    World a;
    List<Long> bounced;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    CsvImport imports;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("nobulk");
        }
        a = fixtures.aWorld(tenant, 0);
        bounced = fixtures.someSubscribers(a, "gone", "example.org", 3);
        for (long id : bounced) {
            db.update("update subscriber set status = 'bounced' where tenant_id = ? and id = ?", tenant, id);
        }
    }

    long stillBounced() {
        return db.count("select count(*) from subscriber where tenant_id = ? and list_id = ? and status = 'bounced'", tenant, a.listId());
    }

    void bulkRoutesRefuseWithTheReason() {
        for (String route : List.of("/subscribers/readd", "/subscribers/confirmation")) {
            RequestSpecification spec = Csrf.withFormToken(given());
            for (long id : bounced) {
                spec = spec.formParam("id", String.valueOf(id));
            }
            spec.post(route).then().statusCode(409).body(containsString("Bulk re-add is refused"))
                    .body(containsString("bounce-rate damage compounds"));
        }
        assertEquals(3, stillBounced());
        assertEquals(0L, db.count("select count(*) from subscriber_readd where tenant_id = ? and subscriber_id in"
                + " (select id from subscriber where tenant_id = ? and list_id = ?)", tenant, tenant, a.listId()));
    }

    @Test
    @TestSecurity(user = "nobulk-marketer", augmentors = MembershipAugmentor.class)
    void aMarketerIsRefusedBulkReaddWithTheReason() {
        bulkRoutesRefuseWithTheReason();
    }

    @Test
    @TestSecurity(user = "nobulk-support", augmentors = MembershipAugmentor.class)
    void supportIsRefusedBulkReaddWithTheReason() {
        bulkRoutesRefuseWithTheReason();
    }

    @Test
    @TestSecurity(user = "nobulk-admin", augmentors = MembershipAugmentor.class)
    void anAdminIsRefusedBulkReaddWithTheReasonAndAOneSubscriberRouteReaddsOnlyItsOne() {
        bulkRoutesRefuseWithTheReason();
        String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "");
        // a list of ids in the path is not an id
        Csrf.withFormToken(given()).formParam("requestedBy", "x@example.org").formParam("requestedAt", when)
                .formParam("channel", "phone").formParam("note", "n")
                .post("/subscribers/" + bounced.get(0) + "," + bounced.get(1) + "/readd").then().statusCode(400);
        assertEquals(3, stillBounced());
        // extra ids posted to a one-subscriber route are ignored: exactly the path's subscriber is re-added
        RequestSpecification spec = Csrf.withFormToken(given()).redirects().follow(false).formParam("requestedBy", "gone-000@example.org")
                .formParam("requestedAt", when).formParam("channel", "phone").formParam("note", "asked for it back");
        for (long id : bounced) {
            spec = spec.formParam("id", String.valueOf(id)).formParam("subscriberId", String.valueOf(id));
        }
        spec.post("/subscribers/" + bounced.get(0) + "/readd").then().statusCode(303);
        assertEquals(2, stillBounced());
        assertEquals("subscribed", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, bounced.get(0))
                .get("status"));
    }

    @Test
    void aListImportDoesNotBringBouncedAddressesBack() throws Exception {
        String csv = "email\ngone-000@example.org\nGONE-001@example.org\ngone-002@example.org\nnew-one@example.org\n";
        CsvImport.Result r = runner.inTenant(tenant, () -> {
            try {
                return imports.importInto(a.listId(), "again.csv", new StringReader(csv), Instant.now());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(1, r.batch().imported);
        assertEquals(3, r.batch().alreadyListed);
        assertEquals(3, stillBounced(), "addresses already on the list keep their status: an import is no re-add");
    }
}
