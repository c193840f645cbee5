package app.rebound.ingest.web;

import app.rebound.ingest.Quarantine;
import app.rebound.tenant.Role;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The raw input a bounce came from, as it arrived (escaped, inside pre), for everyone who reads bounce logs. */
@Path("/inbound")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class RawInputResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Quarantine.RawView input);
    }

    private final Quarantine inputs;

    public RawInputResource(Quarantine inputs) {
        this.inputs = inputs;
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return Templates.show(inputs.raw(Ids.parse(id, "input")));
    }
}
