package app.rebound.suppression.web;

import app.rebound.suppression.SuppressedAddress;
import app.rebound.suppression.SuppressionLog;
import app.rebound.suppression.SuppressionService;
import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.web.CsvExport;
import app.rebound.web.Flash;
import app.rebound.web.Htmx;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The suppression list: everyone in the organisation can search and export it; admins add and remove with a note. */
@Path("/suppression")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class SuppressionResource {
    /** Rows per export batch (each batch is one short transaction); small in tests to cross batch borders. */
    @ConfigProperty(name = "rebound.csv-export.batch", defaultValue = "2000")
    int exportBatch;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(SuppressionService.Page page, List<SuppressionLog> log);

        static native TemplateInstance index$results(SuppressionService.Page page);
    }

    private final SuppressionService service;
    private final CurrentMember member;
    private final Flash flash;
    private final Htmx htmx;
    private final TenantRunner runner;

    public SuppressionResource(SuppressionService service, CurrentMember member, Flash flash, Htmx htmx, TenantRunner runner) {
        this.service = service;
        this.member = member;
        this.flash = flash;
        this.htmx = htmx;
        this.runner = runner;
    }

    @GET
    public TemplateInstance index(@QueryParam("q") String q, @QueryParam("after") String after) {
        SuppressionService.Page page;
        try {
            page = service.search(q, after);
        } catch (SuppressionService.Refused e) {
            throw new BadRequestException(e.getMessage());
        }
        return htmx.isFragmentRequest() ? Templates.index$results(page) : Templates.index(page, recentLog());
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response add(@FormParam("email") String email, @FormParam("note") String note) {
        try {
            SuppressedAddress s = service.add(email, note, member.name());
            flash.set(s.email + " was added to the suppression list: sends skip it.");
        } catch (SuppressionService.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        return Response.seeOther(URI.create("/suppression")).build();
    }

    @POST
    @Path("{id}/remove")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response remove(@PathParam("id") String id, @FormParam("note") String note) {
        try {
            String email = service.remove(Ids.parse(id, "suppressed address"), note, member.name());
            flash.set(email + " was removed from the suppression list.");
        } catch (SuppressionService.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
        return Response.seeOther(URI.create("/suppression")).build();
    }

    /** The whole list (or the search's matches) as CSV, streamed in keyset batches. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("q") String q) {
        String query = service.search(q, null).query(); // validates the search text
        String tenant = member.currentTenantId();
        String[] after = {""};
        return CsvExport.download("suppression-list.csv", List.of("email", "reason", "since", "added_by", "note"), out -> {
            List<SuppressedAddress> rows = runner.inTenant(tenant, () -> SuppressionService.page(query, after[0], exportBatch));
            for (SuppressedAddress s : rows) {
                out.printRecord(CsvExport.cell(s.email), s.reason, s.addedAt.toString(), CsvExport.cell(s.addedBy),
                        CsvExport.cell(s.note));
            }
            if (!rows.isEmpty()) {
                after[0] = rows.get(rows.size() - 1).email;
            }
            return rows.size();
        });
    }

    private List<SuppressionLog> recentLog() {
        return member.isAdmin() ? SuppressionLog.recent(20) : List.of();
    }
}
