package app.rebound.tenant;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a login into a member of one tenant: looks up the identity's memberships, picks the tenant chosen
 * in the switcher (cookie {@value #TENANT_COOKIE}) or the first one, and grants only that membership's
 * roles. Memberships are found by the token's subject only; one added by e-mail is first bound to the subject of
 * the first login whose verified e-mail claim matches. Roles from the identity provider are dropped: permissions are per tenant and live in Rebound.
 */
@ApplicationScoped
public class MembershipAugmentor implements SecurityIdentityAugmentor {
    public static final String TENANT_COOKIE = "rebound-tenant";
    public static final String ATTR_TENANT = "rebound.tenant";
    public static final String ATTR_MEMBERSHIPS = "rebound.memberships";

    private final MembershipCache cache;

    public MembershipAugmentor(MembershipCache cache) {
        this.cache = cache;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (rc == null) {
            rc = HttpSecurityUtils.getRoutingContextAttribute(identity);
        }
        Cookie cookie = rc == null ? null : rc.request().getCookie(TENANT_COOKIE);
        String wanted = cookie == null ? null : cookie.getValue();
        Optional<List<MemberTenant>> cached = subjectOf(identity).flatMap(cache::cached);
        if (cached.isPresent()) {
            return Uni.createFrom().item(withMembership(identity, wanted, cached.get()));
        }
        return context.runBlocking(() -> withMembership(identity, wanted));
    }

    /**
     * The token's subject, never a display or login name (anyone can pick those at an identity provider). Only in
     * test mode, an identity made by {@code @TestSecurity} (which carries no subject) is known by the name the test
     * gave it; in production an identity without a subject has no memberships.
     */
    static Optional<String> subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null && !jwt.getSubject().isBlank()) {
            return Optional.of(jwt.getSubject());
        }
        return LaunchMode.current() == LaunchMode.TEST ? Optional.ofNullable(identity.getPrincipal().getName())
                : Optional.empty();
    }

    /** The e-mail claim of the token when the identity provider says it is verified ({@code email_verified: true}). */
    static Optional<String> verifiedEmailOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("email") != null
                && isTrue(jwt.getClaim("email_verified"))) {
            Object email = jwt.getClaim("email");
            String e = (email instanceof jakarta.json.JsonString js ? js.getString() : email.toString()).strip();
            return e.isEmpty() || e.length() > 320 ? Optional.empty() : Optional.of(e);
        }
        return Optional.empty();
    }

    private static boolean isTrue(Object claim) {
        return claim instanceof Boolean b ? b : claim != null && "true".equalsIgnoreCase(claim.toString().replace("\"", ""));
    }

    private SecurityIdentity withMembership(SecurityIdentity identity, String wantedTenant) {
        Optional<String> subject = subjectOf(identity);
        // a membership added by e-mail binds to the first login whose verified e-mail matches (issue 13), on the
        // cache's load of this subject's memberships
        List<MemberTenant> memberships = subject.map(sub -> cache.membershipsOf(sub, verifiedEmailOf(identity)))
                .orElse(List.of());
        return withMembership(identity, wantedTenant, memberships);
    }

    private static SecurityIdentity withMembership(SecurityIdentity identity, String wantedTenant, List<MemberTenant> memberships) {
        MemberTenant current = memberships.stream().filter(m -> m.tenantId().equals(wantedTenant)).findFirst()
                .orElse(memberships.isEmpty() ? null : memberships.get(0));
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(ATTR_MEMBERSHIPS, List.copyOf(memberships));
        if (current != null) {
            b.addAttribute(ATTR_TENANT, current.tenantId()).addRoles(current.role().grantedRoleNames());
        }
        return b.build();
    }
}
