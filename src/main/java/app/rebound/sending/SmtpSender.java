package app.rebound.sending;

import app.rebound.sending.SmtpSendException.Stage;
import app.rebound.sendingserver.SendingServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends mail over SMTP with Angus Mail: one message per call ({@link #send}), or many over one connection
 * ({@link #open}). A refusal by the server (greeting, AUTH, MAIL FROM, RCPT TO or DATA) is a
 * {@link SmtpSendException} carrying the server's verbatim reply; an unreachable server is one without a reply.
 */
@ApplicationScoped
public class SmtpSender {
    static {
        // Jakarta Mail looks its StreamProvider up anew for every message it writes (MimeBodyPart.writeTo and
        // MimeUtility.encode call StreamProvider.provider()), by default with a ServiceLoader scan of every jar on the
        // class path: measured at 60% of the CPU of a campaign send. Its FactoryFinder reads a system property named
        // after the interface first; naming Angus's provider (the one its service file declares) turns the scan into a
        // class lookup. A value set by the operator is kept.
        System.getProperties().putIfAbsent(jakarta.mail.util.StreamProvider.class.getName(),
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int IO_TIMEOUT_MS = 60_000;
    /**
     * A connection unused for longer than this is probed (NOOP) before the next message, in case the server closed it
     * meanwhile; one in steady use is not: a probe per message costs a round trip per message (a fifth of the
     * dialogue).
     */
    static final java.time.Duration PROBE_AFTER_IDLE = java.time.Duration.ofSeconds(5);

    /**
     * Sends one message through a sending server (its host, port, TLS mode and credentials) on a fresh connection;
     * returns the server's reply to the end of DATA. Callers skip suppressed addresses before calling.
     */
    public SmtpReply send(SendingServer server, OutgoingMail mail) throws SmtpSendException {
        return send(targetOf(server), mail);
    }

    /** Where a sending server's mail goes, with its secret in clear for the SMTP AUTH only. */
    public SmtpTarget targetOf(SendingServer server) {
        return SmtpTarget.of(server, secrets == null ? server.password : secrets.clearPassword(server));
    }

    @jakarta.inject.Inject
    SmtpSecrets secrets;

    /** Sends one message on a fresh connection; returns the server's reply to the end of DATA. */
    public SmtpReply send(SmtpTarget target, OutgoingMail mail) throws SmtpSendException {
        try (Connection c = open(target)) {
            return c.send(mail);
        }
    }

    /** Connects, says EHLO, authenticates when configured, and says QUIT: what a "test connection" button does. */
    public SmtpReply testConnection(SmtpTarget target) throws SmtpSendException {
        try (Connection c = open(target)) {
            return c.lastReply();
        }
    }

    /** An open, authenticated connection for sending several messages; close it when done. */
    public Connection open(SmtpTarget target) throws SmtpSendException {
        return open(target, PROBE_AFTER_IDLE);
    }

    Connection open(SmtpTarget target, java.time.Duration probeAfterIdle) throws SmtpSendException {
        Connection c = new Connection(target, probeAfterIdle.toNanos());
        c.connect();
        return c;
    }

    /** One SMTP connection (not thread-safe: one sender thread per connection). Reconnects when the server dropped it. */
    public static final class Connection implements AutoCloseable {
        private final SmtpTarget target;
        private final Session session;
        private SMTPTransport transport;
        private final long probeAfterIdleNanos;
        private long lastUsedNanos;

        Connection(SmtpTarget target, long probeAfterIdleNanos) {
            this.target = target;
            this.probeAfterIdleNanos = probeAfterIdleNanos;
            this.session = Session.getInstance(properties(target));
        }

        void connect() throws SmtpSendException {
            String protocol = target.tlsMode() == app.rebound.sendingserver.TlsMode.TLS ? "smtps" : "smtp";
            try {
                transport = (SMTPTransport) session.getTransport(protocol);
                transport.connect(target.host(), target.port(), target.username(), target.password());
                lastUsedNanos = System.nanoTime();
            } catch (AuthenticationFailedException e) {
                throw refused(Stage.AUTH, "Authentication refused by " + target.host(), e);
            } catch (MessagingException e) {
                throw refused(Stage.CONNECT, "Could not connect to " + target.host() + ":" + target.port(), e);
            }
        }

        /** The server's last reply (after connecting: its answer to EHLO or AUTH). */
        public SmtpReply lastReply() {
            return SmtpReply.parse(transport.getLastReturnCode(), transport.getLastServerResponse());
        }

        /** Sends one message; returns the server's reply to the end of DATA. */
        public SmtpReply send(OutgoingMail mail) throws SmtpSendException {
            SMTPMessage message;
            InternetAddress rcpt;
            try {
                rcpt = new InternetAddress(mail.to(), true);
                message = build(session, mail);
            } catch (AddressException e) {
                throw new SmtpSendException(Stage.RCPT, null, "Not a valid address: " + e.getRef(), e);
            } catch (MessagingException e) {
                throw new SmtpSendException(Stage.MAIL, null, "Could not build the message: " + e.getMessage(), e);
            }
            return deliver(message, rcpt);
        }

        private SmtpReply deliver(SMTPMessage message, InternetAddress rcpt) throws SmtpSendException {
            if (transport == null || !alive()) {
                connect();
            }
            try {
                transport.sendMessage(message, new InternetAddress[] {rcpt});
                lastUsedNanos = System.nanoTime();
                return lastReply();
            } catch (SMTPSenderFailedException e) {
                throw new SmtpSendException(Stage.MAIL, SmtpReply.parse(e.getReturnCode(), e.getMessage()),
                        "Sender refused: " + e.getMessage().strip(), e);
            } catch (SMTPSendFailedException e) {
                // refused at the end of DATA (or MAIL FROM, depending on the command)
                throw refused(stageOfSendFailure(e), "Refused", e);
            } catch (SendFailedException e) {
                for (Exception next = e.getNextException(); next != null;
                        next = next instanceof MessagingException m ? m.getNextException() : null) {
                    if (next instanceof SMTPAddressFailedException a) {
                        throw new SmtpSendException(Stage.RCPT, SmtpReply.parse(a.getReturnCode(), a.getMessage()),
                                "Recipient refused: " + a.getMessage().strip(), e);
                    }
                }
                throw refused(Stage.RCPT, "Recipient refused", e);
            } catch (MessagingException e) {
                SmtpSendException failure = refused(Stage.DATA, "Sending failed", e);
                closeQuietly();
                throw failure;
            }
        }

        /**
         * Sends a ready-made message (bytes as they go on the wire) with this envelope; {@code "<>"} is the null
         * sender of bounces and reports.
         */
        public SmtpReply sendRaw(String envelopeFrom, String recipient, byte[] mime) throws SmtpSendException {
            SMTPMessage message;
            InternetAddress rcpt;
            try {
                rcpt = new InternetAddress(recipient, true);
                message = new SMTPMessage(session, new java.io.ByteArrayInputStream(mime));
                message.setEnvelopeFrom(envelopeFrom);
            } catch (MessagingException e) {
                throw new SmtpSendException(Stage.MAIL, null, "Could not read the message: " + e.getMessage(), e);
            }
            return deliver(message, rcpt);
        }

        /**
         * Whether the connection can take the next message: one used within {@link #PROBE_AFTER_IDLE} is taken as
         * open (Angus's {@code isConnected()} would say NOOP every time); an idle one is probed.
         */
        private boolean alive() {
            if (System.nanoTime() - lastUsedNanos < probeAfterIdleNanos) {
                return true;
            }
            return transport.isConnected();
        }

        private Stage stageOfSendFailure(SMTPSendFailedException e) {
            String cmd = e.getCommand() == null ? "" : e.getCommand().toUpperCase(java.util.Locale.ROOT);
            return cmd.startsWith("MAIL") ? Stage.MAIL : Stage.DATA;
        }

        private SmtpSendException refused(Stage stage, String what, MessagingException e) {
            SmtpReply reply = null;
            if (e instanceof SMTPSendFailedException s) {
                reply = SmtpReply.parse(s.getReturnCode(), s.getMessage());
            } else if (transport != null && transport.getLastReturnCode() >= 400) {
                reply = lastReply();
            } else if (e instanceof AuthenticationFailedException && e.getMessage() != null
                    && e.getMessage().strip().matches("(?s)^[45]\\d\\d.*")) {
                reply = SmtpReply.parse(Integer.parseInt(e.getMessage().strip().substring(0, 3)), e.getMessage());
            }
            String detail = reply != null ? reply.text() : String.valueOf(e.getMessage());
            return new SmtpSendException(stage, reply, what + ": " + detail, e);
        }

        private void closeQuietly() {
            try {
                if (transport != null) {
                    transport.close();
                }
            } catch (MessagingException ignored) {
                // the connection is gone either way
            } finally {
                transport = null; // the next message connects afresh
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }

    static Properties properties(SmtpTarget t) {
        Properties p = new Properties();
        for (String proto : new String[] {"smtp", "smtps"}) {
            String k = "mail." + proto + ".";
            p.put(k + "host", t.host());
            p.put(k + "port", Integer.toString(t.port()));
            p.put(k + "localhost", t.heloName());
            p.put(k + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MS));
            p.put(k + "timeout", Integer.toString(IO_TIMEOUT_MS));
            p.put(k + "writetimeout", Integer.toString(IO_TIMEOUT_MS));
            p.put(k + "auth", Boolean.toString(t.authenticates()));
            p.put(k + "ssl.checkserveridentity", "true");
            p.put(k + "quitwait", "false");
        }
        switch (t.tlsMode()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> p.put("mail.smtps.ssl.enable", "true");
            case NONE -> p.put("mail.smtp.starttls.enable", "false");
        }
        return p;
    }

    static SMTPMessage build(Session session, OutgoingMail mail) throws MessagingException {
        SMTPMessage m = new SMTPMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID(); // keep a Message-ID the caller chose (it links bounces to the send)
                }
            }
        };
        m.setEnvelopeFrom(mail.envelopeFrom());
        m.setFrom(new InternetAddress(mail.from(), true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        m.setText(mail.textBody(), StandardCharsets.UTF_8.name());
        m.saveChanges();
        return m;
    }
}
