package app.rebound.insight.web;

import app.rebound.insight.DkimCheck;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.Role;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The DKIM DNS check from a sending server's page: selector + domain → the TXT record and whether it is a key. */
@Path("/sending-servers/{id}/dkim")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class DkimCheckResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance check(SendingServer server, String selector, String domain, DkimCheck.Result result);

        static native TemplateInstance check$result(DkimCheck.Result result);
    }

    private final DkimCheck dkim;
    private final Htmx htmx;

    public DkimCheckResource(DkimCheck dkim, Htmx htmx) {
        this.dkim = dkim;
        this.htmx = htmx;
    }

    @GET
    @Transactional
    public TemplateInstance check(@PathParam("id") String id, @QueryParam("selector") String selector,
            @QueryParam("domain") String domain) {
        SendingServer server = SendingServer.findById(Ids.parse(id, "sending server"));
        if (server == null) {
            throw new NotFoundException("No sending server " + id + " in this organisation.");
        }
        if (selector == null && domain == null) {
            return Templates.check(server, "", server.returnPathDomain, null);
        }
        DkimCheck.Result result;
        try {
            result = dkim.check(selector, domain);
        } catch (IllegalArgumentException e) {
            throw new ClientErrorException(e.getMessage() + ".", 422);
        }
        return htmx.isFragmentRequest() ? Templates.check$result(result) : Templates.check(server, selector, domain, result);
    }
}
