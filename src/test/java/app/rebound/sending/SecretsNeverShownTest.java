package app.rebound.sending;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.ingest.IngestWorker;
import app.rebound.simulator.BounceSimulator;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A recognisable SMTP secret goes through create, a refused edit, an edit, connection tests (success and failure)
 * and campaign sends (an unreachable server, then refusals at RCPT): it never appears in a page, an export or the
 * log output (every record captured at the root logger, with its parameters and exception chain).
 */
@QuarkusTest
class SecretsNeverShownTest {
    static final String SECRET = "Zq9-SECRET-do-not-leak-4471";
    static final String SECRET_2 = "Wy7-SECOND-do-not-leak-9082";
    static final String TENANT_PREFIX = "secretpages";

    @Inject
    Fixtures fixtures;
    @Inject
    CampaignSender sender;
    @Inject
    IngestWorker worker;
    @Inject
    Db db;

    /** Every log record, formatted as the console would show it plus the messages of its exception chain. */
    static final class Capture extends Handler {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord r) {
            StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(" | ").append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(" | ").append(t);
            }
            lines.add(b.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static RequestSpecification form(Map<String, String> fields) {
        return Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC).formParams(fields);
    }

    static Map<String, String> settings(String name, int port, String secret) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("host", "127.0.0.1");
        f.put("port", Integer.toString(port));
        f.put("tls", "none");
        f.put("username", "relay-user");
        f.put("secret", secret);
        f.put("returnPathDomain", "bounces." + name + ".test");
        f.put("rateLimit", "");
        f.put("retryPolicy", "default");
        return f;
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @TestSecurity(user = "secretpages-admin", augmentors = MembershipAugmentor.class)
    void theSmtpSecretNeverAppearsInPagesExportsOrLogs() throws Exception {
        String tenant = fixtures.aTenant(TENANT_PREFIX);
        Fixtures.World world = fixtures.aWorld(tenant, 0);
        fixtures.someSubscribers(world, "unknown", "example.net", 2);
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        BounceSimulator simulator = new BounceSimulator("mx.secrets.test", Optional.empty());
        int simPort = simulator.start(0);
        List<String> pages = new ArrayList<>();
        try {
            int closed = closedPort();
            String name = "secret-relay-" + tenant.substring(tenant.length() - 4);
            // create, pointing at nothing: the connection test fails and says why
            assertEquals(303, form(settings(name, closed, SECRET)).post("/sending-servers").statusCode());
            long id = ((Number) db.one("select id from sending_server where tenant_id = ? and name = ?", tenant, name).get("id")).longValue();
            String failed = form(Map.of()).post("/sending-servers/" + id + "/test").then().statusCode(200).extract().asString();
            assertTrue(failed.contains("Failed."), failed);
            pages.add(failed);
            // a refused edit with a new secret typed: the form comes back without it
            Map<String, String> bad = settings(name, 70000, SECRET_2);
            String refused = form(bad).post("/sending-servers/" + id).then().statusCode(422).extract().asString();
            pages.add(refused);
            // an edit to the simulator, keeping the secret; the test connects
            assertEquals(303, form(settings(name, simPort, "")).post("/sending-servers/" + id).statusCode());
            pages.add(form(Map.of()).post("/sending-servers/" + id + "/test").then().statusCode(200).extract().asString());
            // the world's campaign goes through this server: first unreachable (the send waits), then refusals at RCPT
            db.update("update campaign set sending_server_id = ? where tenant_id = ? and id = ?", id, tenant, world.campaignId());
            assertEquals(303, form(settings(name, closed, "")).post("/sending-servers/" + id).statusCode());
            sender.request(tenant, world.campaignId());
            assertEquals(0, sender.sendCampaign(tenant, world.campaignId()));
            assertEquals(303, form(settings(name, simPort, SECRET_2)).post("/sending-servers/" + id).statusCode());
            sender.sendCampaign(tenant, world.campaignId());
            worker.drain();
            assertTrue(simulator.acceptedTotal() >= 1, "the world's own subscriber was accepted");
            for (String path : List.of("/sending-servers", "/sending-servers/" + id, "/sending-servers/" + id + "/edit",
                    "/campaigns/" + world.campaignId() + "/sending", "/campaigns/" + world.campaignId() + "/bounces",
                    "/campaigns/" + world.campaignId() + "/bounces/export.csv", "/suppression/export.csv", "/alerts")) {
                pages.add(given().get(path).then().statusCode(200).extract().asString());
            }
        } finally {
            root.removeHandler(capture);
            simulator.close();
        }
        assertTrue(db.count("select count(*) from bounce where tenant_id = ?", tenant) >= 2, "the refusals were recorded");
        assertTrue(capture.lines.stream().anyMatch(l -> l.contains("Could not connect")), "the failures were logged: "
                + capture.lines.size() + " records");
        for (String page : pages) {
            assertFalse(page.contains(SECRET) || page.contains(SECRET_2), page);
        }
        for (String line : capture.lines) {
            assertFalse(line.contains(SECRET) || line.contains(SECRET_2), line);
        }
        assertFalse(db.count("select count(*) from sending_server where tenant_id = ? and password is not null", tenant) > 0,
                "no plain secret stored");
    }
}
