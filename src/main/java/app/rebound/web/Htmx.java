package app.rebound.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.RequestScoped;

/**
 * The one place that knows htmx's request headers. One URL answers with the whole page or, for an htmx
 * request, only the fragment; {@link HtmxVaryFilter} adds {@code Vary: HX-Request} so caches keep the two apart.
 */
@RequestScoped
public class Htmx {
    private final HttpServerRequest request;
    private final HttpServerResponse response;

    public Htmx(HttpServerRequest request, HttpServerResponse response) {
        this.request = request;
        this.response = response;
    }

    /** True for an htmx request that is not a history restore (which needs the whole page). */
    public boolean isFragmentRequest() {
        return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }

    /** Announces a side effect to listeners on the page (HX-Trigger). */
    public void trigger(String event) {
        response.headers().set("HX-Trigger", event);
    }
}
