package app.rebound.bounce;

import app.rebound.campaign.Campaign;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.subscriber.Subscriber;
import app.rebound.tenant.TenantOwned;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;

/** One bounce, complaint or auto-reply for one recipient, as recorded. Table partitioned by month. */
@Entity
public class Bounce extends TenantOwned {
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "campaign_id")
    public Campaign campaign;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;
    /** The same column as {@link #subscriber}, read only: the subscriber's id without loading it (for links). */
    @jakarta.persistence.Column(name = "subscriber_id", insertable = false, updatable = false)
    public Long subscriberId;
    public String recipientEmail;
    public BounceType type;
    /** Enhanced status code (RFC 3463), e.g. 5.1.1; null when the receiver gave none. */
    public String statusCode;
    /** SMTP basic reply code, e.g. 550; null when unknown. */
    public Short replyCode;
    /** Reason in Sisimai's vocabulary (userunknown, mailboxfull, blocked, ...). */
    public String reason;
    public Fault fault = Fault.UNKNOWN;
    /** The receiver's verbatim reply. Rendered escaped, inside pre/code only. */
    public String diagnostic;
    public Instant occurredAt;
    public Instant recordedAt = Instant.now();
    /** Where the raw evidence is: a stored message id, a webhook event id, an SMTP session log reference. */
    public String rawRef;
    /** The engine's verdict: stop mailing the address (recipient-fault permanent failures only). */
    public boolean suppress;
    /** Machine id of the engine rule that decided, and its sentence for people. */
    public String rule;
    public String why;
    public boolean trapSuspicion;
    /** ARF Feedback-Type of a complaint (abuse, fraud, ...). */
    public String feedbackType;
    public String remoteMta;
    public String sendingIp;
    /** The provider's own words for a webhook event. */
    public String providerClassification;
    /** "Investigate: your side": a sender-fault or 5.7.x failure; the subscriber is not flipped. */
    public boolean investigate;
    /** What the auto-actions did: bounced, unsubscribed, investigate, retry, recorded (null for seeded rows). */
    public String action;
    public String actionHint;
    /** The stored input (inbound_message) this bounce came from; its raw bytes are kept for the retention period. */
    public Long inboundId;
    public String eventKey;
    public String messageId;
    public String linkSource;
    public Long sendingServerId;
    /** Registrable domain of the recipient (public suffix + 1). */
    public String recipientDomain;

    /** This bounce's keyset position as a URL token: with the partition key, it finds the row in one partition. */
    public String cursorToken() {
        return BounceCursor.after(this).token();
    }

    /** One bounce of a campaign by its keyset position (see {@link #cursorToken}); null when there is none. */
    public static Bounce ofCampaignAt(Campaign campaign, BounceCursor at) {
        return find("campaign = :c and id = :id and occurredAt = :t",
                Parameters.with("c", campaign).and("id", at.id()).and("t", at.occurredAt())).firstResult();
    }

    /**
     * The live view of the bounce log: bounces of the campaign recorded after {@code since}, newest first. The
     * bound on occurredAt (the partition key) keeps the scan to recent partitions and the log index's range.
     */
    public static List<Bounce> recordedSince(Campaign campaign, Instant since, Instant occurredFloor, int limit) {
        return find("campaign = :c and occurredAt >= :floor and recordedAt > :since order by recordedAt desc, id desc",
                Parameters.with("c", campaign).and("floor", occurredFloor).and("since", since)).page(0, limit).list();
    }

    /** A subscriber's bounce history, newest first, with each bounce's campaign (for links). */
    public static List<Bounce> historyOf(Subscriber subscriber, int limit) {
        return find("from Bounce b left join fetch b.campaign where b.subscriber = :s order by b.occurredAt desc, b.id desc",
                Parameters.with("s", subscriber)).page(0, limit).list();
    }

    public static long countForCampaign(Campaign campaign) {
        return count("campaign", campaign);
    }

    /** Recent bounces of the campaigns sent through a sending server, newest first; the floor keeps the scan to recent partitions. */
    public static List<Bounce> recentForServer(long serverId, Instant floor, int limit) {
        return find("from Bounce b join fetch b.campaign c where c.sendingServer.id = :srv and b.occurredAt >= :floor"
                + " order by b.occurredAt desc, b.id desc", Parameters.with("srv", serverId).and("floor", floor)).page(0, limit).list();
    }
}
