package app.rebound.subscriber.web;

import app.rebound.subscriber.Confirmations;
import app.rebound.subscriber.DirectReadd;
import app.rebound.subscriber.SubscriberCursor;
import app.rebound.subscriber.Reclassify;
import app.rebound.subscriber.SubscriberLifecycle;
import app.rebound.subscriber.SubscriberLifecycle.DirectRequest;
import app.rebound.tenant.CurrentMember;
import app.rebound.web.Flash;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.List;
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
    private final SubscriberLifecycle lifecycle;
    private final CurrentMember member;
    private final Flash flash;
    private final Reclassify reclassify;
    private final Confirmations confirmations;
    private final Optional<String> publicUrl;
    private final DirectReadd directReadd;

    public SubscriberResource(SubscriberService service, Htmx htmx, SubscriberLifecycle lifecycle, CurrentMember member,
            Flash flash, Reclassify reclassify, Confirmations confirmations,
            @ConfigProperty(name = "rebound.public-url") Optional<String> publicUrl, DirectReadd directReadd) {
        this.directReadd = directReadd;
        this.confirmations = confirmations;
        this.publicUrl = publicUrl;
        this.reclassify = reclassify;
        this.service = service;
        this.htmx = htmx;
        this.lifecycle = lifecycle;
        this.member = member;
        this.flash = flash;
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

    /** Re-add one subscriber on a recorded direct request (support, admin); refused without complete evidence. */
    @POST
    @Path("{id}/readd")
    @RolesAllowed(Role.SUPPORT_NAME)
    public Response readd(@PathParam("id") String id, @FormParam("requestedBy") String requestedBy,
            @FormParam("requestedAt") String requestedAt, @FormParam("channel") String channel, @FormParam("note") String note) {
        long sid = Ids.parse(id, "subscriber");
        String firstMail;
        try {
            firstMail = directReadd.readd(sid, new DirectRequest(requestedBy, requestedAt, channel, note), member.name());
        } catch (SubscriberLifecycle.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        flash.set("Re-subscribed on the recorded request. " + firstMail + " The next " + SubscriberLifecycle.WATCHED_SENDS
                + " sends are watched: a bounce flips the address back and blocks automatic reactivation.");
        return Response.seeOther(URI.create("/subscribers/" + sid)).build();
    }

    /**
     * Mail the subscriber a confirmation link (support, admin): the click on its page re-subscribes. Links point at
     * {@code rebound.public-url} when set, else at the address this page was requested on.
     */
    @POST
    @Path("{id}/confirmation")
    @RolesAllowed(Role.SUPPORT_NAME)
    public Response sendConfirmation(@PathParam("id") String id, @FormParam("note") String note, @Context UriInfo uri) {
        long sid = Ids.parse(id, "subscriber");
        Confirmations.Mailed m;
        try {
            m = confirmations.request(sid, note, member.name(), publicUrl.orElse(uri.getBaseUri().toString()), Instant.now());
        } catch (SubscriberLifecycle.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        flash.set("A confirmation link was mailed to " + m.email() + ", valid until " + Confirmations.minutes(m.expiresAt())
                + " UTC. The click re-subscribes; the status stays as it is until then.");
        return Response.seeOther(URI.create("/subscribers/" + sid)).build();
    }

    /** Support corrects a bounce's classification with a note; the subscriber's status is re-derived. */
    @POST
    @Path("bounces/{bounceId}/reclassify")
    @RolesAllowed(Role.SUPPORT_NAME)
    public Response reclassify(@PathParam("bounceId") String bounceId, @FormParam("type") String type,
            @FormParam("fault") String fault, @FormParam("note") String note) {
        Reclassify.Result r;
        try {
            r = reclassify.reclassify(Ids.parse(bounceId, "bounce"), type, fault, note, member.name());
        } catch (SubscriberLifecycle.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        if (r.bounce().subscriber == null) {
            flash.set("The bounce was reclassified.");
            return Response.seeOther(URI.create("/campaigns")).build();
        }
        flash.set(r.before() == r.after() ? "The bounce was reclassified; the status stays " + r.after().label() + "."
                : "The bounce was reclassified; the status was re-derived: " + r.before().label() + " → " + r.after().label() + ".");
        return Response.seeOther(URI.create("/subscribers/" + r.bounce().subscriber.id)).build();
    }

    /** Bulk re-add does not exist: whatever ids are posted, the answer is 409 with the reason. */
    @POST
    @Path("readd")
    @RolesAllowed(Role.MARKETER_NAME)
    public Response bulkReadd(@FormParam("id") List<String> ids) {
        throw new ClientErrorException(lifecycle.bulkRefusal().getMessage(), 409);
    }

    /** Nor bulk confirmation links: a mass mailing to bounced addresses is the damage the rule prevents. */
    @POST
    @Path("confirmation")
    @RolesAllowed(Role.MARKETER_NAME)
    public Response bulkConfirmation(@FormParam("id") List<String> ids) {
        throw new ClientErrorException(lifecycle.bulkRefusal().getMessage(), 409);
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
