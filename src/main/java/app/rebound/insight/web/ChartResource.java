package app.rebound.insight.web;

import app.rebound.campaign.Campaign;
import app.rebound.insight.BounceRateSeries;
import app.rebound.insight.BounceRateSeries.Series;
import app.rebound.insight.InsightSql.Scope;
import app.rebound.sendingserver.SendingServer;
import app.rebound.tenant.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bounce rate over time (campaign, sending server or domain), split by type: the page draws it with Chart.js from
 * the JSON twin (no inline script) and shows the same numbers as a table.
 */
@Path("/insights/charts")
@RolesAllowed(Role.MARKETER_NAME)
public class ChartResource {
    static final int MAX_DAYS = 90;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9.-]{0,254}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Series series, String jsonUrl, List<Campaign> campaigns,
                List<SendingServer> servers, List<Integer> windows);
    }

    private final BounceRateSeries series;

    public ChartResource(BounceRateSeries series) {
        this.series = series;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance index(@QueryParam("scope") String scope, @QueryParam("key") String key,
            @QueryParam("days") String days) {
        List<Campaign> campaigns = Campaign.list("sentAt is not null order by sentAt desc, id desc");
        List<SendingServer> servers = SendingServer.list("order by name, id");
        Series s = null;
        String url = null;
        if (scope != null && !scope.isEmpty()) {
            Scope sc = scope(scope);
            String k = key(sc, key);
            int d = days(days);
            s = series.of(sc, k, d, Instant.now());
            url = "/insights/charts/series.json?scope=" + s.scope() + "&key=" + k + "&days=" + d;
        }
        return Templates.index(s, url, campaigns, servers, List.of(7, 30, 90));
    }

    @GET
    @Path("series.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Series json(@QueryParam("scope") String scope, @QueryParam("key") String key, @QueryParam("days") String days) {
        Scope sc = scope(scope);
        return series.of(sc, key(sc, key), days(days), Instant.now());
    }

    static Scope scope(String raw) {
        try {
            return Scope.valueOf(raw == null ? "" : raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid scope: expected campaign, server or domain.");
        }
    }

    static String key(Scope scope, String raw) {
        String k = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (scope == Scope.DOMAIN) {
            if (!DOMAIN.matcher(k).matches() || !k.contains(".")) {
                throw new BadRequestException("Invalid domain: expected a lower-case domain name such as example.co.uk.");
            }
            return k;
        }
        if (k.isEmpty() || k.length() > 18 || !k.chars().allMatch(Character::isDigit)) {
            throw new BadRequestException("Invalid key: expected the " + (scope == Scope.CAMPAIGN ? "campaign" : "sending server")
                    + " id, a whole number.");
        }
        return k;
    }

    static int days(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 30;
        }
        if (raw.length() > 3 || !raw.chars().allMatch(Character::isDigit) || Integer.parseInt(raw) < 1
                || Integer.parseInt(raw) > MAX_DAYS) {
            throw new BadRequestException("Invalid days: the window is 1 to " + MAX_DAYS + " days.");
        }
        return Integer.parseInt(raw);
    }
}
