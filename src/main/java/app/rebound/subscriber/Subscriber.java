package app.rebound.subscriber;

import app.rebound.mailinglist.MailingList;
import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

@Entity
public class Subscriber extends TenantOwned {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "list_id")
    public MailingList list;
    public String email;
    public SubscriberStatus status = SubscriberStatus.SUBSCRIBED;
    public Instant statusChangedAt = Instant.now();
    public String statusReason;
    public Instant createdAt = Instant.now();
    /** Sends still watched after a re-add (2 after a re-add, counted down by each send). */
    public short watchSendsLeft;
    /** Set when a watched send bounced: no automatic reactivation may bring this subscriber back. */
    public boolean autoReactivationBlocked;

    /** Whether the next send to this subscriber is one of the watched sends after a re-add. */
    public boolean isWatched() {
        return watchSendsLeft > 0;
    }

    /** A send went out to this subscriber: counts down the watched sends after a re-add (call once per send). */
    public void recordSend() {
        if (watchSendsLeft > 0) {
            watchSendsLeft--;
        }
    }

    /** Records a status change with when and why; a no-op when the status is unchanged. */
    public void changeStatus(SubscriberStatus newStatus, String why, Instant at) {
        if (newStatus == status) {
            return;
        }
        status = newStatus;
        statusReason = why == null ? null : why.substring(0, Math.min(why.length(), 500));
        statusChangedAt = at;
    }

    /**
     * One page of the subscriber list: emails containing {@code query} (case-insensitive), ordered by
     * email then id, starting after the keyset cursor ({@code afterEmail}, {@code afterId}) when given.
     * The list is fetched with each row because pages render after the transaction has ended.
     */
    /** The subscriber with its list (for the detail page), or null: another tenant's id finds nothing. */
    public static Subscriber withList(long id) {
        return find("from Subscriber s join fetch s.list where s.id = :id", Parameters.with("id", id)).firstResult();
    }

    public static List<Subscriber> page(String query, String afterEmail, Long afterId, int size) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (afterEmail == null) {
            return find("from Subscriber s join fetch s.list where s.email like :like escape '\\' order by s.email, s.id",
                    Parameters.with("like", like)).page(0, size).list();
        }
        return find("from Subscriber s join fetch s.list where s.email like :like escape '\\'"
                + " and (s.email > :e or (s.email = :e and s.id > :id)) order by s.email, s.id",
                Parameters.with("like", like).and("e", afterEmail).and("id", afterId)).page(0, size).list();
    }
}
