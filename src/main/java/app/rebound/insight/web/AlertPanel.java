package app.rebound.insight.web;

import app.rebound.campaign.CampaignPause;
import app.rebound.insight.Alert;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * The ongoing alerts of one campaign or sending server, for pages other streams own: they include
 * {@code {#alertPanel alerts=inject:insightAlerts.forCampaign(campaign.id) /}} with a one-line edit.
 */
@Named("insightAlerts")
@RequestScoped
public class AlertPanel {
    private final CampaignPause pauses;

    public AlertPanel(CampaignPause pauses) {
        this.pauses = pauses;
    }

    public List<Alert> forCampaign(long campaignId) {
        return Alert.ongoingForCampaign(campaignId);
    }

    public List<Alert> forServer(long serverId) {
        return Alert.ongoingForServer(serverId);
    }

    /** Whether the campaign is paused (the bad-import alert offers Pause or Resume). */
    public boolean paused(Long campaignId) {
        return campaignId != null && pauses.isPaused(campaignId);
    }
}
