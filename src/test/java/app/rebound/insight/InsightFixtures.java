package app.rebound.insight;

import app.rebound.bounce.Bounce;
import app.rebound.campaign.Campaign;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.ingest.RecipientDomain;
import app.rebound.mailinglist.ImportBatch;
import app.rebound.mailinglist.ImportBatchMember;
import app.rebound.mailinglist.MailingList;
import app.rebound.subscriber.Subscriber;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import app.rebound.tenant.TenantRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Campaigns and bounces with chosen status codes and domains, written through the tenancy mechanism. */
@ApplicationScoped
public class InsightFixtures {
    private final TenantRunner runner;
    private final app.rebound.testsupport.Db db;

    public InsightFixtures(TenantRunner runner, app.rebound.testsupport.Db db) {
        this.runner = runner;
        this.db = db;
    }

    /** Subscribers on the setup's list with the given addresses; returns their ids in order. */
    public List<Long> subscribers(Setup s, List<String> emails) {
        return runner.inTenant(s.tenantId(), () -> {
            MailingList list = MailingList.findById(s.listId());
            List<Long> ids = new ArrayList<>();
            for (String email : emails) {
                Subscriber sub = new Subscriber();
                sub.list = list;
                sub.email = email;
                sub.persist();
                ids.add(sub.id);
            }
            Subscriber.flush();
            return ids;
        });
    }

    /**
     * Per-recipient send rows as the sending side writes them (campaign_delivery has no entity; test-side SQL):
     * each subscriber's mail of the campaign in {@code state} at {@code doneAt}.
     */
    public void deliveries(Setup s, long campaignId, List<Long> subscriberIds, String state, Instant doneAt) {
        for (long id : subscriberIds) {
            db.update("insert into campaign_delivery (tenant_id, campaign_id, subscriber_id, state, done_at)"
                    + " values (?, ?, ?, ?, ?)", s.tenantId(), campaignId, id, state,
                    doneAt == null ? null : java.sql.Timestamp.from(doneAt));
        }
    }

    /** One bounce of the given type and code for a subscriber of a campaign. */
    public void subscriberBounce(Setup s, long campaignId, long subscriberId, String code, Instant at) {
        runner.inTenant(s.tenantId(), () -> {
            Subscriber sub = Subscriber.findById(subscriberId);
            Campaign c = Campaign.findById(campaignId);
            Bounce b = new Bounce();
            b.campaign = c;
            b.subscriber = sub;
            b.recipientEmail = sub.email;
            b.recipientDomain = RecipientDomain.of(sub.email);
            b.type = code.startsWith("5") ? BounceType.HARD : BounceType.SOFT;
            b.statusCode = code;
            b.replyCode = (short) (code.startsWith("5") ? 550 : 451);
            b.reason = "test";
            b.fault = Fault.UNKNOWN;
            b.diagnostic = b.replyCode + " " + code + " reply for " + sub.email;
            b.occurredAt = at;
            b.rawRef = "test:insight";
            b.sendingServerId = c.sendingServer.id;
            b.persist();
            Bounce.flush();
            return null;
        });
    }

    public record Setup(String tenantId, long listId, long serverId) {
    }

