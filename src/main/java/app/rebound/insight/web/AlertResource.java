package app.rebound.insight.web;

import app.rebound.insight.Alert;
import app.rebound.insight.AlertKind;
import app.rebound.insight.AlertService;
import app.rebound.insight.AlertService.Evaluation;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The alert dashboard: ongoing alerts with cause, fix, evidence and links; acknowledge; run the detectors now. */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class AlertResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Alert> ongoing, List<Alert> resolved, List<AlertKind> kinds);
    }

    private final AlertService alerts;
    private final Flash flash;

    public AlertResource(AlertService alerts, Flash flash) {
        this.alerts = alerts;
        this.flash = flash;
    }

    @GET
    @Transactional
    public TemplateInstance index() {
        return Templates.index(Alert.ongoing(), Alert.recentlyResolved(20), List.of(AlertKind.values()));
    }

    @POST
    @Path("{id}/acknowledge")
    public Response acknowledge(@PathParam("id") String id) {
        alerts.acknowledge(Ids.parse(id, "alert"), Instant.now());
        return Response.seeOther(URI.create("/alerts")).build();
    }

    @POST
    @Path("check")
    public Response check() {
        Evaluation e = alerts.evaluate(Instant.now());
        flash.set("Detectors ran: %d opened, %d still ongoing, %d resolved.".formatted(e.opened(), e.refreshed(), e.resolved()));
        return Response.seeOther(URI.create("/alerts")).build();
    }
}
