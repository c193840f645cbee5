package app.rebound.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.engine.Verp;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upload API with real per-tenant tokens, no login and no CSRF token (the token is the credential). */
@QuarkusTest
class InboundApiTest {
    @TestHTTPResource("/")
    URL url;
    @Inject
    ApiTokens tokens;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    String tenant;
    String token;
    Fixtures.World world;
    List<Long> subs;
    Verp verp;

    @BeforeEach
    void world() {
        worker.drain();
        tenant = fixtures.aTenant("api");
        token = tokens.create(tenant, "collector");
        world = fixtures.aWorld(tenant, 0);
        subs = fixtures.someSubscribers(world, "a", "example.com", 3);
        verp = verpKeys.activeKey(tenant);
    }

    private byte[] mail(int i) {
        String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(i)), "b.test");
        return BounceMails.dsn(BounceMails.aBounce(rp, String.format("a-%03d@example.com", i), "5.1.1",
                "550 5.1.1 The email account that you tried to reach does not exist"));
    }

    @Test
    void aRawMailIsStoredAndProcessedForTheTokensTenant() {
        // The same bytes twice: mail(i) stamps the current second, so building it twice could yield two different mails.
        byte[] raw = mail(0);
        given().header("Authorization", "Bearer " + token).contentType("message/rfc822").body(raw)
                .post("/api/v1/inbound").then().statusCode(202).body("stored[0].duplicate", equalTo(false));
        given().header("Authorization", "Bearer " + token).contentType("message/rfc822").body(raw)
                .post("/api/v1/inbound").then().statusCode(202).body("stored[0].duplicate", equalTo(true));
        worker.drain();
        assertEquals("bounced", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, subs.get(0))
                .get("status"));
    }

    @Test
    void aBatchIsCheckedWholeThenStored() {
        String b64a = Base64.getEncoder().encodeToString(mail(1));
        String b64b = Base64.getEncoder().encodeToString(mail(2));
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"messages\":[{\"raw\":\"" + b64a + "\"},{\"raw\":\"" + b64b + "\",\"id\":\"k2\"}]}")
                .post("/api/v1/inbound").then().statusCode(202).body("stored.size()", equalTo(2));
        // one bad item refuses the whole batch: nothing of it is stored
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"messages\":[{\"raw\":\"" + b64a + "\",\"id\":\"new\"},{\"raw\":\"%%%\"}]}")
                .post("/api/v1/inbound").then().statusCode(400).body("error", containsString("messages[1]"));
        assertEquals(2, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{not json")
                .post("/api/v1/inbound").then().statusCode(400).body("error", containsString("not valid JSON"));
    }

    @Test
    void noValidTokenNoEntry() {
        given().contentType("message/rfc822").body(mail(0)).post("/api/v1/inbound").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer rbd_" + "x".repeat(43)).contentType("message/rfc822").body(mail(0))
                .post("/api/v1/inbound").then().statusCode(401);
        long id = tokens.list(tenant).get(0).id();
        tokens.revoke(tenant, id);
        given().header("Authorization", "Bearer " + token).contentType("message/rfc822").body(mail(0))
                .post("/api/v1/inbound").then().statusCode(401);
        assertEquals(0, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
        // only the hash is stored
        assertEquals(0, db.count("select count(*) from api_token where tenant_id = ? and encode(token_hash, 'escape') like ?",
                tenant, "%" + token.substring(4, 20) + "%"));
    }

    @Test
    void wrongContentTypeEmptyAndOversizedAreRefusedClearly() throws Exception {
        given().header("Authorization", "Bearer " + token).contentType("image/png").body(new byte[] {1, 2})
                .post("/api/v1/inbound").then().statusCode(415).body("error", containsString("message/rfc822"));
        given().header("Authorization", "Bearer " + token).contentType("message/rfc822").body(new byte[0])
                .post("/api/v1/inbound").then().statusCode(400).body("error", containsString("empty"));
        // a well-behaved client asks first (Expect: 100-continue) and gets 413 before sending 10 MiB
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "api/v1/inbound")).expectContinue(true)
                .header("Authorization", "Bearer " + token).header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertEquals(0, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
    }

    @Test
    void theApiIsInTheOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/inbound"));
    }
}
