package app.rebound.demo.web;

import app.rebound.demo.DemoBounces;
import app.rebound.tenant.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Dev-mode demo: send a few real bounce mails to the SMTP listener and watch them arrive in the bounce log. */
@Path("/demo/bounces")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class DemoBounceResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(boolean available, DemoBounces.Sent sent);
    }

    private final DemoBounces demo;

    public DemoBounceResource(DemoBounces demo) {
        this.demo = demo;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(demo.available(), null);
    }

    @POST
    public TemplateInstance send() {
        if (!demo.available()) {
            throw new WebApplicationException("The SMTP listener is not running (rebound.smtp.enabled=false).",
                    Response.Status.CONFLICT);
        }
        try {
            return Templates.index(true, demo.send());
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.CONFLICT);
        }
    }
}
