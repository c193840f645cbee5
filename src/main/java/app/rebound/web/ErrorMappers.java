package app.rebound.web;

import app.rebound.tenant.CurrentMember;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a person can cause answers with a clear page (or, for htmx, a fragment) and the right 4xx:
 * never a stack trace, never a 500 for bad input.
 */
public class ErrorMappers {

    @CheckedTemplate(basePath = "Errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);

        static native TemplateInstance error$message(int status, String title, String message);
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 300 && status < 400) {
            return e.getResponse();
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406, 415 -> "Unsupported format";
            case 413 -> "Too large";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
        String message = status >= 500 ? "The server could not complete this request." : messageOf(e, status);
        return render(headers, status, title, message);
    }

    private final CurrentMember member;

    public ErrorMappers(CurrentMember member) {
        this.member = member;
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        String message = member.memberships().isEmpty()
                ? "You are logged in as " + member.name() + ", but you are not a member of any organisation yet. "
                        + "Ask an admin of your organisation to add you."
                : "Your role in this organisation does not allow this.";
        return render(headers, 403, "Not allowed", message);
    }

    /**
     * Anything unexpected (a database error, a bug): a plain 500 page with a reference to the log entry, never the
     * exception, SQL or source (dev mode would otherwise show them to whoever sent the request).
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders headers) {
        String ref = java.util.UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(e, "Unexpected error (ref %s)", ref);
        return render(headers, 500, "Something went wrong",
                "The server could not complete this request. If it keeps happening, quote reference " + ref + ".");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
        return render(headers, 401, "Please log in", "You need to log in first.");
    }

    private static String messageOf(WebApplicationException e, int status) {
        String m = e.getMessage();
        if (m == null || m.startsWith("HTTP ")) {
            return switch (status) {
                case 404 -> "There is nothing here, or it belongs to another organisation.";
                case 405 -> "This address does not accept that kind of request.";
                default -> "The request could not be processed.";
            };
        }
        return m;
    }

    private static Response render(HttpHeaders headers, int status, String title, String message) {
        boolean htmx = "true".equals(headers.getHeaderString("HX-Request"));
        List<MediaType> accept = headers.getAcceptableMediaTypes();
        boolean wantsJson = !accept.isEmpty() && accept.get(0).isCompatible(MediaType.APPLICATION_JSON_TYPE)
                && !accept.get(0).isWildcardType();
        if (wantsJson) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("status", status, "title", title, "message", message)).build();
        }
        TemplateInstance t = htmx ? Templates.error$message(status, title, message) : Templates.error(status, title, message);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }
}
