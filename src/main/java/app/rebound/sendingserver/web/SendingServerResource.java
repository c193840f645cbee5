package app.rebound.sendingserver.web;

import app.rebound.ingest.IngestMailboxes;
import app.rebound.sendingserver.SendingServerService;
import app.rebound.sendingserver.SendingServerView;
import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
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

/** Sending servers hold SMTP credentials: admins only, and pages never show the credentials. */
@Path("/sending-servers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class SendingServerResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<SendingServerView> servers);

        static native TemplateInstance show(SendingServerView server, IngestMailboxes.Settings mailbox);
    }

    private final SendingServerService service;
    private final IngestMailboxes mailboxes;
    private final CurrentMember member;
    private final Flash flash;

    public SendingServerResource(SendingServerService service, IngestMailboxes mailboxes, CurrentMember member, Flash flash) {
        this.service = service;
        this.mailboxes = mailboxes;
        this.member = member;
        this.flash = flash;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(service.list());
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        SendingServerView server = service.get(Ids.parse(id, "sending server"));
        return Templates.show(server, mailboxes.settingsOf(member.currentTenantId(), server.id()).orElse(null));
    }

    /** The server's bounce mailbox (IMAP), read by the poller; the secret is sealed and never shown back. */
    @POST
    @Path("{id}/mailbox")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveMailbox(@PathParam("id") String id, @FormParam("host") String host, @FormParam("port") String port,
                                @FormParam("tls") String tls, @FormParam("username") String username,
                                @FormParam("secret") String secret, @FormParam("folder") String folder,
                                @FormParam("processedFolder") String processedFolder) {
        SendingServerView server = service.get(Ids.parse(id, "sending server"));
        int portNumber;
        try {
            portNumber = Integer.parseInt(port == null ? "" : port.strip());
        } catch (NumberFormatException e) {
            throw new ClientErrorException("The mailbox port must be a number from 1 to 65535.", 422);
        }
        try {
            mailboxes.save(member.currentTenantId(), server.id(), host, portNumber, tls, username, secret, folder,
                    processedFolder);
        } catch (IllegalArgumentException e) {
            throw new ClientErrorException(e.getMessage() + ".", 422);
        }
        flash.set("Bounce mailbox saved: Rebound reads it every minute and moves what it stored to " + processedFolder.strip()
                + ".");
        return Response.seeOther(URI.create("/sending-servers/" + server.id())).build();
    }
}
