package app.rebound.insight.web;

import app.rebound.bounce.Bounce;
import app.rebound.insight.DomainReport;
import app.rebound.insight.DomainReport.Report;
import app.rebound.tenant.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.util.regex.Pattern;

/** Per-domain bounce mining: the page, its JSON twin and the drill-down into one domain's bounces. */
@Path("/insights/domains")
@RolesAllowed(Role.MARKETER_NAME)
public class InsightResource {
    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 90;
    static final long DEFAULT_MIN = 50;
    static final int DRILL_DOWN_ROWS = 200;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9.-]{0,254}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance domains(Report report, List<Integer> windows);

        static native TemplateInstance domain(String domain, int days, Instant from, List<Bounce> bounces, int limit);
    }

    private final DomainReport reports;

    public InsightResource(DomainReport reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance domains(@QueryParam("days") String days, @QueryParam("min") String min,
            @QueryParam("group") String group) {
        return Templates.domains(reports.build(Instant.now(), days(days), min(min), byProvider(group)), List.of(1, 7, 30, 90));
    }

    @GET
    @Path("report.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Report json(@QueryParam("days") String days, @QueryParam("min") String min, @QueryParam("group") String group) {
        return reports.build(Instant.now(), days(days), min(min), byProvider(group));
    }

    @GET
    @Path("{domain}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance domain(@PathParam("domain") String domain, @QueryParam("days") String days) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new BadRequestException("Invalid domain: expected a lower-case domain name such as example.co.uk.");
        }
        int d = days(days);
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(d));
        return Templates.domain(domain, d, from, reports.bouncesOf(domain, from, now, DRILL_DOWN_ROWS), DRILL_DOWN_ROWS);
    }

    static int days(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_DAYS;
        }
        long v = number(raw, "days");
        if (v < 1 || v > MAX_DAYS) {
            throw new BadRequestException("Invalid days: the window is 1 to " + MAX_DAYS + " days.");
        }
        return (int) v;
    }

    /** group=domain (default) or group=provider (receiving providers: all Microsoft consumer domains together). */
    static boolean byProvider(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("domain")) {
            return false;
        }
        if (raw.equals("provider")) {
            return true;
        }
        throw new BadRequestException("Invalid group: expected domain or provider.");
    }

    static long min(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_MIN;
        }
        return number(raw, "min");
    }

    private static long number(String raw, String what) {
        if (raw.length() > 9 || !raw.chars().allMatch(Character::isDigit)) {
            throw new BadRequestException("Invalid " + what + ": expected a whole number.");
        }
        return Long.parseLong(raw);
    }
}