    public Setup setup(String tenantId) {
        return runner.inTenant(tenantId, () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            MailingList list = new MailingList();
            list.name = "List " + tag;
            list.persist();
            SendingServer server = newServer(tag);
            return new Setup(tenantId, list.id, server.id);
        });
    }

    private static SendingServer newServer(String tag) {
        SendingServer server = new SendingServer();
        server.name = "mta-" + tag;
        server.smtpHost = "smtp.example.net";
        server.smtpPort = 587;
        server.tlsMode = TlsMode.STARTTLS;
        server.returnPathDomain = "rp-" + tag + ".example.net";
        server.retryPolicy = RetryPolicy.DEFAULT;
        server.persist();
        SendingServer.flush();
        return server;
    }

    /** A second sending server in the same tenant. */
    public long server(Setup s) {
        return runner.inTenant(s.tenantId(), () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            SendingServer server = newServer(tag);
            return server.id;
        });
    }

    public long campaign(Setup s, long serverId, String name, int recipients, Instant sentAt) {
        return runner.inTenant(s.tenantId(), () -> {
            Campaign c = new Campaign();
            c.name = name;
            c.subject = "Subject of " + name;
            c.list = MailingList.findById(s.listId());
            c.sendingServer = SendingServer.findById(serverId);
            c.sentAt = sentAt;
            c.recipientsCount = recipients;
            c.persist();
            Campaign.flush();
            return c.id;
        });
    }

    /** {@code n} bounces for distinct new recipients {@code r-i-<random>@host} with the given code, at {@code at}. */
    public void bounces(String tenantId, Long campaignId, int n, String code, String host, Instant at) {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            emails.add("r-%03d-%s@%s".formatted(i, tag, host));
        }
        bouncesTo(tenantId, campaignId, emails, code, at);
    }

    /** One bounce per address with the given code (an address twice: a retried soft bounce). */
    public void bouncesTo(String tenantId, Long campaignId, List<String> emails, String code, Instant at) {
        runner.inTenant(tenantId, () -> {
            Campaign c = campaignId == null ? null : Campaign.findById(campaignId);
            int i = 0;
            for (String email : emails) {
                Bounce b = new Bounce();
                b.campaign = c;
                b.recipientEmail = email;
                b.recipientDomain = RecipientDomain.of(email);
                b.type = code.startsWith("5") ? BounceType.HARD : BounceType.SOFT;
                b.statusCode = code;
                b.replyCode = (short) (code.startsWith("5") ? 550 : 451);
                b.reason = "test";
                b.fault = Fault.UNKNOWN;
                b.diagnostic = "%s %s reply for %s".formatted(b.replyCode, code, email);
                b.occurredAt = at.plusMillis(i++);
                b.rawRef = "test:insight";
                b.sendingServerId = c == null ? null : c.sendingServer.id;
                b.persist();
            }
            Bounce.flush();
            return null;
        });
    }

    /** An import batch of {@code n} new subscribers on the setup's list, created at {@code at}. Returns its id. */
    public long importBatch(Setup s, int n, Instant at) {
        return runner.inTenant(s.tenantId(), () -> {
            MailingList list = MailingList.findById(s.listId());
            ImportBatch batch = new ImportBatch();
            batch.listId = list.id;
            batch.fileName = "bought.csv";
            batch.rowsRead = n;
            batch.imported = n;
            batch.createdAt = at;
            batch.persist();
            String tag = UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < n; i++) {
                Subscriber sub = new Subscriber();
                sub.list = list;
                sub.email = "imp-%03d-%s@example.org".formatted(i, tag);
                sub.persist();
                ImportBatchMember m = new ImportBatchMember();
                m.batchId = batch.id;
                m.subscriberId = sub.id;
                m.persist();
            }
            ImportBatch.flush();
            return batch.id;
        });
    }

    /** {@code k} of the batch's subscribers bounce with {@code code} on the campaign. */
    public void batchBounces(String tenantId, long campaignId, long batchId, int k, String code, Instant at) {
        runner.inTenant(tenantId, () -> {
            Campaign c = Campaign.findById(campaignId);
            List<ImportBatchMember> members = ImportBatchMember.find("batchId = ?1 order by id", batchId).page(0, k).list();
            for (ImportBatchMember m : members) {
                Subscriber sub = Subscriber.findById(m.subscriberId);
                Bounce b = new Bounce();
                b.campaign = c;
                b.subscriber = sub;
                b.recipientEmail = sub.email;
                b.recipientDomain = RecipientDomain.of(sub.email);
                b.type = BounceType.HARD;
                b.statusCode = code;
                b.replyCode = (short) 550;
                b.reason = "userunknown";
                b.fault = Fault.RECIPIENT;
                b.diagnostic = "550 " + code + " user unknown";
                b.occurredAt = at;
                b.rawRef = "test:insight";
                b.persist();
            }
            Bounce.flush();
            return null;
        });
    }
}
