package app.rebound.testsupport;

import app.rebound.bounce.Bounce;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.campaign.Campaign;
import app.rebound.mailinglist.MailingList;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.Membership;
import app.rebound.tenant.Role;
import app.rebound.tenant.Tenant;
import app.rebound.tenant.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds test worlds through the real tenancy mechanism: each tenant's rows are written inside
 * {@link TenantRunner#inTenant}, so Hibernate stamps them exactly as in production.
 */
@ApplicationScoped
public class Fixtures {
    private final TenantRunner runner;

    public Fixtures(TenantRunner runner) {
        this.runner = runner;
    }

    /** What one tenant of a test world holds (ids for URLs). */
    public record World(String tenantId, long listId, long serverId, long campaignId, long subscriberId,
            List<Long> bounceIds, String subscriberEmail) {
    }

    /** A fresh tenant with a unique id, one member per role (subjects prefix-admin, prefix-support, prefix-marketer). */
    @ActivateRequestContext
    public String aTenant(String prefix) {
        String id = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        QuarkusTransaction.requiringNew().run(() -> {
            Tenant t = new Tenant();
            t.id = id;
            t.name = prefix.toUpperCase() + " Org " + id.substring(id.length() - 4);
            t.createdAt = Instant.now();
            t.persist();
            for (Role r : Role.values()) {
                aMember(id, prefix + "-" + r.code(), r);
            }
        });
        return id;
    }

    public void aMember(String tenantId, String subject, Role role) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Membership m = new Membership();
            m.tenantId = tenantId;
            m.subject = subject;
            m.displayName = subject;
            m.role = role;
            m.createdAt = Instant.now();
            m.persist();
        });
    }

    /** A list, a sending server, a sent campaign with one subscriber and {@code bounces} bounces for it. */
    public World aWorld(String tenantId, int bounces) {
        return runner.inTenant(tenantId, () -> {
            MailingList list = aList("Newsletter " + UUID.randomUUID().toString().substring(0, 6));
            SendingServer server = aDefaultServer("mta-" + UUID.randomUUID().toString().substring(0, 6));
            Subscriber s = new Subscriber();
            s.list = list;
            s.email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + tenantId + ".example";
            s.persist();
            Campaign c = aSentCampaign("Campaign of " + tenantId, "Hello from " + tenantId, list, server, 1);
            List<Long> ids = new ArrayList<>();
            Instant t0 = Instant.now().minus(Duration.ofHours(20));
            for (int i = 0; i < bounces; i++) {
                Bounce b = aHardBounce(c, s, t0.plusSeconds(i * 60L));
                b.persist();
                ids.add(b.id);
            }
            Bounce.flush();
            app.rebound.campaign.CampaignBounceCount.recount(c.id); // as the pipeline keeps them
            return new World(tenantId, list.id, server.id, c.id, s.id, ids, s.email);
        });
    }

    /**
     * Like {@link #aWorld} but with {@code bounces} distinct subscribers, one hard bounce each, so pages of the
     * bounce log can be told apart by recipient. Recipient {@code i} is {@code r-%03d-...}; bounce {@code i} is
     * {@code i} minutes after the first, so newest first means the highest index first. The World's
     * subscriber fields name the newest recipient; {@code bounceIds} are in index order.
     */
    public World aWorldWithDistinctRecipients(String tenantId, int bounces) {
        return runner.inTenant(tenantId, () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            MailingList list = aList("Customers " + tag);
            SendingServer server = aDefaultServer("mta-" + tag);
            Campaign c = aSentCampaign("Black Friday " + tag, "Deals for " + tenantId, list, server, bounces);
            List<Long> ids = new ArrayList<>();
            Subscriber last = null;
            Instant t0 = Instant.now().minus(Duration.ofHours(20));
            for (int i = 0; i < bounces; i++) {
                Subscriber s = new Subscriber();
                s.list = list;
                s.email = "r-%03d-%s@%s.example".formatted(i, tag, tenantId);
                s.persist();
                Bounce b = aHardBounce(c, s, t0.plusSeconds(i * 60L));
                b.persist();
                ids.add(b.id);
                last = s;
            }
            Bounce.flush();
            app.rebound.campaign.CampaignBounceCount.recount(c.id); // as the pipeline keeps them
            return new World(tenantId, list.id, server.id, c.id, last == null ? 0 : last.id, ids,
                    last == null ? null : last.email);
        });
    }

    /**
     * {@code n} subscribers on the world's list, emails {@code prefix-000@domain} ... (lower-case, sortable).
     * Returns their ids in email order.
     */
    public List<Long> someSubscribers(World world, String prefix, String domain, int n) {
        return runner.inTenant(world.tenantId(), () -> {
            MailingList list = MailingList.findById(world.listId());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Subscriber s = new Subscriber();
                s.list = list;
                s.email = String.format("%s-%03d@%s", prefix, i, domain).toLowerCase();
                s.persist();
                ids.add(s.id);
            }
            Subscriber.flush();
            return ids;
        });
    }

    /** A sending server with credentials set (so tests can check they are never shown). */
    public long aSendingServer(String tenantId, String name, String username, String password, RetryPolicy policy) {
        return runner.inTenant(tenantId, () -> {
            SendingServer server = new SendingServer();
            server.name = name;
            server.smtpHost = "smtp." + name + ".example";
            server.smtpPort = 2525;
            server.tlsMode = app.rebound.sendingserver.TlsMode.TLS;
            server.username = username;
            server.password = password;
            server.returnPathDomain = "rp." + name + ".example";
            server.retryPolicy = policy;
            server.persist();
            SendingServer.flush();
            return server.id;
        });
    }

    /**
     * The world's subscriber gets a newer soft bounce with the given verbatim diagnostic, and is marked bounced
     * with {@code why}. Returns the bounce id.
     */
    public long aSoftBounceAndStatus(World world, String diagnostic, String why) {
        return runner.inTenant(world.tenantId(), () -> {
            Subscriber s = Subscriber.findById(world.subscriberId());
            Campaign c = Campaign.findById(world.campaignId());
            Bounce b = aSoftBounce(c, s, Instant.now().minus(Duration.ofMinutes(5)), diagnostic);
            b.persist();
            s.changeStatus(SubscriberStatus.BOUNCED, why, Instant.now().minus(Duration.ofMinutes(4)));
            Bounce.flush();
            app.rebound.campaign.CampaignBounceCount.recount(c.id); // as the pipeline keeps them
            return b.id;
        });
    }

    public static Bounce aSoftBounce(Campaign c, Subscriber s, Instant at, String diagnostic) {
        Bounce b = aHardBounce(c, s, at);
        b.type = BounceType.SOFT;
        b.statusCode = "4.2.2";
        b.replyCode = 452;
        b.reason = "mailboxfull";
        b.fault = Fault.RECIPIENT;
        b.diagnostic = diagnostic;
        return b;
    }

    private static MailingList aList(String name) {
        MailingList list = new MailingList();
        list.name = name;
        list.persist();
        return list;
    }

    private static SendingServer aDefaultServer(String name) {
        SendingServer server = new SendingServer();
        server.name = name;
        server.smtpHost = "smtp.example.net";
        server.smtpPort = 587;
        server.returnPathDomain = "bounces.example.net";
        server.retryPolicy = RetryPolicy.DEFAULT;
        server.persist();
        return server;
    }

    private static Campaign aSentCampaign(String name, String subject, MailingList list, SendingServer server,
            int recipients) {
        Campaign c = new Campaign();
        c.name = name;
        c.subject = subject;
        c.list = list;
        c.sendingServer = server;
        c.sentAt = Instant.now().minus(Duration.ofDays(1));
        c.recipientsCount = recipients;
        c.persist();
        return c;
    }

    public static Bounce aHardBounce(Campaign c, Subscriber s, Instant at) {
        Bounce b = new Bounce();
        b.campaign = c;
        b.subscriber = s;
        b.recipientEmail = s.email;
        b.type = BounceType.HARD;
        b.statusCode = "5.1.1";
        b.replyCode = 550;
        b.reason = "userunknown";
        b.fault = Fault.RECIPIENT;
        b.diagnostic = "550-5.1.1 The email account that you tried to reach does not exist. <" + s.email + "> - gsmtp";
        b.occurredAt = at;
        b.rawRef = "test:" + UUID.randomUUID();
        return b;
    }
}
