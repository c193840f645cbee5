package app.rebound.sendingserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.rebound.infra.SecretBox;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.web.Csrf;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin sets a sending server's bounce mailbox (IMAP) in the browser form; the secret is sealed and never shown. */
@QuarkusTest
@TestSecurity(user = "mailbox-admin", augmentors = MembershipAugmentor.class)
class BounceMailboxSettingsTest {
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    SecretBox secrets;

    String mine;
    long myServer;
    long theirServer;

    @BeforeEach
    void world() {
        mine = fixtures.aTenant("mailbox-a");
        String theirs = fixtures.aTenant("mailbox-b");
        db.update("delete from membership where subject = 'mailbox-admin'");
        fixtures.aMember(mine, "mailbox-admin", Role.ADMIN);
        myServer = fixtures.aSendingServer(mine, "Primary", "smtp-user", "smtp-pass", RetryPolicy.DEFAULT);
        theirServer = fixtures.aSendingServer(theirs, "Theirs", "their-user", "their-pass", RetryPolicy.DEFAULT);
        // The other organisation already has a mailbox: nothing here may touch or show it.
        db.update("insert into imap_mailbox (tenant_id, sending_server_id, host, port, tls_mode, username, secret_enc)"
                + " values (?, ?, 'imap.theirs.example', 993, 'tls', 'bravo-user', ?)", theirs, theirServer,
                secrets.seal("bravo-secret"));
    }

    private RequestSpecification form(String host, String port, String secret) {
        return Csrf.withHeaderToken(given().redirects().follow(false)).contentType(ContentType.URLENC)
                .formParam("host", host).formParam("port", port).formParam("tls", "starttls")
                .formParam("username", "bounces@acme.example").formParam("secret", secret)
                .formParam("folder", "INBOX").formParam("processedFolder", "Done");
    }

    @Test
    void savedSettingsAreShownWithoutTheSecretWhichIsSealedAndKeptWhenLeftEmpty() {
        form("imap.acme.example", "143", "s3cret-imap-pass").post("/sending-servers/" + myServer + "/mailbox")
                .then().statusCode(303);
        Map<String, Object> row = db.one("select host, port, tls_mode, username, secret_enc, processed_folder from imap_mailbox"
                + " where tenant_id = ? and sending_server_id = ?", mine, myServer);
        assertEquals("imap.acme.example", row.get("host"));
        assertEquals(143, row.get("port"));
        assertEquals("starttls", row.get("tls_mode"));
        byte[] sealed = (byte[]) row.get("secret_enc");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cret-imap-pass"));
        assertEquals("s3cret-imap-pass", secrets.open(sealed));

        given().get("/sending-servers/" + myServer).then().statusCode(200)
                .body(containsString("imap.acme.example:143"))
                .body(containsString("Done"))
                .body(not(containsString("s3cret-imap-pass")))
                .body(not(containsString("bravo")));

        // Editing without retyping the password keeps the stored one.
        form("imap2.acme.example", "993", "").post("/sending-servers/" + myServer + "/mailbox").then().statusCode(303);
        Map<String, Object> edited = db.one("select host, secret_enc from imap_mailbox where tenant_id = ? and sending_server_id = ?",
                mine, myServer);
        assertEquals("imap2.acme.example", edited.get("host"));
        assertArrayEquals(sealed, (byte[]) edited.get("secret_enc"));
    }

    @Test
    void badInputIsRefusedWithAMessageAndChangesNothing() {
        form("imap.acme.example", "143", "first-pass").post("/sending-servers/" + myServer + "/mailbox").then().statusCode(303);
        form("imap.changed.example", "99999", "x").post("/sending-servers/" + myServer + "/mailbox").then().statusCode(422)
                .body(containsString("port"));
        form("imap.changed.example", "abc", "x").post("/sending-servers/" + myServer + "/mailbox").then().statusCode(422)
                .body(containsString("port must be a number"));
        form("", "143", "x").post("/sending-servers/" + myServer + "/mailbox").then().statusCode(422);
        assertEquals("imap.acme.example", db.one("select host from imap_mailbox where tenant_id = ? and sending_server_id = ?",
                mine, myServer).get("host"));
        // A new mailbox needs a password.
        long second = fixtures.aSendingServer(mine, "Second", null, null, RetryPolicy.DEFAULT);
        form("imap.acme.example", "143", "").post("/sending-servers/" + second + "/mailbox").then().statusCode(422);
        assertEquals(0, db.count("select count(*) from imap_mailbox where tenant_id = ? and sending_server_id = ?", mine, second));
    }

    @Test
    void anotherOrganisationsServerIsNotFoundAndItsMailboxUntouched() {
        form("evil.example", "143", "x").post("/sending-servers/" + theirServer + "/mailbox").then().statusCode(404);
        assertEquals("imap.theirs.example", db.one("select host from imap_mailbox where sending_server_id = ?", theirServer)
                .get("host"));
    }

    @Test
    void withoutTheCsrfTokenNothingIsSaved() {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("host", "imap.acme.example")
                .formParam("port", "143").formParam("tls", "tls").formParam("username", "u").formParam("secret", "p")
                .formParam("folder", "INBOX").formParam("processedFolder", "Done")
                .post("/sending-servers/" + myServer + "/mailbox").then().statusCode(400);
        assertEquals(0, db.count("select count(*) from imap_mailbox where tenant_id = ? and sending_server_id = ?", mine, myServer));
    }
}
