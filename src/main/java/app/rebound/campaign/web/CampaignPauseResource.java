package app.rebound.campaign.web;

import app.rebound.campaign.CampaignPause;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;

/** Pause and resume a campaign's send (the bad-import alert's button); back to the alerts, the campaign's sending tab or the campaign. */
@Path("/campaigns/{id}")
@RolesAllowed(Role.MARKETER_NAME)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class CampaignPauseResource {
    private final CampaignPause pauses;
    private final Flash flash;

    public CampaignPauseResource(CampaignPause pauses, Flash flash) {
        this.pauses = pauses;
        this.flash = flash;
    }

    @POST
    @Path("pause")
    public Response pause(@PathParam("id") String id, @FormParam("back") String back) {
        long campaign = Ids.parse(id, "campaign");
        String name = pauses.pause(campaign, Instant.now());
        flash.set("Campaign “" + name + "” is paused: nothing more goes out until you resume it.");
        return back(back, campaign);
    }

    @POST
    @Path("resume")
    public Response resume(@PathParam("id") String id, @FormParam("back") String back) {
        long campaign = Ids.parse(id, "campaign");
        String name = pauses.resume(campaign);
        flash.set("Campaign “" + name + "” resumed: its remaining recipients are sent on the next run.");
        return back(back, campaign);
    }

    private static Response back(String back, long campaign) {
        String to = "alerts".equals(back) ? "/alerts"
                : "sending".equals(back) ? "/campaigns/" + campaign + "/sending" : "/campaigns/" + campaign;
        return Response.seeOther(URI.create(to)).build();
    }
}
