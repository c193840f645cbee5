package app.rebound.web;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Ends a login session after {@code rebound.session.idle-timeout} without a request. While the person works, the
 * session lives on: Quarkus OIDC refreshes the tokens ({@code quarkus.oidc.token.refresh-expired}), so the ID
 * token's lifetime no longer logs anyone out. Each request of a logged-in person stamps the signed
 * {@value #COOKIE} cookie with the time; a request that finds it older than the idle timeout ends the session
 * and is sent to log in again: a page with a redirect to itself (the login comes back to it), an htmx request
 * with 401 and {@code HX-Redirect}.
 */
public class IdleSessions {
    public static final String COOKIE = "rebound-active";

    private final Duration idleTimeout;
    private final byte[] key;
    private final CurrentIdentityAssociation identity;
    private final Instance<OidcSession> oidcSession;
    private final Clock clock = Clock.systemUTC();

    public IdleSessions(@ConfigProperty(name = "rebound.session.idle-timeout", defaultValue = "30M") Duration idleTimeout,
            @ConfigProperty(name = "rebound.secret-key") Optional<String> secretKey, CurrentIdentityAssociation identity,
            Instance<OidcSession> oidcSession) {
        this.idleTimeout = idleTimeout;
        this.key = Keys.derive(Keys.required(secretKey), "rebound idle v1");
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    @ServerRequestFilter
    public Uni<Response> check(RoutingContext rc) {
        SecurityIdentity who = identity.getIdentity();
        if (who == null || who.isAnonymous()) {
            return Uni.createFrom().nullItem();
        }
        String binding = CsrfTokens.binding(who);
        long now = clock.millis();
        Long last = lastActivity(rc.request().getCookie(COOKIE), binding);
        if (last != null && now - last > idleTimeout.toMillis()) {
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
            return endSession().map(v -> toLogin(rc));
        }
        rc.response().addCookie(Cookie.cookie(COOKIE, stamp(now, binding)).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(SecureCookies.isSecure(rc)));
        return Uni.createFrom().nullItem();
    }

    private Uni<Void> endSession() {
        try {
            return oidcSession.get().logout().onFailure().recoverWithNull();
        } catch (RuntimeException e) {
            return Uni.createFrom().voidItem(); // not an OIDC session (test identities): nothing to end
        }
    }

    private static Response toLogin(RoutingContext rc) {
        if ("true".equals(rc.request().getHeader("HX-Request"))) {
            return Response.status(401).header("HX-Redirect",
                    SecurityHeaders.sameOriginPath(rc.request().getHeader("HX-Current-URL"), rc)).build();
        }
        boolean get = "GET".equals(rc.request().method().name());
        String target = get ? rc.request().uri() : "/";
        return Response.seeOther(URI.create(target.startsWith("/") ? target : "/")).build();
    }

    String stamp(long millis, String binding) {
        return millis + "." + sign(millis + "|" + binding);
    }

    Long lastActivity(Cookie cookie, String binding) {
        if (cookie == null) {
            return null;
        }
        String v = cookie.getValue();
        int dot = v.indexOf('.');
        if (dot <= 0 || dot > 18 || !v.substring(0, dot).chars().allMatch(Character::isDigit)) {
            return null;
        }
        long millis = Long.parseLong(v.substring(0, dot));
        return Keys.equal(sign(millis + "|" + binding), v.substring(dot + 1)) ? millis : null;
    }

    private String sign(String data) {
        return Keys.mac(key, data);
    }
}
