package app.rebound.web;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers every response carries (pages, fragments, errors, static files, the login redirect), and how an htmx
 * request whose session has ended is answered.
 *
 * <p>Content Security Policy: scripts only from Rebound itself (htmx from the webjar, {@code /static/app.js}), no
 * inline script or style, no framing ({@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}).
 *
 * <p>Session ended during an htmx request: following the login redirect inside XMLHttpRequest would fail silently
 * (the identity provider is another origin). Quarkus OIDC answers 499 instead for requests this class marks as
 * JavaScript ({@code quarkus.oidc.authentication.java-script-auto-redirect=false}); the filter turns that into
 * 401 with {@code HX-Redirect} to the page the browser shows, so htmx navigates there and the normal login
 * redirect happens, returning the user to that page afterwards.
 */
@ApplicationScoped
public class SecurityHeaders implements JavaScriptRequestChecker {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    static final int OIDC_JAVASCRIPT_CHALLENGE = 499;

    void register(@Observes Filters filters) {
        boolean dev = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        filters.register(rc -> {
            // The dev UI (dev mode only) runs inline scripts; everything Rebound serves gets the strict policy.
            boolean devUi = dev && rc.normalizedPath().startsWith("/q/dev");
            MultiMap h = rc.response().headers();
            if (!devUi) {
                h.set("Content-Security-Policy", CSP);
                h.set("X-Frame-Options", "DENY");
            }
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "same-origin");
            if (isJavaScriptRequest(rc)) {
                rc.addHeadersEndHandler(v -> sendHtmxToLogin(rc));
            }
            rc.next();
        }, 1000);
    }

    private static void sendHtmxToLogin(RoutingContext rc) {
        if (rc.response().getStatusCode() != OIDC_JAVASCRIPT_CHALLENGE) {
            return;
        }
        String current = rc.request().getHeader("HX-Current-URL");
        rc.response().setStatusCode(401).setStatusMessage("Unauthorized");
        rc.response().headers().set("HX-Redirect", sameOriginPath(current, rc));
    }

    /** The path (and query) of the page the browser shows, when it is ours; else the home page. */
    static String sameOriginPath(String currentUrl, RoutingContext rc) {
        if (currentUrl == null) {
            return "/";
        }
        try {
            java.net.URI u = java.net.URI.create(currentUrl);
            String host = rc.request().authority() == null ? null : rc.request().authority().host();
            if (u.getHost() != null && !u.getHost().equalsIgnoreCase(host)) {
                return "/";
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() || !u.getRawPath().startsWith("/") ? "/" : u.getRawPath();
            return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    /** htmx requests, and the X-Requested-With requests Quarkus recognises by default. */
    @Override
    public boolean isJavaScriptRequest(RoutingContext rc) {
        String requestedWith = rc.request().getHeader("X-Requested-With");
        return "true".equals(rc.request().getHeader("HX-Request"))
                || "JavaScript".equals(requestedWith) || "XMLHttpRequest".equals(requestedWith);
    }
}
