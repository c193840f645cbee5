package app.rebound.ingest.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.Verp;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.IngestConfig;
import app.rebound.ingest.IngestWorker;
import app.rebound.ingest.VerpKeys;
import app.rebound.testsupport.BounceMails;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS on the inbound listener: the test generates a key store with the JDK's keytool, starts a listener
 * configured with it (the same {@link SmtpConfig} keys an operator sets), and a real SMTP client (Angus Mail) that
 * requires STARTTLS and trusts only that certificate upgrades the connection and delivers a bounce, which is stored.
 * The same client against a listener without a certificate fails, so the upgrade is what the test sees.
 */
@QuarkusTest
class SmtpStartTlsTest {
    private static final String PASSWORD = "test-keystore-pass";
    @Inject
    SmtpConfig smtp;
    @Inject
    IngestConfig ingest;
    @Inject
    Inbox inbox;
    @Inject
    VerpKeys verpKeys;
    @Inject
    IngestWorker worker;
    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @TempDir
    Path dir;

    SmtpListener tlsListener;
    SmtpListener plainListener;
    Path keyStore;
    String tenant;
    String domain;
    Fixtures.World world;
    List<Long> subs;

    @BeforeEach
    void setUp() throws Exception {
        keyStore = dir.resolve("smtp.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        tenant = fixtures.aTenant("tls");
        domain = "bounces." + tenant + ".test";
        assertTrue(verpKeys.claimDomain(tenant, domain));
        world = fixtures.aWorld(tenant, 0);
        subs = fixtures.someSubscribers(world, "t", "example.net", 1);
    }

    @AfterEach
    void stop() {
        if (tlsListener != null) {
            tlsListener.stop();
        }
        if (plainListener != null) {
            plainListener.stop();
        }
    }

    /** The injected settings with the TLS key store set, as an operator would configure it. */
    private SmtpConfig withKeyStore(Optional<String> path) {
        return new SmtpConfig() {
            public boolean enabled() { return false; }
            public int port() { return 0; }
            public String bindAddress() { return "127.0.0.1"; }
            public String hostName() { return smtp.hostName(); }
            public int maxConnections() { return smtp.maxConnections(); }
            public Optional<String> tlsKeyStore() { return path; }
            public Optional<String> tlsKeyStorePassword() { return path.map(x -> PASSWORD); }
        };
    }

    /** Sends through Angus Mail with STARTTLS required, trusting only the generated certificate. */
    private void send(int port, String rcpt, byte[] mail) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp", ks.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);

        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.ssl.socketFactory", ctx.getSocketFactory());
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(mail));
        Transport.send(m, new InternetAddress[] {new InternetAddress(rcpt)});
    }

    @Test
    void aClientUpgradesWithStartTlsAndDelivers() throws Exception {
        tlsListener = new SmtpListener(withKeyStore(Optional.of(keyStore.toString())), ingest, inbox, verpKeys);
        int port = tlsListener.start(0);
        Verp verp = verpKeys.activeKey(tenant);
        String rcpt = verp.encode(tenant, Long.toString(world.campaignId()), Long.toString(subs.get(0)), domain);
        byte[] mail = BounceMails.dsn(BounceMails.aBounce(rcpt, "t-000@example.net", "5.1.1",
                "550 5.1.1 The email account that you tried to reach does not exist"));

        send(port, rcpt, mail);

        assertEquals(1, db.count("select count(*) from inbound_message where tenant_id = ? and source = 'smtp'", tenant),
                "acknowledged over TLS means stored");
        worker.drain();
        assertEquals("bounced", db.one("select status from subscriber where tenant_id = ? and id = ?", tenant, subs.get(0))
                .get("status"));
    }

    @Test
    void withoutACertificateNoStartTlsIsOffered() throws Exception {
        plainListener = new SmtpListener(withKeyStore(Optional.empty()), ingest, inbox, verpKeys);
        int port = plainListener.start(0);
        String rcpt = verpKeys.activeKey(tenant).encode(tenant, Long.toString(world.campaignId()),
                Long.toString(subs.get(0)), domain);
        MessagingException e = assertThrows(MessagingException.class, () -> send(port, rcpt,
                BounceMails.dsn(BounceMails.aBounce(rcpt, "t-000@example.net", "5.1.1", "550 5.1.1 no such user"))));
        assertTrue(String.valueOf(e.getMessage()).contains("STARTTLS"), e.getMessage());
        assertEquals(0, db.count("select count(*) from inbound_message where tenant_id = ?", tenant));
    }
}
