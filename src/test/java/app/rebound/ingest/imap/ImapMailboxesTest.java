package app.rebound.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.infra.SecretBox;
import app.rebound.ingest.IngestMailboxes;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real IMAP server (GreenMail) as a sending server's bounce mailbox. */
@QuarkusTest
class ImapMailboxesTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP);

    @Inject
    ImapMailboxes imap;
    @Inject
    IngestMailboxes mailboxes;
    @Inject
    IngestWorker worker;
    @Inject
    VerpKeys verpKeys;
    @Inject
    SecretBox secrets;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    String tenant;
    Fixtures.World world;
    GreenMailUser user;
    String login;

    @BeforeEach
    void mailbox() {
        worker.drain();
        db.update("update imap_mailbox set enabled = false"); // only this test's mailbox is polled
        tenant = fixtures.aTenant("imap");
        world = fixtures.aWorld(tenant, 0);
        login = "bounces-" + tenant;
        user = greenMail.setUser(login + "@mta.test", login, "s3cret-pass");
        mailboxes.save(tenant, world.serverId(), "127.0.0.1", greenMail.getImap().getPort(), "none", login, "s3cret-pass",
                "INBOX", "Rebound/Processed");
    }

    private void deliver(byte[] raw) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private int count(String folderName) throws Exception {
        Properties p = new Properties();
        try (Store store = Session.getInstance(p).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), login, "s3cret-pass");
            Folder f = store.getFolder(folderName);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            try {
                return f.getMessageCount();
            } finally {
                f.close(false);
            }
        }
    }

    @Test
    void storedMailMovesToTheProcessedFolderAndBecomesABounce() throws Exception {
        List<Long> subs = fixtures.someSubscribers(world, "i", "example.com", 1);
        Verp verp = verpKeys.activeKey(tenant);
        String rp = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(0)), "b.test");
        deliver(BounceMails.dsn(BounceMails.aBounce(rp, "i-000@example.com", "5.1.1", "550 5.1.1 user unknown")));
        deliver("From: someone@else.test\r\nTo: b@b.test\r\nSubject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));

        ImapMailboxes.Poll p = imap.pollAll().get(0);
        assertEquals(2, p.stored());
        assertEquals(2, p.moved());
        assertEquals(0, count("INBOX"));
        assertEquals(2, count("Rebound/Processed"));
        assertEquals(2, db.count("select count(*) from inbound_message where tenant_id = ? and source = 'imap'"
                + " and sending_server_id = ?", tenant, world.serverId()));
        worker.drain();
        assertEquals("bounced", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, subs.get(0))
                .get("status"));
        assertEquals(1, db.count("select count(*) from inbound_message where tenant_id = ? and state = 'quarantined'", tenant),
                "the ordinary mail waits in quarantine, it is not lost");
        // polling again finds nothing new and stores nothing twice
        assertEquals(0, imap.pollAll().get(0).stored());
    }

    @Test
    void mailThatCannotBeStoredStaysInTheInbox() throws Exception {
        StringBuilder big = new StringBuilder("From: a@b.test\r\nTo: c@d.test\r\nSubject: huge\r\n\r\n");
        String line = "x".repeat(998) + "\r\n";
        while (big.length() <= 10 * 1024 * 1024) {
            big.append(line);
        }
        deliver(big.toString().getBytes(StandardCharsets.US_ASCII));
        ImapMailboxes.Poll p = imap.pollAll().get(0);
        assertEquals(0, p.stored());
        assertEquals(1, p.left());
        assertEquals(1, count("INBOX"));
        assertEquals(0, count("Rebound/Processed"));
        String error = (String) db.one("select last_error from imap_mailbox where tenant_id = ?", tenant).get("last_error");
        assertNotNull(error);
        assertTrue(error.contains("exceeds the limit"), error);
    }

    @Test
    void theSecretIsSealedAtRest() {
        byte[] sealed = (byte[]) db.one("select secret_enc from imap_mailbox where tenant_id = ?", tenant).get("secret_enc");
        assertTrue(!new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cret-pass"));
        assertEquals("s3cret-pass", secrets.open(sealed));
        assertNotEquals(new String(secrets.seal("x")), new String(secrets.seal("x")), "a fresh nonce each time");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> secrets.open(sealed), "altered data is refused");
    }
}
