package app.rebound.subscriber.web;

import app.rebound.subscriber.SubscriberCursor;
import app.rebound.subscriber.SubscriberService;
import app.rebound.subscriber.SubscriberService.SubscriberDetail;
import app.rebound.subscriber.SubscriberService.SubscriberPage;
import app.rebound.tenant.Role;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/subscribers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class SubscriberResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(SubscriberPage page);

        static native TemplateInstance index$results(SubscriberPage page);

        static native TemplateInstance show(SubscriberDetail detail);
    }

    private final SubscriberService service;
    private final Htmx htmx;

    public SubscriberResource(SubscriberService service, Htmx htmx) {
        this.service = service;
        this.htmx = htmx;
    }

    /** The list, or for htmx (search box, "Next") only the results fragment. */
    @GET
    public TemplateInstance index(@QueryParam("q") String q, @QueryParam("after") String after) {
        SubscriberPage page = service.search(q, parseCursor(after));
        return htmx.isFragmentRequest() ? Templates.index$results(page) : Templates.index(page);
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return Templates.show(service.get(Ids.parse(id, "subscriber")));
    }

    private static SubscriberCursor parseCursor(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            return SubscriberCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid paging cursor: use the links on the page to move between pages.");
        }
    }
}
