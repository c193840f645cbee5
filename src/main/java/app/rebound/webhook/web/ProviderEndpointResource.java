package app.rebound.webhook.web;

import app.rebound.ingest.provider.Provider;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import app.rebound.webhook.ProviderEndpointService;
import app.rebound.webhook.ProviderEndpointService.EndpointView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/** The tenant's provider webhook endpoints: the URLs to paste into each provider, create, rotate, delete. Admins. */
@Path("/webhook-endpoints")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class ProviderEndpointResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<EndpointView> endpoints, List<Provider> providers, String base,
                String error);
    }

    private final ProviderEndpointService service;
    private final Flash flash;

    public ProviderEndpointResource(ProviderEndpointService service, Flash flash) {
        this.service = service;
        this.flash = flash;
    }

    @GET
    public TemplateInstance index(@Context UriInfo uri) {
        return page(uri, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context UriInfo uri, @FormParam("provider") String provider, @FormParam("name") String name,
            @FormParam("key") String key, @FormParam("topicArn") String topicArn) {
        try {
            EndpointView e = service.create(Provider.fromId(provider), name, key, topicArn);
            flash.set("Endpoint '" + e.name() + "' created: paste its URL into " + e.provider().label() + ".");
            return Response.seeOther(URI.create("/webhook-endpoints")).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(page(uri, e.getMessage())).build();
        }
    }

    @POST
    @Path("{id}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@Context UriInfo uri, @PathParam("id") String id, @FormParam("key") String key) {
        try {
            EndpointView e = service.rotate(Ids.parse(id, "webhook endpoint"), key);
            flash.set("Endpoint '" + e.name() + "' has a new URL and credentials: update " + e.provider().label() + ".");
            return Response.seeOther(URI.create("/webhook-endpoints")).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(page(uri, e.getMessage())).build();
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id) {
        service.delete(Ids.parse(id, "webhook endpoint"));
        flash.set("Endpoint deleted: its URL no longer accepts events.");
        return Response.seeOther(URI.create("/webhook-endpoints")).build();
    }

    private TemplateInstance page(UriInfo uri, String error) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return Templates.index(service.list(), List.of(Provider.values()), base, error);
    }
}
