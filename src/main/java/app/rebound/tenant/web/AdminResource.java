package app.rebound.tenant.web;

import app.rebound.crm.Crm;
import app.rebound.crm.Reactivation;
import app.rebound.crm.ReactivationRun;
import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** The organisation's admin area: members, API tokens, webhooks, alert thresholds, and the auto-reactivation runs. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ReactivationRun> runs);
    }

    private final Reactivation reactivation;
    private final CurrentMember member;
    private final Flash flash;
    private final Clock clock;

    public AdminResource(Reactivation reactivation, CurrentMember member, Flash flash, @Crm Clock clock) {
        this.reactivation = reactivation;
        this.member = member;
        this.flash = flash;
        this.clock = clock;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(ReactivationRun.newest(10));
    }

    /** "Run now": the daily auto-reactivation, for this organisation only, at once; its report tops the runs table. */
    @POST
    @Path("reactivation/run")
    public Response runReactivation() {
        ReactivationRun run = reactivation.runTenant(member.currentTenantId(), clock.instant(), member.subject());
        flash.set("Automatic reactivation ran: " + run.candidates + " candidate(s), " + run.recovered + " reactivated, "
                + run.windowConversions + " soft-to-hard conversion(s) in the last " + run.windowDays + " days, recovery rate "
                + run.recoveryRate() + ".");
        return Response.seeOther(URI.create("/admin")).build();
    }
}
