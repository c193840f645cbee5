package app.rebound.demo;

import app.rebound.bounce.Bounce;
import app.rebound.engine.BounceType;
import app.rebound.campaign.Campaign;
import app.rebound.campaign.CampaignBounceCount;
import app.rebound.demo.DemoPlanner.Plan;
import app.rebound.demo.DemoPlanner.PlannedBounce;
import app.rebound.demo.DemoPlanner.PlannedCampaign;
import app.rebound.demo.DemoPlanner.PlannedSubscriber;
import app.rebound.demo.DemoSummary.TenantSummary;
import app.rebound.ingest.VerpKeys;
import app.rebound.mailinglist.MailingList;
import app.rebound.sendingserver.SendingServer;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.Membership;
import app.rebound.tenant.Tenant;
import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the demo tenants. Each tenant is one transaction through {@link TenantRunner}, so {@code @TenantId}
 * stamps every row, and the tenant row is part of it: it exists only if all its data does, which is what
 * makes "tenant row present" a safe reason to skip it on the next start.
 */
@ApplicationScoped
public class DemoData {
    /** Flush and clear the persistence context this often, so flushes stay cheap and batches full. */
    private static final int CHUNK = 500;

    private final TenantRunner runner;
    private final VerpKeys verpKeys;

    public DemoData(TenantRunner runner, VerpKeys verpKeys) {
        this.runner = runner;
        this.verpKeys = verpKeys;
    }

    /** Creates the demo tenants {@code acme} and {@code globex} unless they exist. */
    public DemoSummary seed() {
        return seed(DemoTenant.ALL);
    }

    /** Seeds the given tenants (tests pass copies under their own ids). */
    public DemoSummary seed(List<DemoTenant> tenants) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        List<TenantSummary> out = new ArrayList<>();
        for (DemoTenant tenant : tenants) {
            out.add(seedOne(tenant, now));
            registerBounceLoop(tenant);
        }
        return new DemoSummary(List.copyOf(out), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Registers the tenant's return-path domains and a VERP key (after its rows are committed; both are idempotent,
     * so tenants seeded by an earlier version get them too), so bounces to its servers' return paths are accepted
     * by the SMTP listener and linked from the first start.
     */
    private void registerBounceLoop(DemoTenant spec) {
        for (DemoTenant.ServerSpec s : spec.servers()) {
            if (!verpKeys.claimDomain(spec.id(), s.returnPathDomain())) {
                Log.warnf("Demo tenant %s: return-path domain %s belongs to another tenant; bounces to it are refused",
                        spec.id(), s.returnPathDomain());
            }
        }
        verpKeys.activeKey(spec.id());
    }

