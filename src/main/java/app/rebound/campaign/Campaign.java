package app.rebound.campaign;

import app.rebound.mailinglist.MailingList;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;

@Entity
public class Campaign extends TenantOwned {
    public String name;
    public String subject;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "list_id")
    public MailingList list;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sending_server_id")
    public SendingServer sendingServer;
    public Instant sentAt;
    public int recipientsCount;
    public Instant createdAt = Instant.now();
    /** Set while the campaign is paused: the sender claims none of its pending recipients (SendingSql.claim). */
    public Instant pausedAt;

    public boolean isPaused() {
        return pausedAt != null;
    }

    public static List<Campaign> newestFirst() {
        return find("select c from Campaign c join fetch c.list join fetch c.sendingServer "
                + "order by c.sentAt desc nulls first, c.id desc").list();
    }
}
