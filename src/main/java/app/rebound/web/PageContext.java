package app.rebound.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * What every page template needs beyond its own data. The CSRF token is made here, for every page that renders
 * {@code base.html}, error pages included (403 and 404 pages carry the tenant switcher and the logout form).
 */
@Named("page")
@RequestScoped
public class PageContext {
    private final CurrentVertxRequest request;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;
    private String token;

    public PageContext(CurrentVertxRequest request, CsrfTokens tokens, SecurityIdentity identity) {
        this.request = request;
        this.tokens = tokens;
        this.identity = identity;
    }

    public String csrfToken() {
        if (token == null) {
            RoutingContext rc = request.getCurrent();
            token = rc == null ? "" : tokens.tokenFor(rc, identity);
        }
        return token;
    }

    public String csrfParameter() {
        return CsrfTokens.FORM_FIELD;
    }
}
