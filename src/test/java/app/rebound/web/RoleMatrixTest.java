package app.rebound.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.BounceCursor;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.subscriber.SubscriberCursor;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route against every kind of caller. Adding a route is one line in {@link #routes()}; the expected
 * answer follows from the least role the route needs.
 */
@QuarkusTest
class RoleMatrixTest {
    /** A route, the least role it needs (null: any logged-in person), its answer when allowed and for someone with no membership. */
    record Route(String method, String path, boolean htmx, Role least, int allowed, int noMembership) {
        static Route get(String path, Role least) {
            return new Route("GET", path, false, least, 200, 403);
        }

        static Route fragment(String path, Role least) {
            return new Route("GET", path, true, least, 200, 403);
        }

        @Override
        public String toString() {
            return method + " " + path + (htmx ? " (htmx)" : "");
        }
    }

    static Stream<Route> routes() {
        return Stream.of(
                new Route("GET", "/", false, null, 303, 303),
                Route.get("/campaigns", Role.MARKETER),
                Route.get("/campaigns/{campaign}", Role.MARKETER),
                Route.get("/campaigns/{campaign}/bounces", Role.MARKETER),
                Route.fragment("/campaigns/{campaign}/bounces?before={bounceCursor}", Role.MARKETER),
                Route.get("/subscribers", Role.MARKETER),
                Route.get("/subscribers?q=user&after={subscriberCursor}", Role.MARKETER),
                Route.fragment("/subscribers?q=user", Role.MARKETER),
                Route.get("/subscribers/{subscriber}", Role.MARKETER),
                // Lifecycle (issue 10): re-add needs support and refuses a form without evidence with 422; bulk
                // re-add is refused with 409 for everyone; the suppression list is read by all, changed by admins.
                new Route("POST", "/subscribers/{subscriber}/readd", false, Role.SUPPORT, 422, 403),
                new Route("POST", "/subscribers/readd", false, Role.MARKETER, 409, 403),
                // a confirmation link for one subscriber (the matrix's is subscribed: 422); bulk links refused like bulk re-add.
                // The link's own page (/confirm/{token}) is public by design: ConfirmationReaddTest covers it.
                new Route("POST", "/subscribers/{subscriber}/confirmation", false, Role.SUPPORT, 422, 403),
                new Route("POST", "/subscribers/confirmation", false, Role.MARKETER, 409, 403),
                new Route("POST", "/subscribers/bounces/{subscriber}/reclassify", false, Role.SUPPORT, 422, 403),
                Route.fragment("/campaigns/{campaign}/bounces/live?since=" + System.currentTimeMillis(), Role.MARKETER),
                Route.get("/campaigns/{campaign}/bounces/export.csv", Role.MARKETER),
                Route.get("/suppression", Role.MARKETER),
                Route.fragment("/suppression?q=user", Role.MARKETER),
                Route.get("/suppression/export.csv", Role.MARKETER),
                new Route("POST", "/suppression", false, Role.ADMIN, 422, 403),
                new Route("POST", "/suppression/{subscriber}/remove", false, Role.ADMIN, 422, 403),
                Route.get("/inspector", Role.SUPPORT),
                // Allowed roles reach the inspector, which refuses the empty form with 400; others get 403.
                new Route("POST", "/inspector", false, Role.SUPPORT, 400, 403),
                Route.get("/sending-servers", Role.ADMIN),
                Route.get("/sending-servers/{server}", Role.ADMIN),
                new Route("POST", "/sending-servers/{server}/mailbox", false, Role.ADMIN, 422, 403),
                // Sending-server settings (issue 11): empty forms are refused with 422; the connection test really
                // connects (the world's server does not resolve here) and shows the error with 200.
                Route.get("/sending-servers/new", Role.ADMIN),
                new Route("POST", "/sending-servers", false, Role.ADMIN, 422, 403),
                Route.get("/sending-servers/{server}/edit", Role.ADMIN),
                new Route("POST", "/sending-servers/{server}", false, Role.ADMIN, 422, 403),
                new Route("POST", "/sending-servers/{server}/enabled", false, Role.ADMIN, 422, 403),
                new Route("POST", "/sending-servers/{server}/test", false, Role.ADMIN, 200, 403),
                Route.get("/webhook-endpoints", Role.ADMIN),
                // Admins reach the create form, which refuses a form without provider and name with 400.
                new Route("POST", "/webhook-endpoints", false, Role.ADMIN, 400, 403),
                // Ingestion: raw inputs for bounce-log readers; quarantine and API tokens for admins.
                Route.get("/inbound/{input}", Role.MARKETER),
                Route.get("/quarantine", Role.ADMIN),
                Route.get("/quarantine/{input}", Role.ADMIN),
                new Route("POST", "/quarantine/{input}/reprocess", false, Role.ADMIN, 303, 403),
                new Route("POST", "/quarantine/{input}/dismiss", false, Role.ADMIN, 303, 403),
                Route.get("/api-tokens", Role.ADMIN),
                // Allowed roles reach the form, which refuses a token without a name with 400.
                new Route("POST", "/api-tokens", false, Role.ADMIN, 400, 403),
                // Switching tenant: any member, to a tenant they belong to; without a membership there is none.
                new Route("POST", "/tenant", false, null, 303, 400),
                // Outgoing webhooks (issue 13): admins; the empty create form is refused with 422, unknown ids with 404.
                Route.get("/admin/webhooks", Role.ADMIN),
                new Route("POST", "/admin/webhooks", false, Role.ADMIN, 422, 403),
                new Route("GET", "/admin/webhooks/999999999", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999/test", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999/enable", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999/disable", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999/delete", false, Role.ADMIN, 404, 403),
                new Route("POST", "/admin/webhooks/999999999/deliveries/1/redeliver", false, Role.ADMIN, 404, 403),
                // Admin area (issue 13). Members: adding without subject or e-mail, a role change without a role and
                // removing oneself without the confirmation are refused with 422, so the matrix changes nobody.
                Route.get("/admin", Role.ADMIN),
                Route.get("/admin/members", Role.ADMIN),
                new Route("POST", "/admin/members", false, Role.ADMIN, 422, 403),
                new Route("POST", "/admin/members/{member}/role", false, Role.ADMIN, 422, 403),
                new Route("POST", "/admin/members/{member}/remove", false, Role.ADMIN, 422, 403),
                // "Run now" of the auto-reactivation: the matrix tenant has no candidate, so the run changes nobody.
                new Route("POST", "/admin/reactivation/run", false, Role.ADMIN, 303, 403),
                // Insight (issue 12): charts, thresholds (an empty form resets to the defaults: 303), DKIM check,
                // pause and resume (the matrix campaign has nothing pending, so pausing it changes no send).
                Route.get("/insights/domains", Role.MARKETER),
                Route.get("/alerts", Role.MARKETER),
                Route.get("/insights/charts", Role.MARKETER),
                Route.get("/insights/charts?scope=campaign&key={campaign}", Role.MARKETER),
                Route.get("/insights/charts/series.json?scope=server&key={server}", Role.MARKETER),
                Route.get("/alerts/thresholds", Role.ADMIN),
                new Route("POST", "/alerts/thresholds", false, Role.ADMIN, 303, 403),
                Route.get("/sending-servers/{server}/dkim", Role.ADMIN),
                new Route("POST", "/campaigns/{campaign}/pause", false, Role.MARKETER, 303, 403),
                new Route("POST", "/campaigns/{campaign}/resume", false, Role.MARKETER, 303, 403));
    }

    static World world;
    static long input;
    static long member;

    @Inject
    Fixtures fixtures;
    @Inject
    Inbox inbox;
    @Inject
    app.rebound.testsupport.Db db;

    @BeforeEach
    void world() {
        if (world == null) {
            // Members matrix-marketer, matrix-support, matrix-admin; matrix-nobody has no membership anywhere.
            world = fixtures.aWorld(fixtures.aTenant("matrix"), 2);
            input = inbox.accept(new InboundInput(world.tenantId(), InboundSource.API, null, "message/rfc822",
                    "Subject: matrix\r\n\r\nnot a bounce\r\n".getBytes(), "test", null)).inboundId();
            // the admin's own membership: removing it without the confirmation is refused (422)
            member = ((Number) db.one("select id from membership where tenant_id = ? and subject = 'matrix-admin'",
                    world.tenantId()).get("id")).longValue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @TestSecurity(user = "matrix-marketer", augmentors = MembershipAugmentor.class)
    void marketer(Route route) {
        check(route, Role.MARKETER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @TestSecurity(user = "matrix-support", augmentors = MembershipAugmentor.class)
    void support(Route route) {
        check(route, Role.SUPPORT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @TestSecurity(user = "matrix-admin", augmentors = MembershipAugmentor.class)
    void admin(Route route) {
        check(route, Role.ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @TestSecurity(user = "matrix-nobody", augmentors = MembershipAugmentor.class)
    void authenticatedWithoutMembership(Route route) {
        assertEquals(route.noMembership(), call(route), route.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void anonymous(Route route) {
        int status = call(route);
        assertTrue(status == 302 || status == 401, route + " answered " + status + " to an anonymous caller");
    }

    private void check(Route route, Role role) {
        boolean allowed = route.least() == null || role.compareTo(route.least()) >= 0;
        assertEquals(allowed ? route.allowed() : 403, call(route), route + " as " + role.code());
    }

    private int call(Route route) {
        String path = route.path().replace("{campaign}", String.valueOf(world.campaignId()))
                .replace("{subscriber}", String.valueOf(world.subscriberId()))
                .replace("{server}", String.valueOf(world.serverId()))
                .replace("{input}", String.valueOf(input))
                .replace("{member}", String.valueOf(member))
                .replace("{bounceCursor}", new BounceCursor(Instant.now(), Long.MAX_VALUE).token())
                .replace("{subscriberCursor}", new SubscriberCursor("a@a", 1).token());
        RequestSpecification spec = given().redirects().follow(false);
        if (route.htmx()) {
            spec = spec.header("HX-Request", "true");
        }
        if (route.method().equals("POST")) {
            return Csrf.withHeaderToken(spec).contentType(ContentType.URLENC).formParam("tenant", world.tenantId())
                    .post(path).statusCode();
        }
        return spec.get(path).statusCode();
    }
}
