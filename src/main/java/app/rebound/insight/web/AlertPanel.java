package app.rebound.insight.web;

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
    public List<Alert> forCampaign(long campaignId) {
        return Alert.ongoingForCampaign(campaignId);
    }

    public List<Alert> forServer(long serverId) {
        return Alert.ongoingForServer(serverId);
    }
}
