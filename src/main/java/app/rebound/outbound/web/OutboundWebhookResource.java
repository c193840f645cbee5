package app.rebound.outbound.web;

import app.rebound.outbound.EndpointService;
import app.rebound.outbound.EndpointService.Created;
import app.rebound.outbound.EndpointService.Detail;
import app.rebound.outbound.EndpointService.Row;
import app.rebound.outbound.EventType;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** "API & Webhooks": the tenant's outgoing webhook endpoints, their delivery log, test and redeliver. Admins. */
@Path("/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class OutboundWebhookResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Row> endpoints, List<EventType> types, String error, String url,
                String description, List<String> chosen);

        static native TemplateInstance show(Detail detail, List<EventType> types, String secret, String error);

        static native TemplateInstance show$log(Detail detail, List<EventType> types, String secret, String error);
    }

    private final EndpointService service;
    private final Flash flash;
    private final Htmx htmx;

    public OutboundWebhookResource(EndpointService service, Flash flash, Htmx htmx) {
        this.service = service;
        this.flash = flash;
        this.htmx = htmx;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(service.list(), EventType.subscribableTypes(), null, "", "", List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("url") String url, @FormParam("events") List<String> events,
            @FormParam("description") String description) {
        try {
            Created c = service.create(url, events, description);
            return Response.status(201).entity(Templates.show(service.detail(c.endpoint().id),
                    EventType.subscribableTypes(), c.secret(), null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(422).entity(Templates.index(service.list(), EventType.subscribableTypes(),
                    e.getMessage(), url, description, events == null ? List.of() : events)).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        Detail d = service.detail(Ids.parse(id, "webhook endpoint"));
        return htmx.isFragmentRequest() ? Templates.show$log(d, EventType.subscribableTypes(), null, null)
                : Templates.show(d, EventType.subscribableTypes(), null, null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @FormParam("url") String url,
            @FormParam("events") List<String> events, @FormParam("description") String description) {
        long endpoint = Ids.parse(id, "webhook endpoint");
        try {
            service.update(endpoint, url, events, description);
            flash.set("Endpoint saved.");
            return seeOther(endpoint);
        } catch (IllegalArgumentException e) {
            return Response.status(422).entity(Templates.show(service.detail(endpoint), EventType.subscribableTypes(),
                    null, e.getMessage())).build();
        }
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id) {
        return setEnabled(id, true, "Endpoint enabled: waiting deliveries go out now.");
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") String id) {
        return setEnabled(id, false,
                "Endpoint disabled: new events are not queued for it; queued ones wait until it is enabled again.");
    }

    private Response setEnabled(String id, boolean enabled, String message) {
        long endpoint = Ids.parse(id, "webhook endpoint");
        service.setEnabled(endpoint, enabled);
        flash.set(message);
        return seeOther(endpoint);
    }

    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) {
        long endpoint = Ids.parse(id, "webhook endpoint");
        flash.set("Test event " + service.sendTest(endpoint) + " queued: it appears in the log below once sent.");
        return seeOther(endpoint);
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") String id) {
        service.delete(Ids.parse(id, "webhook endpoint"));
        flash.set("Endpoint deleted with its delivery log.");
        return Response.seeOther(URI.create("/admin/webhooks")).build();
    }

    @POST
    @Path("{id}/deliveries/{delivery}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("delivery") String delivery) {
        long endpoint = Ids.parse(id, "webhook endpoint");
        try {
            service.redeliver(endpoint, Ids.parse(delivery, "delivery"));
            flash.set("Delivery queued again with the same event id.");
            return seeOther(endpoint);
        } catch (IllegalArgumentException e) {
            return Response.status(422).entity(Templates.show(service.detail(endpoint), EventType.subscribableTypes(),
                    null, e.getMessage())).build();
        }
    }

    private static Response seeOther(long endpoint) {
        return Response.seeOther(URI.create("/admin/webhooks/" + endpoint)).build();
    }
}
