package app.rebound.campaign;

import java.time.Instant;

/**
 * What the bounce-log tab says of its campaign above the log (name, subject, list, sending server, when it was sent,
 * recipients), read with its counters in one plain JDBC statement ({@link app.rebound.bounce.BounceLogSql#heading}).
 */
public record CampaignHeading(long id, String tenantId, String name, String subject, String listName, String serverName,
                              Instant sentAt, int recipientsCount) {
    /** The heading of a campaign loaded as an entity, with its list and sending server. */
    public static CampaignHeading of(Campaign c) {
        return new CampaignHeading(c.id, c.tenantId, c.name, c.subject, c.list.name, c.sendingServer.name, c.sentAt,
                c.recipientsCount);
    }
}
