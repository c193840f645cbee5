package app.rebound.sendingserver.web;

import app.rebound.sendingserver.SendingServerService;
import app.rebound.sendingserver.SendingServerView;
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
import java.util.List;

/** Sending servers hold SMTP credentials: admins only, and pages never show the credentials. */
@Path("/sending-servers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class SendingServerResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<SendingServerView> servers);

        static native TemplateInstance show(SendingServerView server);
    }

    private final SendingServerService service;

    public SendingServerResource(SendingServerService service) {
        this.service = service;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(service.list());
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return Templates.show(service.get(Ids.parse(id, "sending server")));
    }
}
