package app.rebound.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One-shot messages that survive the redirect after a form post: set before a 303, shown (and cleared) by the
 * next page. Kept in a short-lived cookie so nothing is stored server-side.
 */
@Named("flash")
@RequestScoped
public class Flash {
    static final String COOKIE = "rebound-flash";
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private String consumed;

    public Flash(HttpServerRequest request, HttpServerResponse response) {
        this.request = request;
        this.response = response;
    }

    public void set(String message) {
        String value = URLEncoder.encode(message.length() > 300 ? message.substring(0, 300) : message, StandardCharsets.UTF_8);
        response.addCookie(Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setMaxAge(60)
                .setSameSite(CookieSameSite.LAX).setSecure(request.isSSL() || "https".equalsIgnoreCase(request.scheme())));
    }

    /** The pending message, or empty; reading it clears it. */
    public String message() {
        if (consumed == null) {
            Cookie c = request.getCookie(COOKIE);
            consumed = c == null ? "" : URLDecoder.decode(c.getValue(), StandardCharsets.UTF_8);
            if (c != null) {
                response.addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
            }
        }
        return consumed;
    }
}
