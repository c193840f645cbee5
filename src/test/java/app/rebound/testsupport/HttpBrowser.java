package app.rebound.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that follows redirects by hand, as a browser would. */
public final class HttpBrowser {
    private final URI app;

    public HttpBrowser(URI app) {
        this.app = app;
    }

    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public void login(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(app.resolve("/campaigns")).GET().build());
        assertEquals(302, r.statusCode());
        URI authorize = URI.create(r.headers().firstValue("Location").orElseThrow());
        String loginPage = send(HttpRequest.newBuilder(authorize).GET().build()).body();
        Matcher m = Pattern.compile("name='redirect_uri' value='([^']*)'").matcher(loginPage);
        assertTrue(m.find(), "the OIDC dev server shows its login form");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("redirect_uri", m.group(1));
        form.put("response_type", "code");
        form.put("client_id", "quarkus-app");
        form.put("scope", "openid");
        form.put("name", name);
        form.put("roles", "");
        form.put("login", "");
        r = send(post(authorize.resolve("/login"), form));
        assertEquals(302, r.statusCode(), "the dev server redirects back with a code");
        URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
        r = send(HttpRequest.newBuilder(back).GET().build());
        for (int i = 0; i < 3 && r.statusCode() == 302; i++) {
            r = send(HttpRequest.newBuilder(app.resolve(r.headers().firstValue("Location").orElseThrow())).GET().build());
        }
        assertEquals(200, r.statusCode(), "logged in and back in Rebound");
    }

    private String pageToken;

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(app.resolve(path)).GET().build());
        Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(r.body());
        if (m.find()) {
            pageToken = m.group(1);
        }
        return r;
    }

    /** An htmx GET from the page at {@code currentPath}, as htmx sends it. */
    public HttpResponse<String> htmx(String path, String currentPath) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(app.resolve(path)).header("HX-Request", "true")
                .header("HX-Current-URL", app.resolve(currentPath).toString()).GET().build());
    }

    /** Posts a form as the last page's form would: with that page's CSRF token (and the browser's cookie). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        HttpCookie csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("rebound-csrf")).findFirst().orElse(null);
        assertNotNull(csrf, "pages set the CSRF cookie");
        assertNotNull(pageToken, "a page gave a CSRF token");
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf-token", pageToken);
        return send(post(app.resolve(path), form));
    }

    private HttpRequest post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
