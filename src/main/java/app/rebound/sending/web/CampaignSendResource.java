package app.rebound.sending.web;

import app.rebound.campaign.Campaign;
import app.rebound.sending.CampaignSender;
import app.rebound.sending.SendingSql;
import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * A campaign's sending: the send button, progress while it goes out (htmx polls the panel), and its retries pending
 * and done. Linked from the campaign page as its own tab.
 */
@Path("/campaigns/{id}/sending")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class CampaignSendResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Campaign campaign, SendingSql.Progress progress, Map<String, Integer> retries);

        static native TemplateInstance show$panel(Campaign campaign, SendingSql.Progress progress, Map<String, Integer> retries);
    }

    private final CampaignSender sender;
    private final SendingSql sql;
    private final CurrentMember member;
    private final Htmx htmx;
    private final Flash flash;

    public CampaignSendResource(CampaignSender sender, SendingSql sql, CurrentMember member, Htmx htmx, Flash flash) {
        this.sender = sender;
        this.sql = sql;
        this.member = member;
        this.htmx = htmx;
        this.flash = flash;
    }

    private Campaign campaign(String id) {
        Campaign c = Campaign.findById(Ids.parse(id, "campaign"));
        if (c == null) {
            throw new NotFoundException("No such campaign");
        }
        return c;
    }

    @GET
    public TemplateInstance show(@PathParam("id") String id) {
        Campaign c = campaign(id);
        String tenant = member.currentTenantId();
        SendingSql.Progress p = sql.progress(tenant, c.id).orElse(null);
        Map<String, Integer> retries = sql.retryCounts(tenant, c.id);
        return htmx.isFragmentRequest() ? Templates.show$panel(c, p, retries) : Templates.show(c, p, retries);
    }

    /** Starts the send (once; a second press changes nothing); the mails go out from the scheduler. */
    @POST
    public Response send(@PathParam("id") String id) {
        Campaign c = campaign(id);
        try {
            SendingSql.Progress p = sender.request(member.currentTenantId(), c.id);
            flash.set("Sending to " + p.total() + " recipients (" + p.skipped() + " skipped: unsubscribed, bounced or suppressed).");
        } catch (CampaignSender.SendRefusedException e) {
            flash.set("Not sent: " + e.getMessage());
        }
        return Response.seeOther(URI.create("/campaigns/" + c.id + "/sending")).build();
    }
}
