package app.rebound.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memberships belong to the token's subject only. A login whose name (principal, preferred_username) equals a
 * member's subject, but whose subject is another, gets nothing: anyone can choose a login name at an identity
 * provider, nobody chooses their subject.
 */
@QuarkusTest
class MembershipBySubjectTest {
    static String tenant;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void world() {
        if (tenant == null) {
            tenant = fixtures.aTenant("subj");
            fixtures.aMember(tenant, "subj-member-subject", Role.ADMIN);
        }
    }

    @Test
    @TestSecurity(user = "someone", augmentors = MembershipAugmentor.class)
    @OidcSecurity(claims = {@Claim(key = "sub", value = "subj-member-subject"),
            @Claim(key = "preferred_username", value = "someone")})
    void theMembersSubjectGetsTheMembership() {
        given().get("/sending-servers").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "subj-member-subject", augmentors = MembershipAugmentor.class)
    @OidcSecurity(claims = {@Claim(key = "sub", value = "attacker-subject"),
            @Claim(key = "preferred_username", value = "subj-member-subject")})
    void aLoginNamedLikeTheMemberGetsNothing() {
        given().get("/campaigns").then().statusCode(403).body(containsString("not a member of any organisation"));
    }
}
