package app.rebound.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The members page: list, add by subject or e-mail, change role, remove; the last admin stays; other tenants 404. */
@QuarkusTest
class MemberResourceTest {
    static String tenant;
    static String other;
    static String last;
    static String lock;
    static String bind;

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("members");
            other = fixtures.aTenant("othermem");
            last = fixtures.aTenant("lastadm");
            lock = fixtures.aTenant("lockadm");
            fixtures.aMember(lock, "lockadm-second", Role.ADMIN);
            bind = fixtures.aTenant("bindmail");
            for (String[] pending : new String[][] {{"new.person@example.org", "support"}, {"unverified@example.org", "admin"}}) {
                db.update("insert into membership (id, tenant_id, subject, email, role) values (nextval('membership_seq'), ?, null, ?, ?)",
                        bind, pending[0], pending[1]);
            }
        }
    }

    private static RequestSpecification form() {
        return Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC);
    }

    private long id(String t, String subject) {
        return ((Number) db.one("select id from membership where tenant_id = ? and subject = ?", t, subject).get("id")).longValue();
    }

    private String role(String t, String subject) {
        return (String) db.one("select role from membership where tenant_id = ? and subject = ?", t, subject).get("role");
    }

    @Test
    @TestSecurity(user = "members-admin", augmentors = MembershipAugmentor.class)
    void adminsAddChangeAndRemoveMembers() {
        given().get("/admin").then().statusCode(200).body(containsString("href=\"/admin/members\""),
                containsString("href=\"/api-tokens\""), containsString("href=\"/admin/webhooks\""),
                containsString("href=\"/alerts/thresholds\""), containsString("<a href=\"/admin\">Admin</a>"));
        given().get("/admin/members").then().statusCode(200).body(containsString("members-marketer"),
                containsString("members-admin</code> <strong>(you)</strong>"), not(containsString("othermem-admin")));

        form().formParam("subject", "members-new").formParam("role", "support").post("/admin/members").then().statusCode(303);
        assertEquals("support", role(tenant, "members-new"));
        form().formParam("email", " Pat.Doe@Example.ORG ").formParam("role", "marketer").post("/admin/members").then().statusCode(303);
        assertEquals(1L, db.count("select count(*) from membership where tenant_id = ? and subject is null and email = 'pat.doe@example.org'"
                + " and role = 'marketer'", tenant));
        given().get("/admin/members").then().body(containsString("pat.doe@example.org <span class=\"muted\">(waits for the first login)"));

        // refused with the reason, nothing stored
        long before = db.count("select count(*) from membership where tenant_id = ?", tenant);
        form().formParam("subject", "members-new").formParam("role", "admin").post("/admin/members").then().statusCode(422)
                .body(containsString("already a member"));
        form().formParam("email", "pat.doe@example.org").formParam("role", "admin").post("/admin/members").then().statusCode(422);
        form().formParam("subject", "x").formParam("email", "x@example.org").formParam("role", "admin").post("/admin/members")
                .then().statusCode(422).body(containsString("not both"));
        form().formParam("email", "not-an-address").formParam("role", "admin").post("/admin/members").then().statusCode(422);
        form().formParam("subject", "has space").formParam("role", "admin").post("/admin/members").then().statusCode(422);
        form().formParam("subject", "members-x").formParam("role", "owner").post("/admin/members").then().statusCode(422)
                .body(containsString("marketer, support or admin"));
        assertEquals(before, db.count("select count(*) from membership where tenant_id = ?", tenant));

        long newcomer = id(tenant, "members-new");
        form().formParam("role", "admin").post("/admin/members/" + newcomer + "/role").then().statusCode(303);
        assertEquals("admin", role(tenant, "members-new"));
        form().post("/admin/members/" + newcomer + "/remove").then().statusCode(303);
        assertEquals(0L, db.count("select count(*) from membership where tenant_id = ? and subject = 'members-new'", tenant));
        form().post("/admin/members/abc/remove").then().statusCode(400);
        form().post("/admin/members/" + newcomer + "/remove").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "members-admin", augmentors = MembershipAugmentor.class)
    void anotherTenantsMembersAreNotFound() {
        long foreign = id(other, "othermem-admin");
        form().formParam("role", "marketer").post("/admin/members/" + foreign + "/role").then().statusCode(404);
        form().formParam("confirm", "yes").post("/admin/members/" + foreign + "/remove").then().statusCode(404);
        assertEquals("admin", role(other, "othermem-admin"));
    }

    @Test
    @TestSecurity(user = "lastadm-admin", augmentors = MembershipAugmentor.class)
    void theLastAdminCannotBeDemotedOrRemovedAndNobodyLocksThemselvesOutBySlip() {
        long me = id(last, "lastadm-admin");
        form().formParam("role", "support").post("/admin/members/" + me + "/role").then().statusCode(422)
                .body(containsString("tick the confirmation"));
        form().post("/admin/members/" + me + "/remove").then().statusCode(422).body(containsString("tick the confirmation"));
        form().formParam("role", "support").formParam("confirm", "yes").post("/admin/members/" + me + "/role").then().statusCode(422)
                .body(containsString("The last admin cannot be demoted"));
        form().formParam("confirm", "yes").post("/admin/members/" + me + "/remove").then().statusCode(422)
                .body(containsString("The last admin cannot be removed"));
        assertEquals("admin", role(last, "lastadm-admin"));

        // an admin added by e-mail who never logged in cannot take over: the last admin who can log in stays
        form().formParam("email", "boss@example.org").formParam("role", "admin").post("/admin/members").then().statusCode(303);
        form().formParam("role", "support").formParam("confirm", "yes").post("/admin/members/" + me + "/role").then().statusCode(422)
                .body(containsString("must log in first"));

        // with a second admin who can log in, stepping down (confirmed) works and takes effect at once
        form().formParam("subject", "lastadm-deputy").formParam("role", "admin").post("/admin/members").then().statusCode(303);
        form().formParam("role", "support").formParam("confirm", "yes").post("/admin/members/" + me + "/role").then().statusCode(303);
        assertEquals("support", role(last, "lastadm-admin"));
        given().get("/admin/members").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "lockadm-admin", augmentors = MembershipAugmentor.class)
    void concurrentDemotionsWaitForTheRowLockAndTheLastAdminStays() throws Exception {
        long second = id(lock, "lockadm-second");
        RequestSpecification request = form().formParam("role", "marketer");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            // another admin's transaction holds the admins' rows, as a concurrent demotion does
            try (PreparedStatement ps = c.prepareStatement("select id from membership where tenant_id = ? and role = 'admin' for update")) {
                ps.setString(1, lock);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertEquals(2, n);
                }
            }
            CompletableFuture<Integer> demotion = CompletableFuture.supplyAsync(
                    () -> request.post("/admin/members/" + second + "/role").statusCode());
            Thread.sleep(1500);
            assertFalse(demotion.isDone(), "the demotion must wait for the lock held by the other transaction");
            try (PreparedStatement ps = c.prepareStatement("update membership set role = 'support' where tenant_id = ? and subject = 'lockadm-admin'")) {
                ps.setString(1, lock);
                assertEquals(1, ps.executeUpdate());
            }
            c.commit();
            assertEquals(422, demotion.get(30, TimeUnit.SECONDS), "after the other demotion, lockadm-second is the last admin");
        }
        assertEquals("admin", role(lock, "lockadm-second"));
    }

    @Test
    @TestSecurity(user = "someone", augmentors = MembershipAugmentor.class)
    @OidcSecurity(claims = {@Claim(key = "sub", value = "bind-new-subject"), @Claim(key = "email", value = "New.Person@example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)})
    void aMembershipAddedByEmailBindsToTheFirstLoginWithThatVerifiedEmail() {
        given().get("/subscribers").then().statusCode(200);
        assertEquals("support", role(bind, "bind-new-subject"));
        assertEquals(0L, db.count("select count(*) from membership where tenant_id = ? and subject is null and email = 'new.person@example.org'", bind));
    }

    @Test
    @TestSecurity(user = "someone-else", augmentors = MembershipAugmentor.class)
    @OidcSecurity(claims = {@Claim(key = "sub", value = "bind-unverified"), @Claim(key = "email", value = "unverified@example.org"),
            @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN)})
    void anUnverifiedEmailBindsNothing() {
        given().get("/subscribers").then().statusCode(403);
        assertNull(db.one("select subject from membership where tenant_id = ? and email = 'unverified@example.org'", bind).get("subject"));
    }
}
