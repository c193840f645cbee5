package app.rebound.subscriber.web;

import app.rebound.subscriber.Confirmations.Link;
import app.rebound.subscriber.Confirmations.State;
import app.rebound.subscriber.PublicConfirmation;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The page a confirmation link opens: public (the token is the proof, no login), a GET only shows what the link is
 * for and a button; the POST of that button re-subscribes. Unknown, expired and used links answer a page saying so.
 */
@Path("/confirm")
@Produces(MediaType.TEXT_HTML)
public class ConfirmResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Link link);
    }

    private final PublicConfirmation confirmation;

    public ConfirmResource(PublicConfirmation confirmation) {
        this.confirmation = confirmation;
    }

    @GET
    @Path("{token}")
    public Response show(@PathParam("token") String token) {
        Link link = confirmation.view(token);
        return Response.status(statusOf(link.state())).entity(Templates.page(link)).build();
    }

    @POST
    @Path("{token}")
    public Response confirm(@PathParam("token") String token) {
        Link link = confirmation.confirm(token);
        return Response.status(statusOf(link.state())).entity(Templates.page(link)).build();
    }

    private static int statusOf(State state) {
        return switch (state) {
            case PENDING, CONFIRMED, USED, ALREADY_SUBSCRIBED -> 200;
            case UNKNOWN -> 404;
            case EXPIRED -> 410;
            case SUPPRESSED -> 409;
        };
    }
}
