package app.rebound.web;

import io.vertx.ext.web.RoutingContext;

/**
 * Whether cookies get the Secure flag: when the browser talks HTTPS to us, directly or through a proxy that
 * Quarkus has been told to trust ({@code quarkus.http.proxy.*}, which turns X-Forwarded-Proto into the scheme).
 */
public final class SecureCookies {
    private SecureCookies() {
    }

    public static boolean isSecure(RoutingContext rc) {
        return rc != null && (rc.request().isSSL() || "https".equalsIgnoreCase(rc.request().scheme()));
    }
}