    private TenantSummary seedOne(DemoTenant spec, Instant now) {
        long start = System.nanoTime();
        return runner.inTenant(spec.id(), () -> {
            if (Tenant.findById(spec.id()) != null) {
                return TenantSummary.skipped(spec.id());
            }
            Plan plan = DemoPlanner.plan(spec, now);
            EntityManager em = Tenant.getEntityManager();

            Tenant tenant = new Tenant();
            tenant.id = spec.id();
            tenant.name = spec.name();
            tenant.createdAt = now.minus(Duration.ofDays(460));
            tenant.persist();
            for (DemoTenant.Member m : spec.members()) {
                Membership membership = new Membership();
                membership.tenantId = spec.id();
                membership.subject = m.subject();
                membership.email = m.email();
                membership.displayName = m.displayName();
                membership.role = m.role();
                membership.createdAt = tenant.createdAt;
                membership.persist();
            }
            em.flush();

            long[] listIds = new long[spec.lists().size()];
            for (int i = 0; i < listIds.length; i++) {
                MailingList list = new MailingList();
                list.name = spec.lists().get(i).name();
                list.createdAt = now.minus(Duration.ofDays(450 - i * 20L));
                list.persist();
                em.flush();
                listIds[i] = list.id;
            }
            long[] serverIds = new long[spec.servers().size()];
            for (int i = 0; i < serverIds.length; i++) {
                DemoTenant.ServerSpec s = spec.servers().get(i);
                SendingServer server = new SendingServer();
                server.name = s.name();
                server.smtpHost = s.host();
                server.smtpPort = s.port();
                server.tlsMode = s.tls();
                server.username = s.username();
                server.password = s.password();
                server.returnPathDomain = s.returnPathDomain();
                server.retryPolicy = s.retryPolicy();
                server.createdAt = now.minus(Duration.ofDays(440 - i * 30L));
                server.persist();
                em.flush();
                serverIds[i] = server.id;
            }

            long[] subscriberIds = new long[plan.subscribers().size()];
            List<Subscriber> chunk = new ArrayList<>(CHUNK);
            int suppressed = 0;
            for (int i = 0; i < subscriberIds.length; i++) {
                PlannedSubscriber p = plan.subscribers().get(i);
                Subscriber s = new Subscriber();
                s.list = em.getReference(MailingList.class, listIds[p.person.list()]);
                s.email = p.person.email();
                s.status = p.status;
                s.statusReason = p.statusReason;
                s.statusChangedAt = p.statusChangedAt;
                s.createdAt = p.person.createdAt();
                s.persist();
                chunk.add(s);
                if (p.status == SubscriberStatus.BOUNCED || p.status == SubscriberStatus.COMPLAINED) {
                    suppressed++;
                }
                if (chunk.size() == CHUNK || i == subscriberIds.length - 1) {
                    em.flush();
                    int first = i + 1 - chunk.size();
                    for (int k = 0; k < chunk.size(); k++) {
                        subscriberIds[first + k] = chunk.get(k).id;
                    }
                    chunk.clear();
                    em.clear();
                }
            }

            long[] campaignIds = new long[plan.campaigns().size()];
            for (int i = 0; i < campaignIds.length; i++) {
                PlannedCampaign p = plan.campaigns().get(i);
                Campaign c = new Campaign();
                c.name = p.spec().name();
                c.subject = p.spec().subject();
                c.list = em.getReference(MailingList.class, listIds[p.spec().list()]);
                c.sendingServer = em.getReference(SendingServer.class, serverIds[p.spec().server()]);
                c.sentAt = p.sentAt();
                c.recipientsCount = p.recipients();
                c.createdAt = p.createdAt();
                c.persist();
                em.flush();
                campaignIds[i] = c.id;
            }
            em.clear();

            int complaints = 0;
            List<PlannedBounce> bounces = plan.bounces();
            for (int i = 0; i < bounces.size(); i++) {
                PlannedBounce p = bounces.get(i);
                Bounce b = new Bounce();
                b.campaign = em.getReference(Campaign.class, campaignIds[p.campaign()]);
                b.subscriber = em.getReference(Subscriber.class, subscriberIds[p.subscriber()]);
                b.recipientEmail = plan.subscribers().get(p.subscriber()).person.email();
                b.type = p.type();
                b.statusCode = p.statusCode();
                b.replyCode = p.replyCode();
                b.reason = p.reason();
                b.fault = p.fault();
                b.diagnostic = p.diagnostic();
                b.occurredAt = p.occurredAt();
                b.recordedAt = p.recordedAt();
                b.rawRef = p.rawRef();
                b.feedbackType = p.feedbackType(); // the ARF report's Feedback-Type, as ingestion records it
                b.persist();
                if (p.type() == BounceType.COMPLAINT) {
                    complaints++;
                }
                if ((i + 1) % CHUNK == 0) {
                    em.flush();
                    em.clear();
                }
            }
            em.flush();
            em.clear();
            for (long campaignId : campaignIds) {
                CampaignBounceCount.recount(campaignId);
            }
            em.flush();
            return new TenantSummary(spec.id(), true, spec.members().size(), listIds.length, subscriberIds.length,
                    suppressed, serverIds.length, campaignIds.length, bounces.size(), complaints,
                    (System.nanoTime() - start) / 1_000_000);
        });
    }
}
