package app.rebound.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every HTML answer may be a whole page or an htmx fragment of the same URL: say so to caches. */
public class HtmxVaryFilter {
    @ServerResponseFilter
    public void vary(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return;
        }
        String vary = response.getHeaderString(HttpHeaders.VARY);
        if (vary == null || vary.isBlank()) {
            response.getHeaders().putSingle(HttpHeaders.VARY, "HX-Request");
        } else if (!vary.contains("HX-Request")) {
            response.getHeaders().putSingle(HttpHeaders.VARY, vary + ", HX-Request");
        }
    }
}
