package app.rebound.sendingserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.infra.SecretBox;
import app.rebound.sending.CampaignSender;
import app.rebound.sending.SendingSql;
import app.rebound.simulator.BounceSimulator;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sending-server settings pages: create, edit, enable/disable, test connection, policy change re-timing retries. */
@QuarkusTest
class ServerSettingsResourceTest {
    static String ta;
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    SecretBox box;
    @Inject
    CampaignSender sender;
    @Inject
    SendingSql sql;

    @BeforeEach
    void world() {
        if (a == null) {
            ta = fixtures.aTenant("cfg-a");
            String tb = fixtures.aTenant("cfg-b");
            fixtures.aMember(ta, "cfg-admin", Role.ADMIN);
            a = fixtures.aWorld(ta, 0);
            b = fixtures.aWorld(tb, 0);
        }
    }

    static RequestSpecification form() {
        return Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC);
    }

    static RequestSpecification settings(String name, String host, String port, String secret, String policy, String... overrides) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("name", name);
        f.put("host", host);
        f.put("port", port);
        f.put("tls", "none");
        f.put("username", secret.isEmpty() ? "" : "relay-user");
        f.put("secret", secret);
        f.put("returnPathDomain", "rp." + name + ".example");
        f.put("rateLimit", "");
        f.put("retryPolicy", policy);
        for (int i = 0; i < overrides.length; i += 2) {
            f.put(overrides[i], overrides[i + 1]);
        }
        return form().formParams(f);
    }

    static String flash(Response r) {
        String c = r.getCookie("rebound-flash");
        return c == null ? "" : URLDecoder.decode(c, StandardCharsets.UTF_8);
    }

    private Map<String, Object> server(String name) {
        return db.one("select id, smtp_host, smtp_port, username, password, password_sealed, retry_policy, send_rate_limit, enabled"
                + " from sending_server where tenant_id = ? and name = ?", ta, name);
    }

    @Test
    @TestSecurity(user = "cfg-admin", augmentors = MembershipAugmentor.class)
    void createSealsTheSecretAndEditKeepsItWhenLeftEmpty() {
        given().get("/sending-servers/new").then().statusCode(200)
                .body(containsString("aria-label=\"Sending server settings\""))
                .body(containsString("3 retries: after 1 hour, 6 hours, 1 day; then hard"))
                .body(containsString("5 retries: after 1 hour, 6 hours, 1 day, 3 days, 7 days; then hard"))
                .body(containsString("keeps more addresses at B2B receivers that greylist heavily (Proofpoint, Mimecast)"))
                .body(containsString("A change applies to retries not yet due"));
        Response created = settings("relay-new", "smtp.relay-new.example", "2525", "pw-relay-new-77", "aggressive",
                "rateLimit", "250").post("/sending-servers");
        assertEquals(303, created.statusCode(), created.asString());
        Map<String, Object> row = server("relay-new");
        assertEquals("/sending-servers/" + row.get("id"), java.net.URI.create(created.getHeader("Location")).getPath());
        assertNull(row.get("password"));
        byte[] sealed = (byte[]) row.get("password_sealed");
        assertEquals("pw-relay-new-77", box.open(sealed));
        assertEquals("aggressive", row.get("retry_policy"));
        assertEquals(250, ((Number) row.get("send_rate_limit")).intValue());
        long id = ((Number) row.get("id")).longValue();

        given().get("/sending-servers/" + id + "/edit").then().statusCode(200)
                .body(containsString("value=\"relay-user\""))
                .body(containsString("leave empty to keep it"))
                .body(not(containsString("pw-relay-new-77")));
        // an edit with the secret left empty keeps the stored one
        assertEquals(303, settings("relay-new", "smtp2.relay-new.example", "587", "", "aggressive",
                "username", "relay-user", "rateLimit", "250").post("/sending-servers/" + id).statusCode());
        row = server("relay-new");
        assertArrayEquals(sealed, (byte[]) row.get("password_sealed"));
        assertEquals("smtp2.relay-new.example", row.get("smtp_host"));
        assertEquals(587, ((Number) row.get("smtp_port")).intValue());
        // a new secret replaces it
        assertEquals(303, settings("relay-new", "smtp2.relay-new.example", "587", "pw-second-88", "aggressive",
                "rateLimit", "250").post("/sending-servers/" + id).statusCode());
        assertEquals("pw-second-88", box.open((byte[]) server("relay-new").get("password_sealed")));
        given().get("/sending-servers").then().statusCode(200).body(containsString("relay-new"))
                .body(containsString("250/s")).body(not(containsString("pw-second-88")));
    }

    @Test
    @TestSecurity(user = "cfg-admin", augmentors = MembershipAugmentor.class)
    void badInputAnswers422WithMessagesAndSavesNothing() {
        long before = db.count("select count(*) from sending_server where tenant_id = ?", ta);
        settings("", "not a host!", "70000", "pw-x", "reckless", "rateLimit", "-3", "returnPathDomain", "nodot",
                "tls", "ssl3", "username", "").post("/sending-servers").then().statusCode(422)
                .body(containsString("Nothing was saved"))
                .body(containsString("Name: required"))
                .body(containsString("SMTP host: a host name"))
                .body(containsString("Port: a number from 1 to 65535."))
                .body(containsString("TLS mode: choose"))
                .body(containsString("Secret: set a user too"))
                .body(containsString("Return-path (VERP) domain"))
                .body(containsString("Send rate limit: empty (no limit)"))
                .body(containsString("Retry policy: choose"))
                .body(not(containsString("pw-x")));
        assertEquals(before, db.count("select count(*) from sending_server where tenant_id = ?", ta));

        // an edit with a mistake (a name another server has) changes nothing, not even the fields that were fine
        settings("relay-keep", "smtp.keep.example", "25", "pw-keep", "default").post("/sending-servers").then().statusCode(303);
        long keep = ((Number) server("relay-keep").get("id")).longValue();
        String worldServerName = (String) db.one("select name from sending_server where tenant_id = ? and id = ?", ta, a.serverId()).get("name");
        settings(worldServerName, "smtp.changed.example", "26", "pw-new", "conservative").post("/sending-servers/" + keep)
                .then().statusCode(422).body(containsString("another sending server is already called"));
        Map<String, Object> row = server("relay-keep");
        assertEquals("smtp.keep.example", row.get("smtp_host"));
        assertEquals("default", row.get("retry_policy"));
        assertEquals("pw-keep", box.open((byte[]) row.get("password_sealed")));
        // oversized input
        settings("x".repeat(201), "smtp.keep.example", "25", "", "default").post("/sending-servers").then().statusCode(422)
                .body(containsString("at most 200 characters"));
        form().formParam("enabled", "maybe").post("/sending-servers/" + keep + "/enabled").then().statusCode(422);
        form().post("/sending-servers/" + keep).then().statusCode(422);
    }

    @Test
    @TestSecurity(user = "cfg-admin", augmentors = MembershipAugmentor.class)
    void aDisabledServerPausesItsCampaignsAndRefusesSendNow() {
        World w = fixtures.aWorld(ta, 0);
        // a return-path domain of this tenant only (the fixtures' shared one may be claimed by another test's tenant)
        db.update("update sending_server set return_path_domain = ? where tenant_id = ? and id = ?", "bounces." + ta + ".test",
                ta, w.serverId());
        form().formParam("enabled", "false").post("/sending-servers/" + w.serverId() + "/enabled").then().statusCode(303);
        assertEquals(false, db.one("select enabled from sending_server where tenant_id = ? and id = ?", ta, w.serverId()).get("enabled"));
        given().get("/sending-servers/" + w.serverId()).then().statusCode(200)
                .body(containsString("campaigns on this server are paused"));
        CampaignSender.SendRefusedException refused = org.junit.jupiter.api.Assertions.assertThrows(
                CampaignSender.SendRefusedException.class, () -> sender.request(ta, w.campaignId()));
        assertTrue(refused.getMessage().contains("is disabled"), refused.getMessage());
        assertEquals(Optional.empty(), sql.progress(ta, w.campaignId()));
        // a send requested while enabled pauses when the server is disabled, and resumes when it is enabled again
        form().formParam("enabled", "true").post("/sending-servers/" + w.serverId() + "/enabled").then().statusCode(303);
        sender.request(ta, w.campaignId());
        assertTrue(sql.activeSends(ta).contains(w.campaignId()));
        form().formParam("enabled", "false").post("/sending-servers/" + w.serverId() + "/enabled").then().statusCode(303);
        assertTrue(!sql.activeSends(ta).contains(w.campaignId()), "paused: the scheduler does not pick it");
        form().formParam("enabled", "true").post("/sending-servers/" + w.serverId() + "/enabled").then().statusCode(303);
        assertTrue(sql.activeSends(ta).contains(w.campaignId()));
        db.update("update campaign_send set state = 'done' where tenant_id = ? and campaign_id = ?", ta, w.campaignId());
    }

    @Test
    @TestSecurity(user = "cfg-admin", augmentors = MembershipAugmentor.class)
    void testConnectionReallyConnectsAndShowsTheAnswerOrTheError() {
        BounceSimulator simulator = new BounceSimulator("mx.settings.test", Optional.empty());
        int port = simulator.start(0);
        try {
            settings("relay-sim", "127.0.0.1", Integer.toString(port), "", "default").post("/sending-servers").then().statusCode(303);
            long id = ((Number) server("relay-sim").get("id")).longValue();
            form().post("/sending-servers/" + id + "/test").then().statusCode(200)
                    .body(containsString("Connected."))
                    .body(containsString("250"))
                    .body(containsString("<h1>relay-sim</h1>"));
            // the htmx request gets only the result
            form().header("HX-Request", "true").post("/sending-servers/" + id + "/test").then().statusCode(200)
                    .body(containsString("id=\"connection-test\"")).body(containsString("Connected."))
                    .body(not(containsString("<h1>")));
            assertEquals(0, simulator.acceptedTotal(), "a connection test sends no mail");
        } finally {
            simulator.close();
        }
        long id = ((Number) server("relay-sim").get("id")).longValue();
        form().post("/sending-servers/" + id + "/test").then().statusCode(200)
                .body(containsString("Failed."))
                .body(containsString("Could not connect to 127.0.0.1:"));
    }

    @Test
    @TestSecurity(user = "cfg-admin", augmentors = MembershipAugmentor.class)
    void aPolicyChangeReTimesOnlyRetriesNotYetDue() {
        World w = fixtures.aWorld(ta, 0);
        var subs = fixtures.someSubscribers(w, "retime", "example.org", 4);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant last = now.minus(Duration.ofHours(1));
        // default policy: soft bounce 2 schedules retry 2 after 6 h; soft bounce 3 schedules retry 3 after 24 h
        retry(w, subs.get(0), 2, last, last.plus(Duration.ofHours(6)), null);
        retry(w, subs.get(1), 3, last, last.plus(Duration.ofHours(24)), null);
        retry(w, subs.get(2), 2, last.minus(Duration.ofHours(6)), now.minusSeconds(60), null); // already due
        retry(w, subs.get(3), 2, last, last.plus(Duration.ofHours(6)), now); // being sent right now
        String name = (String) db.one("select name from sending_server where tenant_id = ? and id = ?", ta, w.serverId()).get("name");
        Response r = settings(name, "smtp.example.net", "587", "", "conservative").post("/sending-servers/" + w.serverId());
        assertEquals(303, r.statusCode(), r.asString());
        assertTrue(flash(r).contains("1 retries not yet due were re-timed"), flash(r));
        assertTrue(flash(r).contains("1 beyond the new policy's count keep their time"), flash(r));
        // conservative: retry 2 after 24 h
        assertEquals(last.plus(Duration.ofHours(24)), nextRetry(w, subs.get(0)));
        assertEquals(last.plus(Duration.ofHours(24)), nextRetry(w, subs.get(1)), "beyond the policy: kept");
        assertEquals(now.minusSeconds(60), nextRetry(w, subs.get(2)), "already due: untouched");
        assertEquals(last.plus(Duration.ofHours(6)), nextRetry(w, subs.get(3)), "being sent: untouched");
        assertEquals("conservative", db.one("select retry_policy from sending_server where tenant_id = ? and id = ?", ta,
                w.serverId()).get("retry_policy"));
        // the other tenant's retries are never touched (same policy change there is impossible: its server is 404)
        form().formParam("enabled", "false").post("/sending-servers/" + b.serverId() + "/enabled").then().statusCode(404);
        settings("x", "smtp.example.net", "587", "", "conservative").post("/sending-servers/" + b.serverId()).then().statusCode(404);
        form().post("/sending-servers/" + b.serverId() + "/test").then().statusCode(404);
        given().get("/sending-servers/" + b.serverId() + "/edit").then().statusCode(404);
        given().get("/sending-servers/abc/edit").then().statusCode(400);
    }

    private void retry(World w, long subscriber, int softBounces, Instant last, Instant next, Instant claimedAt) {
        db.update("insert into retry_state (tenant_id, campaign_id, subscriber_id, sending_server_id, soft_bounces, first_bounce_at,"
                        + " last_bounce_at, last_bounce_id, next_retry_at, claimed_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                ta, w.campaignId(), subscriber, w.serverId(), softBounces, Timestamp.from(last.minus(Duration.ofHours(2))),
                Timestamp.from(last), Timestamp.from(next), claimedAt == null ? null : Timestamp.from(claimedAt));
    }

    private Instant nextRetry(World w, long subscriber) {
        return ((Timestamp) db.one("select next_retry_at from retry_state where tenant_id = ? and campaign_id = ? and subscriber_id = ?",
                ta, w.campaignId(), subscriber).get("next_retry_at")).toInstant();
    }
}
