package app.rebound.campaign.web;

import app.rebound.bounce.BounceCursor;
import app.rebound.campaign.Campaign;
import app.rebound.campaign.CampaignService;
import app.rebound.campaign.CampaignService.BounceLogPage;
import app.rebound.tenant.Role;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class CampaignResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Campaign> campaigns);

        static native TemplateInstance bounces(Campaign campaign, long bounceCount, BounceLogPage page);

        static native TemplateInstance bounces$rows(Campaign campaign, BounceLogPage page);
    }

    private final CampaignService service;
    private final Htmx htmx;

    public CampaignResource(CampaignService service, Htmx htmx) {
        this.service = service;
        this.htmx = htmx;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(service.list());
    }

    /** The campaign page opens on its Bounce log tab. */
    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return bounces(id, null);
    }

    @GET
    @Path("{id}/bounces")
    public TemplateInstance bounces(@PathParam("id") String id, @QueryParam("before") String before) {
        Campaign campaign = service.get(Ids.parse(id, "campaign"));
        BounceCursor cursor = parseCursor(before);
        BounceLogPage page = service.bounceLog(campaign, cursor);
        if (htmx.isFragmentRequest() && cursor != null) {
            return Templates.bounces$rows(campaign, page);
        }
        return Templates.bounces(campaign, service.bounceCount(campaign), page);
    }

    private static BounceCursor parseCursor(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            return BounceCursor.parse(before);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid paging cursor: use the links on the page to move between pages.");
        }
    }
}
