package app.rebound.sendingserver.web;

import app.rebound.bounce.Bounce;
import app.rebound.ingest.IngestMailboxes;
import app.rebound.sending.SendingSql;
import app.rebound.sending.ServerAdmin;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.ServerSettings;
import app.rebound.sendingserver.TlsMode;
import app.rebound.web.Htmx;
import jakarta.ws.rs.BeanParam;
import java.time.Duration;
import java.time.Instant;
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

/**
 * Sending servers hold SMTP credentials: admins only, and pages never show the secret (a new one replaces it, an
 * empty field keeps it). List, create, edit, enable or disable, test the connection; the detail shows the server's
 * recent bounces, alerts, flagged IPs and its bounce mailbox.
 */
@Path("/sending-servers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class SendingServerResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<SendingServerView> servers);

        static native TemplateInstance show(SendingServerView server, IngestMailboxes.Settings mailbox, List<Bounce> bounces,
                                            List<SendingSql.FlaggedIp> flaggedIps, ServerAdmin.ConnectionTest test);

        static native TemplateInstance show$test(SendingServerView server, ServerAdmin.ConnectionTest test);

        static native TemplateInstance form(Long id, ServerSettings form, List<String> problems, List<TlsMode> tlsModes,
                                            List<RetryPolicy> policies);
    }

    static final int RECENT_BOUNCES = 20;
    static final Duration RECENT_WINDOW = Duration.ofDays(30);

    private final SendingServerService service;
    private final ServerAdmin admin;
    private final SendingSql sql;
    private final IngestMailboxes mailboxes;
    private final CurrentMember member;
    private final Flash flash;
    private final Htmx htmx;

    public SendingServerResource(SendingServerService service, ServerAdmin admin, SendingSql sql, IngestMailboxes mailboxes,
                                 CurrentMember member, Flash flash, Htmx htmx) {
        this.service = service;
        this.admin = admin;
        this.sql = sql;
        this.mailboxes = mailboxes;
        this.member = member;
        this.flash = flash;
        this.htmx = htmx;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(service.list());
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        return form(null, ServerSettings.blank(), List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam SettingsForm f) {
        ServerSettings settings = f.settings();
        try {
            long id = admin.create(settings);
            flash.set("Sending server " + settings.name() + " added. Test the connection below before sending through it.");
            return Response.seeOther(URI.create("/sending-servers/" + id)).build();
        } catch (ServerAdmin.InvalidSettings e) {
            return Response.status(422).entity(form(null, settings.withoutSecret(), e.problems())).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return page(service.get(Ids.parse(id, "sending server")), null);
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") String id) {
        long serverId = Ids.parse(id, "sending server");
        return form(serverId, service.settings(serverId), List.of());
    }

    /** Saves the settings; a policy change re-times the retries not yet due (the flash says how many). */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @BeanParam SettingsForm f) {
        long serverId = service.get(Ids.parse(id, "sending server")).id();
        ServerSettings settings = f.settings();
        try {
            ServerAdmin.Saved saved = admin.update(serverId, settings);
            flash.set("Settings saved." + (saved.policyChanged() ? " New retry policy: " + saved.retimed().retimed()
                    + " retries not yet due were re-timed from their last soft bounce" + (saved.retimed().beyondPolicy() > 0
                    ? "; " + saved.retimed().beyondPolicy() + " beyond the new policy's count keep their time and are made once more"
                    : "") + "." : ""));
            return Response.seeOther(URI.create("/sending-servers/" + serverId)).build();
        } catch (ServerAdmin.InvalidSettings e) {
            return Response.status(422).entity(form(serverId, settings.withoutSecret(), e.problems())).build();
        }
    }

    /** Enables or disables the server: campaigns on a disabled server pause and their retries wait. */
    @POST
    @Path("{id}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setEnabled(@PathParam("id") String id, @FormParam("enabled") String enabled) {
        long serverId = service.get(Ids.parse(id, "sending server")).id();
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw new ClientErrorException("Say enabled=true or enabled=false.", 422);
        }
        admin.setEnabled(serverId, Boolean.parseBoolean(enabled));
        flash.set(Boolean.parseBoolean(enabled) ? "Enabled: paused campaigns on this server resume and waiting retries are sent."
                : "Disabled: campaigns on this server pause (Send now is refused) and their retries wait until it is enabled again.");
        return Response.seeOther(URI.create("/sending-servers/" + serverId)).build();
    }

    /** Really connects (EHLO, TLS, login when a user is set, QUIT) and shows the server's answer or the error. */
    @POST
    @Path("{id}/test")
    public TemplateInstance testConnection(@PathParam("id") String id) {
        SendingServerView server = service.get(Ids.parse(id, "sending server"));
        ServerAdmin.ConnectionTest test = admin.testConnection(server.id());
        return htmx.isFragmentRequest() ? Templates.show$test(server, test) : page(server, test);
    }

    private TemplateInstance page(SendingServerView server, ServerAdmin.ConnectionTest test) {
        String tenant = member.currentTenantId();
        return Templates.show(server, mailboxes.settingsOf(tenant, server.id()).orElse(null),
                Bounce.recentForServer(server.id(), Instant.now().minus(RECENT_WINDOW), RECENT_BOUNCES),
                sql.flaggedIps(tenant, server.id()), test);
    }

    private static TemplateInstance form(Long id, ServerSettings settings, List<String> problems) {
        return Templates.form(id, settings, problems, List.of(TlsMode.values()), List.of(RetryPolicy.values()));
    }

    /** The settings form's fields. */
    public static class SettingsForm {
        @FormParam("name")
        String name;
        @FormParam("host")
        String host;
        @FormParam("port")
        String port;
        @FormParam("tls")
        String tls;
        @FormParam("username")
        String username;
        @FormParam("secret")
        String secret;
        @FormParam("returnPathDomain")
        String returnPathDomain;
        @FormParam("rateLimit")
        String rateLimit;
        @FormParam("retryPolicy")
        String retryPolicy;

        ServerSettings settings() {
            return new ServerSettings(name, host, port, tls, username, secret, returnPathDomain, rateLimit, retryPolicy);
        }
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
