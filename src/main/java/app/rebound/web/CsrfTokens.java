package app.rebound.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * CSRF tokens as a signed double-submit cookie, bound to the login session (OWASP's "signed double-submit
 * cookie"): the browser holds a random nonce in the {@value #COOKIE} cookie (HttpOnly, SameSite=Strict), and pages
 * carry {@code HMAC(key, nonce | subject | session id)}. A token is worthless without the cookie it was made from,
 * in another person's session, or for another login of the same person (the ID token's {@code sid}, when the
 * identity provider sends one). The key is derived from {@code rebound.secret-key}.
 */
@ApplicationScoped
public class CsrfTokens {
    public static final String COOKIE = "rebound-csrf";
    public static final String HEADER = "X-CSRF-TOKEN";
    public static final String FORM_FIELD = "csrf-token";
    private static final String NONCE_ATTRIBUTE = "rebound.csrf.nonce";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public CsrfTokens(@ConfigProperty(name = "rebound.secret-key") Optional<String> secretKey) {
        this.key = Keys.derive(Keys.required(secretKey), "rebound csrf v1");
    }

    /** The token for this request's page: from the browser's nonce cookie, or a new nonce whose cookie is set now. */
    public String tokenFor(RoutingContext rc, SecurityIdentity identity) {
        String nonce = rc.get(NONCE_ATTRIBUTE);
        if (nonce == null) {
            nonce = nonceOf(rc);
            if (nonce == null) {
                nonce = newNonce();
                rc.response().addCookie(Cookie.cookie(COOKIE, nonce).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(SecureCookies.isSecure(rc)));
            }
            rc.put(NONCE_ATTRIBUTE, nonce);
        }
        return token(nonce, binding(identity));
    }

    /** True when {@code presented} is the token of this browser's nonce cookie in this identity's session. */
    public boolean verify(RoutingContext rc, SecurityIdentity identity, String presented) {
        String nonce = nonceOf(rc);
        if (nonce == null || presented == null || presented.isEmpty()) {
            return false;
        }
        return Keys.equal(token(nonce, binding(identity)), presented);
    }

    /** Subject and login session of the identity; "anonymous" for nobody. */
    static String binding(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            Object sid = jwt.getClaim("sid");
            return "sub:" + jwt.getSubject() + "|sid:" + (sid == null ? "" : sid);
        }
        return "name:" + identity.getPrincipal().getName();
    }

    String token(String nonce, String binding) {
        return Keys.mac(key, nonce + "\n" + binding);
    }

    private static String nonceOf(RoutingContext rc) {
        Cookie c = rc.request().getCookie(COOKIE);
        return c != null && NONCE.matcher(c.getValue()).matches() ? c.getValue() : null;
    }

    private static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
