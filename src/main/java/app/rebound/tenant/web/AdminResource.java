package app.rebound.tenant.web;

import app.rebound.crm.ReactivationRun;
import app.rebound.tenant.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The organisation's admin area: members, API tokens, webhooks, alert thresholds, and the auto-reactivation runs. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ReactivationRun> runs);
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(ReactivationRun.newest(10));
    }
}
