package app.rebound.tenant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The membership cache as the application runs it (the other tests run with it off): a change made in the admin
 * area empties it when its transaction commits; a change this instance did not make (another instance, or SQL) is
 * served from the cache until then.
 */
@QuarkusTest
@TestProfile(MembershipCacheWiringTest.CacheOn.class)
class MembershipCacheWiringTest {
    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rebound.membership-cache.ttl", "10M");
        }
    }

    @Inject
    MembershipCache cache;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    private List<String> tenantsOf(String subject) {
        return cache.membershipsOf(subject, Optional.empty()).stream().map(MemberTenant::tenantId).toList();
    }

    @Test
    @TestSecurity(user = "memcache-admin", augmentors = MembershipAugmentor.class)
    void removingAMemberInTheAdminAreaAppliesToTheirNextRequest() {
        String tenant = fixtures.aTenant("memcache");
        cache.invalidateAll();
        assertEquals(List.of(tenant), tenantsOf("memcache-marketer"), "loaded and cached");

        // changed behind the application's back: the cache keeps answering for its TTL
        String other = fixtures.aTenant("memcache2");
        db.update("update membership set subject = 'memcache-marketer' where tenant_id = ? and subject = 'memcache2-marketer'", other);
        assertEquals(List.of(tenant), tenantsOf("memcache-marketer"), "served from the cache");

        long id = ((Number) db.one("select id from membership where tenant_id = ? and subject = 'memcache-marketer'", tenant)
                .get("id")).longValue();
        Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .post("/admin/members/" + id + "/remove").then().statusCode(303);
        assertEquals(List.of(other), tenantsOf("memcache-marketer"), "the removal emptied the cache: read again");
    }
}
