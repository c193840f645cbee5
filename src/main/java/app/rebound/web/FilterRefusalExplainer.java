package app.rebound.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Request filters that refuse a request (the CSRF check of quarkus-rest-csrf) answer a bare 400 with no body and
 * bypass {@link ErrorMappers}. Give that refusal the same clear page as every other error.
 */
public class FilterRefusalExplainer {
    static final String CSRF_MESSAGE = "The form was refused because its security token is missing or out of date. "
            + "Reload the page and try again.";

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        boolean unsafe = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        if (response.getStatus() != 400 || response.hasEntity() || !unsafe) {
            return;
        }
        boolean htmx = "true".equals(request.getHeaderString("HX-Request"));
        String html = (htmx ? ErrorMappers.Templates.error$message(400, "Bad request", CSRF_MESSAGE)
                : ErrorMappers.Templates.error(400, "Bad request", CSRF_MESSAGE)).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
