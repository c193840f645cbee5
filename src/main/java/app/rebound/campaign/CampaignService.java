package app.rebound.campaign;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.BounceCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

@ApplicationScoped
@Transactional
public class CampaignService {
    public static final int BOUNCE_PAGE_SIZE = 50;

    /** One page of the bounce log plus whether there is a next page. */
    public record BounceLogPage(List<Bounce> rows, BounceCursor next) {
    }

    public List<Campaign> list() {
        return Campaign.newestFirst();
    }

    /** The campaign, or 404: another tenant's campaign is invisible, not forbidden. */
    public Campaign get(long id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw new NotFoundException("No campaign " + id + " in this organisation.");
        }
        c.list.name.length(); // initialise the lazy list for the template
        c.sendingServer.name.length();
        return c;
    }

    public BounceLogPage bounceLog(Campaign campaign, BounceCursor before) {
        return bounceLog(campaign, app.rebound.bounce.BounceLogFilter.NONE, before);
    }

    public BounceLogPage bounceLog(Campaign campaign, app.rebound.bounce.BounceLogFilter filter, BounceCursor before) {
        List<Bounce> rows = Bounce.pageForCampaign(campaign, filter, before, BOUNCE_PAGE_SIZE + 1);
        boolean more = rows.size() > BOUNCE_PAGE_SIZE;
        List<Bounce> page = more ? rows.subList(0, BOUNCE_PAGE_SIZE) : rows;
        return new BounceLogPage(List.copyOf(page), more ? BounceCursor.after(page.get(page.size() - 1)) : null);
    }

    public long bounceCount(Campaign campaign) {
        return Bounce.countForCampaign(campaign);
    }
}
