package app.rebound.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every state-changing request (anything but GET, HEAD, OPTIONS) must come from one of Rebound's own pages: a
 * browser's {@code Origin} (or {@code Sec-Fetch-Site}) naming another site is refused with 403, and the CSRF token
 * ({@value CsrfTokens#HEADER} header or {@value CsrfTokens#FORM_FIELD} form field) must match this browser's cookie
 * and this login ({@link CsrfTokens}), else 400. Paths under {@code rebound.csrf.exempt-paths} ({@code /webhooks/},
 * {@code /api/}) authenticate each request themselves (provider signatures, API tokens) and are not checked here.
 */
public class CsrfFilter {
    static final String TOKEN_MESSAGE = "The form was refused because its security token is missing or out of date. "
            + "Reload the page and try again.";
    static final String ORIGIN_MESSAGE = "This request came from another site and was refused. "
            + "Use Rebound's own pages to make changes.";

    private final CsrfTokens tokens;
    private final CurrentIdentityAssociation identity;
    private final List<String> exemptPaths;
    private final List<String> allowedOrigins;

    public CsrfFilter(CsrfTokens tokens, CurrentIdentityAssociation identity,
            @ConfigProperty(name = "rebound.csrf.exempt-paths", defaultValue = "/webhooks/,/api/") List<String> exemptPaths,
            @ConfigProperty(name = "rebound.http.allowed-origins") Optional<List<String>> allowedOrigins) {
        this.tokens = tokens;
        this.identity = identity;
        this.exemptPaths = exemptPaths;
        this.allowedOrigins = allowedOrigins.orElse(List.of()).stream().map(CsrfFilter::normalise).toList();
    }

    @ServerRequestFilter(readBody = true)
    public void check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || isExempt(rc.normalizedPath())) {
            return;
        }
        if (!fromOwnSite(rc)) {
            throw new ForbiddenException(ORIGIN_MESSAGE);
        }
        String presented = request.getHeaderString(CsrfTokens.HEADER);
        if (presented == null || presented.isEmpty()) {
            ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
            Object field = context.getFormParameter(CsrfTokens.FORM_FIELD, true, false);
            presented = field == null ? null : field.toString();
        }
        if (!tokens.verify(rc, identity.getIdentity(), presented)) {
            throw new BadRequestException(TOKEN_MESSAGE);
        }
    }

    private boolean isExempt(String path) {
        return path != null && exemptPaths.stream().anyMatch(path::startsWith);
    }

    /** Origin, else Sec-Fetch-Site, says where a browser request comes from; a request with neither is no browser's. */
    private boolean fromOwnSite(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin != null) {
            String o = normalise(origin);
            return o.equals(ownOrigin(rc)) || allowedOrigins.contains(o);
        }
        String site = rc.request().getHeader("Sec-Fetch-Site");
        return site == null || "same-origin".equals(site) || "none".equals(site);
    }

    private static String ownOrigin(RoutingContext rc) {
        String scheme = rc.request().scheme();
        var authority = rc.request().authority();
        if (authority == null) {
            return "";
        }
        return normalise(scheme + "://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : ""));
    }

    /** scheme://host[:port], lower-case, default ports dropped; "" for anything unparsable (including "null"). */
    static String normalise(String origin) {
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
