package app.rebound.sending;

import app.rebound.campaign.Campaign;
import app.rebound.engine.ReboundHeaders;
import app.rebound.engine.Verp;
import app.rebound.ingest.VerpKeys;
import app.rebound.sendingserver.SendingServer;
import app.rebound.subscriber.Subscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One mail to one subscriber outside a campaign send, linked to a campaign as its campaign mail is (the campaign's
 * sending server, a VERP return path, Rebound's headers, a Message-ID that names campaign and subscriber), so a
 * bounce of it is recorded like any other: the auto-reactivation test mail, a re-add's confirmation link and the
 * first mail after a re-add. {@link #prepare} runs in the tenant's transaction; {@link #send} and
 * {@link #sendWatched} after it has committed (no transaction held open over SMTP).
 */
@ApplicationScoped
public class SingleMail {
    private final SmtpSender smtp;
    private final VerpKeys verpKeys;
    private final Rejections rejections;
    private final SendingConfig sending;
    private final SendingSql sendingSql;

    public SingleMail(SmtpSender smtp, VerpKeys verpKeys, Rejections rejections, SendingConfig sending, SendingSql sendingSql) {
        this.smtp = smtp;
        this.verpKeys = verpKeys;
        this.rejections = rejections;
        this.sending = sending;
        this.sendingSql = sendingSql;
    }

    /** A mail ready to go, with where it goes. */
    public record Prepared(long campaignId, long subscriberId, long serverId, SmtpTarget target, OutgoingMail mail) {
        public String messageId() {
            return mail.headers().get("Message-ID");
        }
    }

    /** The mail cannot go through this campaign's server; the message says why in words. */
    public static class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Prepares a mail to {@code s} through {@code campaign}'s sending server (in the tenant's transaction): refused when
     * the server is disabled or its return-path domain belongs to another account (an unclaimed domain is claimed).
     */
    public Prepared prepare(String tenant, Campaign campaign, Subscriber s, String subject, String text) throws Unavailable {
        SendingServer server = campaign.sendingServer;
        if (!server.enabled) {
            throw new Unavailable("the sending server " + server.name + " is disabled");
        }
        String domain = server.returnPathDomain.toLowerCase(Locale.ROOT);
        Optional<String> owner = verpKeys.tenantOfDomain(domain);
        if ((owner.isPresent() && !owner.get().equals(tenant)) || (owner.isEmpty() && !verpKeys.claimDomain(tenant, domain))) {
            throw new Unavailable("the return-path domain " + domain + " belongs to another account");
        }
        Verp verp = verpKeys.activeKey(tenant);
        String verpAddress = verp.encode(tenant, Long.toString(campaign.id), Long.toString(s.id), domain);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Message-ID", "<r" + campaign.id + ".s" + s.id + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + domain + ">");
        h.put(ReboundHeaders.TENANT, tenant);
        h.put(ReboundHeaders.CAMPAIGN, Long.toString(campaign.id));
        h.put(ReboundHeaders.SUBSCRIBER, Long.toString(s.id));
        h.put(ReboundHeaders.VERP, verpAddress);
        OutgoingMail mail = new OutgoingMail(verpAddress, sending.fromLocalPart() + "@" + domain, s.email, oneLine(subject), text, h);
        return new Prepared(campaign.id, s.id, server.id, smtp.targetOf(server), mail);
    }

    /** Hands the mail to its server; a refusal (of the recipient or otherwise) is thrown with the server's reply. */
    public SmtpReply send(Prepared p) throws SmtpSendException {
        return smtp.send(p.target(), p.mail());
    }

    /**
     * Hands a watched mail to its server and records it as a watched send ({@code sent_message.watched}), so a bounce
     * on it flips the subscriber back; a refusal of the recipient becomes a bounce like any other (through the
     * ingestion pipeline, on this watched send). Returns the refusal (empty when the server accepted the mail); throws
     * only when the mail could not be handed over at all.
     */
    public Optional<SmtpReply> sendWatched(String tenant, Prepared p, Instant now) throws SmtpSendException {
        SmtpSendException refused = null;
        try {
            send(p);
        } catch (SmtpSendException e) {
            if (!e.isRecipientRejection()) {
                throw e;
            }
            refused = e;
        }
        // handed over either way: accepted, or refused by the receiver (then the refusal is the watched send's bounce)
        sendingSql.recordWatchedTestMail(tenant, p.messageId(), p.campaignId(), p.subscriberId(), p.serverId(), now);
        if (refused != null) {
            rejections.submit(tenant, p.serverId(), List.of(new Rejections.Rejection(p.mail().to(), p.campaignId(),
                    p.subscriberId(), p.messageId(), refused.stage(), refused.reply().orElseThrow(), p.target().host(), now)));
        }
        return refused == null ? Optional.empty() : refused.reply();
    }

    /** A subject is one line: list names and the like come from people. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
