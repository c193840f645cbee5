package app.rebound.ingest.web;

import app.rebound.ingest.InboundMessage;
import app.rebound.ingest.Quarantine;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Inputs that could not be parsed or linked: admins see the raw input and why, and reprocess or dismiss. */
@Path("/quarantine")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class QuarantineResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<InboundMessage.Summary> inputs, long total);

        static native TemplateInstance show(Quarantine.RawView input);
    }

    private final Quarantine quarantine;
    private final Flash flash;

    public QuarantineResource(Quarantine quarantine, Flash flash) {
        this.quarantine = quarantine;
        this.flash = flash;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(quarantine.list(), quarantine.count());
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return Templates.show(quarantine.raw(Ids.parse(id, "input")));
    }

    @POST
    @Path("{id}/reprocess")
    public Response reprocess(@PathParam("id") String id) {
        long input = Ids.parse(id, "input");
        flash.set(quarantine.reprocess(input) ? "Input " + input + " is queued to be processed again."
                : "Input " + input + " is not in quarantine any more.");
        return Response.seeOther(URI.create("/quarantine")).build();
    }

    @POST
    @Path("{id}/dismiss")
    public Response dismiss(@PathParam("id") String id) {
        long input = Ids.parse(id, "input");
        flash.set(quarantine.dismiss(input) ? "Input " + input + " was dismissed; its raw copy is kept for the retention period."
                : "Input " + input + " is not in quarantine any more.");
        return Response.seeOther(URI.create("/quarantine")).build();
    }
}
