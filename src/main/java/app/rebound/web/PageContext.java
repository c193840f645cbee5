package app.rebound.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every page template needs beyond its own data. The CSRF token is read leniently: error pages are
 * rendered for requests refused before the CSRF filter ran, and they have no form to protect.
 */
@Named("page")
@RequestScoped
public class PageContext {
    private static final String CSRF_ATTRIBUTE = "csrf_token";
    private final CurrentVertxRequest request;
    private final String csrfParameter;

    public PageContext(CurrentVertxRequest request,
            @ConfigProperty(name = "quarkus.rest-csrf.form-field-name", defaultValue = "csrf-token") String csrfParameter) {
        this.request = request;
        this.csrfParameter = csrfParameter;
    }

    public String csrfToken() {
        RoutingContext rc = request.getCurrent();
        Object token = rc == null ? null : rc.get(CSRF_ATTRIBUTE);
        return token == null ? "" : token.toString();
    }

    public String csrfParameter() {
        return csrfParameter;
    }
}
