package app.rebound.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSRF token pair as a browser holds it after loading a page: the {@code rebound-csrf} nonce cookie and the
 * page's token (bound to that nonce and to the logged-in identity), sent in the X-CSRF-TOKEN header (htmx) or the
 * {@code csrf-token} form field (plain forms). The pair is taken from a real page of the current test identity.
 */
public final class Csrf {
    public static final String COOKIE = CsrfTokens.COOKIE;
    public static final String HEADER = CsrfTokens.HEADER;
    public static final String FORM_FIELD = CsrfTokens.FORM_FIELD;
    static final Pattern PAGE_TOKEN = Pattern.compile("\"X-CSRF-TOKEN\": \"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The nonce cookie and the token a page gave the current identity. */
    public record Pair(String cookie, String token) {
    }

    /** Loads a page (any page renders the token, a 403 page too) and returns its pair; random values when anonymous. */
    public static Pair fromPage() {
        Response page = given().redirects().follow(false).get("/campaigns");
        String cookie = page.getCookie(COOKIE);
        Matcher m = PAGE_TOKEN.matcher(page.asString());
        if (cookie == null || !m.find()) {
            return new Pair(newToken(), newToken()); // anonymous: no page, the request is refused before CSRF anyway
        }
        return new Pair(cookie, m.group(1));
    }

    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Adds cookie and header, as htmx does with the page's hx-headers. */
    public static RequestSpecification withHeaderToken(RequestSpecification spec) {
        Pair p = fromPage();
        return spec.cookie(COOKIE, p.cookie()).header(HEADER, p.token());
    }

    /** Adds cookie and hidden form field, as the tenant switcher form does. */
    public static RequestSpecification withFormToken(RequestSpecification spec) {
        Pair p = fromPage();
        return spec.cookie(COOKIE, p.cookie()).formParam(FORM_FIELD, p.token());
    }
}
