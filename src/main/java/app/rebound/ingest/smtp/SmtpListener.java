package app.rebound.ingest.smtp;

import app.rebound.engine.Verp;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundRejectedException;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.IngestConfig;
import app.rebound.ingest.VerpKeys;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Rebound as the MX of its return-path domains (subethasmtp). A recipient is accepted only when it is a VERP
 * address Rebound issued: its domain is a registered return-path domain, and one of that tenant's keys verifies
 * the token. Everything else is refused at RCPT with 550 5.1.1; a message over the size limit with 552 5.3.4.
 * The message is acknowledged (250) only after it is stored, with the Delivered-To line every MDA adds.
 */
@ApplicationScoped
public class SmtpListener {
    private final SmtpConfig config;
    private final IngestConfig ingest;
    private final Inbox inbox;
    private final VerpKeys verpKeys;
    private SMTPServer server;

    public SmtpListener(SmtpConfig config, IngestConfig ingest, Inbox inbox, VerpKeys verpKeys) {
        this.config = config;
        this.ingest = ingest;
        this.inbox = inbox;
        this.verpKeys = verpKeys;
    }

    void onStart(@Observes StartupEvent e) {
        if (config.enabled()) {
            start(config.port());
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        stop();
    }

    /** Starts listening (port 0: any free port); returns the port. */
    public synchronized int start(int port) {
        if (server != null) {
            return server.getPortAllocated();
        }
        try {
            SMTPServer.Builder b = SMTPServer.port(port)
                    .bindAddress(InetAddress.getByName(config.bindAddress()))
                    .hostName(config.hostName())
                    .softwareName("Rebound")
                    .maxConnections(config.maxConnections())
                    .maxMessageSize(ingest.maxBytes())
                    .maxRecipients(50)
                    .connectionTimeoutMs(60_000)
                    .messageHandlerFactory(Handler::new);
            Optional<SSLContext> tls = tlsContext();
            if (tls.isPresent()) {
                b.enableTLS().startTlsSocketFactory(tls.get());
            }
            server = b.build();
            server.start();
            Log.infof("SMTP listener on port %d%s", server.getPortAllocated(), tls.isPresent() ? " (STARTTLS)" : "");
            return server.getPortAllocated();
        } catch (IOException | java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("Could not start the SMTP listener: " + ex.getMessage(), ex);
        }
    }

    /** The port it listens on, or 0 when it is not running. */
    public synchronized int port() {
        return server == null ? 0 : server.getPortAllocated();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private Optional<SSLContext> tlsContext() throws IOException, java.security.GeneralSecurityException {
        if (config.tlsKeyStore().isEmpty()) {
            return Optional.empty();
        }
        char[] password = config.tlsKeyStorePassword().orElse("").toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(config.tlsKeyStore().get()))) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return Optional.of(ctx);
    }

    /** The tenant that issued this VERP address, or a 550 5.1.1 refusal that says why. */
    String tenantOf(String recipient) throws RejectException {
        String address = recipient == null ? "" : recipient.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || address.length() > 320) {
            throw new RejectException(550, "5.1.1 <" + clip(address) + ">: not an address this server accepts mail for");
        }
        String domain = address.substring(at + 1);
        Optional<String> tenant = verpKeys.tenantOfDomain(domain);
        if (tenant.isEmpty()) {
            throw new RejectException(550, "5.1.1 <" + clip(address) + ">: " + clip(domain)
                    + " is not a return-path domain of this server; it accepts only bounces to addresses Rebound issued");
        }
        for (Verp key : verpKeys.keysOf(tenant.get())) {
            Optional<Verp.Token> t = key.decode(address);
            if (t.isPresent() && t.get().tenant().equals(tenant.get())) {
                return tenant.get();
            }
        }
        throw new RejectException(550, "5.1.1 <" + clip(address) + ">: not a return-path address Rebound issued"
                + " (unknown or forged VERP token)");
    }

    private static String clip(String s) {
        String t = s.replaceAll("[\\x00-\\x1f\\x7f]", "");
        return t.length() <= 200 ? t : t.substring(0, 200);
    }

    private final class Handler implements MessageHandler {
        private final MessageContext context;
        private final List<String[]> recipients = new ArrayList<>();

        Handler(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            // bounces come from the null sender <>; any sender is allowed, the recipient decides
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            recipients.add(new String[] {recipient.strip().toLowerCase(Locale.ROOT), tenantOf(recipient)});
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            int max = ingest.maxBytes() - 1024; // room for the Delivered-To line within the stored limit
            byte[] body = readAtMost(data, max);
            if (body == null) {
                throw new RejectException(552, "5.3.4 Message size exceeds the fixed limit of " + max + " bytes");
            }
            for (String[] r : recipients) {
                byte[] stored = concat(("Delivered-To: " + r[0] + "\r\n").getBytes(StandardCharsets.US_ASCII), body);
                try {
                    inbox.accept(new InboundInput(r[1], InboundSource.SMTP, null, "message/rfc822", stored,
                            "smtp:" + context.getRemoteAddress(), null));
                } catch (InboundRejectedException e) {
                    throw new RejectException(554, "5.6.0 " + clip(e.getMessage()));
                } catch (RuntimeException e) {
                    Log.warnf("SMTP: could not store a message for %s: %s", r[0], e.toString());
                    throw new RejectException(451, "4.3.0 Could not store the message now; please try again later");
                }
            }
            return null;
        }

        @Override
        public void done() {
        }
    }

    /**
     * The stream's bytes, or null when there are more than {@code max}: the rest is then read and dropped up to the
     * terminating dot, so that the session stays in step and can answer 552.
     */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buf = new byte[16 * 1024];
        int n;
        boolean over = false;
        while ((n = in.read(buf)) != -1) {
            if (over || out.size() + n > max) {
                over = true;
                continue;
            }
            out.write(buf, 0, n);
        }
        return over ? null : out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
