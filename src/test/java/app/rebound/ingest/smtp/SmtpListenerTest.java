package app.rebound.ingest.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.SmtpSession;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real SMTP dialogue against the listener on a free port, through to the recorded bounce. */
@QuarkusTest
class SmtpListenerTest {
    @Inject
    SmtpListener listener;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    static SmtpListener started;
    int port;
    String tenant;
    String domain;
    Fixtures.World world;
    List<Long> subs;
    Verp verp;

    @BeforeEach
    void listen() {
        port = listener.start(0);
        started = listener;
        worker.drain();
        tenant = fixtures.aTenant("smtp");
        domain = "bounces." + tenant + ".test";
        assertTrue(verpKeys.claimDomain(tenant, domain));
        world = fixtures.aWorld(tenant, 0);
        subs = fixtures.someSubscribers(world, "m", "example.net", 2);
        verp = verpKeys.activeKey(tenant);
    }

    @AfterAll
    static void stop() {
        if (started != null) {
            started.stop();
        }
    }

    private String rcpt(int i) {
        return verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(i)), domain);
    }

    @Test
    void aBounceToAnIssuedVerpAddressIsStoredThenRecordedAndActedOn() throws Exception {
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(rcpt(0), "m-000@example.net", "5.1.1",
                "550 5.1.1 The email account that you tried to reach does not exist"));
        try (SmtpSession s = new SmtpSession(port)) {
            assertTrue(s.greeting.startsWith("220"), s.greeting);
            assertTrue(s.command("EHLO mx.receiver.example").startsWith("250"));
            assertTrue(s.command("MAIL FROM:<>").startsWith("250"));
            assertTrue(s.command("RCPT TO:<" + rcpt(0) + ">").startsWith("250"));
            String done = s.data(mail);
            assertTrue(done.startsWith("250"), done);
        }
        // acknowledged means stored
        assertEquals(1, db.count("select count(*) from inbound_message where tenant_id = ? and source = 'smtp'", tenant));
        worker.drain();
        var b = db.one("select action, link_source from bounce where tenant_id = ?", tenant);
        assertEquals("bounced", b.get("action"));
        assertEquals("verp", b.get("link_source"));
        assertEquals("bounced", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, subs.get(0))
                .get("status"));
    }

    @Test
    void unknownDomainsAndForgedTokensAreRefusedAtRcptWithAClearReply() throws Exception {
        try (SmtpSession s = new SmtpSession(port)) {
            s.command("EHLO mx.receiver.example");
            s.command("MAIL FROM:<>");
            String unknown = s.command("RCPT TO:<" + rcpt(0).replace(domain, "elsewhere.test") + ">");
            assertTrue(unknown.startsWith("550 5.1.1"), unknown);
            assertTrue(unknown.contains("not a return-path domain"), unknown);
            String forged = s.command("RCPT TO:<" + rcpt(0).replaceFirst("\\.[0-9a-f]{16}@", ".0000000000000000@") + ">");
            assertTrue(forged.startsWith("550 5.1.1"), forged);
            assertTrue(forged.contains("forged"), forged);
            String other = s.command("RCPT TO:<postmaster@" + domain + ">");
            assertTrue(other.startsWith("550 5.1.1"), other);
            String data = s.command("DATA");
            assertTrue(data.startsWith("503"), "no valid recipient, no data: " + data);
        }
        assertEquals(0, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
    }

    @Test
    void anotherTenantsTokenOnThisTenantsDomainIsRefused() throws Exception {
        String other = fixtures.aTenant("smtp");
        Verp otherKey = verpKeys.activeKey(other);
        String cross = otherKey.encode(other, "1", "2", domain);
        try (SmtpSession s = new SmtpSession(port)) {
            s.command("EHLO x");
            s.command("MAIL FROM:<>");
            assertTrue(s.command("RCPT TO:<" + cross + ">").startsWith("550 5.1.1"));
        }
    }

    @Test
    void anOversizedMessageIsRefusedWith552AndNothingIsStored() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 10];
        Arrays.fill(big, (byte) 'a');
        for (int i = 998; i < big.length; i += 1000) {
            big[i] = '\r';
            big[i + 1] = '\n';
        }
        try (SmtpSession s = new SmtpSession(port)) {
            s.command("EHLO x");
            String declared = s.command("MAIL FROM:<> SIZE=" + big.length);
            assertTrue(declared.startsWith("552"), declared);
            s.command("RSET");
            s.command("MAIL FROM:<>");
            s.command("RCPT TO:<" + rcpt(1) + ">");
            String reply = s.data(big);
            assertTrue(reply.startsWith("552 5.3.4"), reply);
            // the session is still usable afterwards
            assertTrue(s.command("NOOP").startsWith("250"));
        }
        assertEquals(0, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
    }
}
