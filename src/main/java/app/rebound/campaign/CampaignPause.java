package app.rebound.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;

/**
 * Pausing a campaign stops its send between two batches: the sender's claim skips a paused campaign's pending
 * recipients (one condition in {@code SendingSql.claim}); resuming lets the next poll carry on where it stopped.
 */
@ApplicationScoped
@Transactional
public class CampaignPause {

    /** Returns the campaign's name; 404 for an unknown id or another tenant's campaign. */
    public String pause(long id, Instant now) {
        Campaign c = find(id);
        if (c.pausedAt == null) {
            c.pausedAt = now;
        }
        return c.name;
    }

    public String resume(long id) {
        Campaign c = find(id);
        c.pausedAt = null;
        return c.name;
    }

    public boolean isPaused(long id) {
        Campaign c = Campaign.findById(id);
        return c != null && c.isPaused();
    }

    private static Campaign find(long id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw new NotFoundException("No campaign " + id + " in this organisation.");
        }
        return c;
    }
}
