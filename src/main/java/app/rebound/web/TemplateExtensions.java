package app.rebound.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers every page may use. */
@TemplateExtension
public class TemplateExtensions {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TemplateExtensions() {
    }

    /** {@code {q.urlEncoded}}: a value safe inside a query string (the HTML escaping still applies on top). */
    static String urlEncoded(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code {t.minutes}}: an instant as "2026-11-28 09:15" (UTC), the precision every list shows. */
    static String minutes(Instant t) {
        return t == null ? "" : MINUTES.format(t);
    }
}
