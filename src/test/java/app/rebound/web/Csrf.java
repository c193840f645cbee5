package app.rebound.web;

import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A CSRF token pair as a browser holds it after loading a page: the {@code rebound-csrf} cookie and the same
 * value in the X-CSRF-TOKEN header (htmx) or the {@code csrf-token} form field (plain forms). Without a
 * signature key, quarkus-rest-csrf only checks that the token equals the cookie and has the configured size.
 */
public final class Csrf {
    public static final String COOKIE = "rebound-csrf";
    public static final String HEADER = "X-CSRF-TOKEN";
    public static final String FORM_FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Adds cookie and header, as htmx does with the page's hx-headers. */
    public static RequestSpecification withHeaderToken(RequestSpecification spec) {
        String token = newToken();
        return spec.cookie(COOKIE, token).header(HEADER, token);
    }

    /** Adds cookie and hidden form field, as the tenant switcher form does. */
    public static RequestSpecification withFormToken(RequestSpecification spec) {
        String token = newToken();
        return spec.cookie(COOKIE, token).formParam(FORM_FIELD, token);
    }
}
