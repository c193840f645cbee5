package app.rebound.campaign.web;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.BounceCursor;
import app.rebound.bounce.BounceExportSql;
import app.rebound.bounce.BounceLogFilter;
import app.rebound.tenant.CurrentMember;
import app.rebound.web.CsvExport;
import jakarta.ws.rs.core.Response;
import app.rebound.campaign.Campaign;
import app.rebound.campaign.CampaignBounceCount;
import app.rebound.campaign.CampaignHeading;
import app.rebound.campaign.CampaignService;
import app.rebound.campaign.CampaignService.BounceLogPage;
import app.rebound.tenant.Role;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class CampaignResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Campaign> campaigns, Map<Long, CampaignBounceCount> counts);

        static native TemplateInstance bounces(CampaignHeading campaign, CampaignBounceCount counts, BounceLogPage page, long since,
                List<Bounce> live, BounceLogFilter filter, boolean ongoingAlerts);

        static native TemplateInstance bounces$live(CampaignHeading campaign, long since, List<Bounce> live, CampaignBounceCount counts);

        static native TemplateInstance bounces$rows(CampaignHeading campaign, BounceLogPage page, BounceLogFilter filter);

        static native TemplateInstance bounceDetail(Campaign campaign, Bounce b);

        static native TemplateInstance bounceDetail$facts(Bounce b);
    }

    /** Rows per export batch (one statement in a short read-only transaction); small in tests to cross batch borders. */
    @ConfigProperty(name = "rebound.csv-export.bounce-batch", defaultValue = "10000")
    int exportBatch;
    /** Bounces may be reported this long after they happened and still appear live. */
    private static final Duration LIVE_OCCURRED_WINDOW = Duration.ofDays(7);
    public static final int LIVE_LIMIT = 50;
    private final CampaignService service;
    private final Htmx htmx;
    private final CurrentMember member;
    private final BounceExportSql exportSql;

    public CampaignResource(CampaignService service, Htmx htmx, CurrentMember member, BounceExportSql exportSql) {
        this.service = service;
        this.htmx = htmx;
        this.member = member;
        this.exportSql = exportSql;
    }

    /**
     * The campaign's bounce log as CSV, filtered as the log is, newest first, streamed from plain JDBC rows in keyset
     * batches (constant memory, {@link BounceExportSql}).
     */
    @GET
    @Path("{id}/bounces/export.csv")
    @Produces("text/csv")
    public Response export(@PathParam("id") String id, @QueryParam("type") String type, @QueryParam("code") String code,
            @QueryParam("fault") String fault, @QueryParam("investigate") String investigate, @QueryParam("address") String address,
            @QueryParam("reason") String reason, @QueryParam("domain") String domain, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Campaign campaign = service.get(Ids.parse(id, "campaign"));
        BounceLogFilter filter = filter(type, code, fault, investigate, address, reason, domain, from, to);
        CampaignBounceCount counts = service.counts(campaign);
        long campaignId = campaign.id;
        String tenant = member.currentTenantId();
        return CsvExport.stream("campaign-" + campaignId + "-bounces.csv", List.of("occurred_at", "recipient", "type",
                "status_code", "reply_code", "reason", "fault", "action", "investigate", "diagnostic", "feedback_type"),
                out -> exportSql.forEach(tenant, campaignId, filter, counts.firstAt, counts.lastAt, exportBatch,
                        b -> out.printRecord(b.occurredAt().toString(), CsvExport.cell(b.recipient()), b.type(), b.statusCode(),
                                b.replyCode(), b.reason(), b.fault(), b.action(), b.investigate(), CsvExport.cell(b.diagnostic()),
                                CsvExport.cell(b.feedbackType()))));
    }

    @GET
    public TemplateInstance index() {
        List<Campaign> campaigns = service.list();
        return Templates.index(campaigns, service.counts(campaigns));
    }

    /** The campaign page opens on its Bounce log tab. */
    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return bounces(id, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The bounce log, filtered by the URL's filters. htmx requests (the filter form, "Older") get only the rows
     * fragment; the same URL without htmx is the whole page, so every filter works without JavaScript.
     */
    @GET
    @Path("{id}/bounces")
    public TemplateInstance bounces(@PathParam("id") String id, @QueryParam("before") String before,
            @QueryParam("type") String type, @QueryParam("code") String code, @QueryParam("fault") String fault,
            @QueryParam("investigate") String investigate, @QueryParam("address") String address,
            @QueryParam("reason") String reason, @QueryParam("domain") String domain, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        long campaignId = Ids.parse(id, "campaign");
        BounceCursor cursor = parseCursor(before);
        BounceLogFilter filter = filter(type, code, fault, investigate, address, reason, domain, from, to);
        CampaignService.BounceLogView view = service.bounceLogView(member.currentTenantId(), campaignId, filter, cursor);
        if (htmx.isFragmentRequest()) {
            return Templates.bounces$rows(view.campaign(), view.page(), filter);
        }
        return Templates.bounces(view.campaign(), view.counts(), view.page(), System.currentTimeMillis(), List.of(), filter,
                view.ongoingAlerts());
    }

    /**
     * One row's details (code meaning, every extracted field, the raw input's link), loaded when the row is expanded
     * (htmx: the fragment, in place); without JavaScript the row's link opens them as a page. The token is the row's
     * keyset position, so the lookup reads one partition.
     */
    @GET
    @Path("{id}/bounces/detail/{at}")
    public TemplateInstance bounceDetail(@PathParam("id") String id, @PathParam("at") String at) {
        long campaignId = Ids.parse(id, "campaign");
        BounceCursor position;
        try {
            position = BounceCursor.parse(at);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid bounce reference: open the details from the bounce log.");
        }
        CampaignService.BounceDetail detail = service.bounceDetail(campaignId, position);
        if (htmx.isFragmentRequest()) {
            return Templates.bounceDetail$facts(detail.bounce());
        }
        return Templates.bounceDetail(detail.campaign(), detail.bounce());
    }

    /** Polled by the open tab (htmx, every 5 s): the bounces recorded since the page was opened, newest first. */
    @GET
    @Path("{id}/bounces/live")
    public TemplateInstance live(@PathParam("id") String id, @QueryParam("since") String since) {
        Campaign campaign = service.get(Ids.parse(id, "campaign"));
        long millis;
        try {
            millis = Long.parseLong(since == null ? "" : since);
        } catch (NumberFormatException e) {
            throw new BadRequestException("Invalid 'since': reload the page.");
        }
        Instant from = Instant.ofEpochMilli(millis);
        if (from.isBefore(Instant.now().minus(Duration.ofDays(1))) || from.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            throw new BadRequestException("The live view covers the last day only: reload the page.");
        }
        List<Bounce> live = Bounce.recordedSince(campaign, from, from.minus(LIVE_OCCURRED_WINDOW), LIVE_LIMIT);
        return Templates.bounces$live(CampaignHeading.of(campaign), millis, live, live.isEmpty() ? null : service.counts(campaign));
    }

    private static BounceLogFilter filter(String type, String code, String fault, String investigate, String address,
            String reason, String domain, String from, String to) {
        try {
            return BounceLogFilter.parse(type, code, fault, investigate, address, reason, domain, from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static BounceCursor parseCursor(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            return BounceCursor.parse(before);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid paging cursor: use the links on the page to move between pages.");
        }
    }
}
