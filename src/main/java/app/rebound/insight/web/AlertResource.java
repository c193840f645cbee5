package app.rebound.insight.web;

import app.rebound.insight.Alert;
import app.rebound.insight.AlertKind;
import app.rebound.insight.AlertService;
import app.rebound.insight.AlertService.Evaluation;
import app.rebound.insight.AlertThreshold;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The alert dashboard: ongoing alerts with cause, fix, evidence and links; acknowledge; run the detectors now. */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class AlertResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Alert> ongoing, List<Alert> resolved, List<AlertKind> kinds);

        static native TemplateInstance thresholds(List<ThresholdRow> rows, boolean invalid);
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

    /** One line of the thresholds form: the default, the tenant's value as typed or stored, and its error. */
    public record ThresholdRow(AlertKind kind, String defaultValue, String value, String error) {
        public String unitLabel() {
            return switch (kind.unit()) {
                case RATE -> "%";
                case DAYS -> "days";
                case COUNT -> "";
            };
        }
    }

    @GET
    @Path("thresholds")
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public TemplateInstance thresholds() {
        Map<AlertKind, Double> own = AlertThreshold.overrides();
        return Templates.thresholds(Arrays.stream(AlertKind.values())
                .map(k -> new ThresholdRow(k, k.display(k.defaultThreshold()),
                        own.containsKey(k) ? k.display(own.get(k)) : "", null)).toList(), false);
    }

    @POST
    @Path("thresholds")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveThresholds(MultivaluedMap<String, String> form) {
        Map<String, String> typed = new HashMap<>();
        for (AlertKind k : AlertKind.values()) {
            String v = form.getFirst(k.code());
            typed.put(k.code(), v == null ? "" : v.length() > 40 ? v.substring(0, 40) : v);
        }
        Map<String, String> errors = alerts.saveThresholds(typed);
        if (!errors.isEmpty()) {
            List<ThresholdRow> rows = Arrays.stream(AlertKind.values()).map(k -> new ThresholdRow(k,
                    k.display(k.defaultThreshold()), typed.get(k.code()), errors.get(k.code()))).toList();
            return Response.status(422).entity(Templates.thresholds(rows, true)).build();
        }
        flash.set("Alert thresholds saved; the detectors use them from their next run.");
        return Response.seeOther(URI.create("/alerts/thresholds")).build();
    }

    @POST
    @Path("check")
    public Response check() {
        Evaluation e = alerts.evaluate(Instant.now());
        flash.set("Detectors ran: %d opened, %d still ongoing, %d resolved.".formatted(e.opened(), e.refreshed(), e.resolved()));
        return Response.seeOther(URI.create("/alerts")).build();
    }
}
