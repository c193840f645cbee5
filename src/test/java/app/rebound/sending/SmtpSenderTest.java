package app.rebound.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.sendingserver.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** A real SMTP dialogue with a subethasmtp receiver on a free port that refuses some recipients. */
class SmtpSenderTest {
    record Received(String from, String to, String data) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    SMTPServer server;
    final SmtpSender sender = new SmtpSender();

    @BeforeEach
    void start() {
        server = SMTPServer.port(0).hostName("mx.receiver.test")
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(
                        (user, pass, ctx) -> {
                            if (!"sender".equals(user) || !"s3cret".equals(pass)) {
                                throw new org.subethamail.smtp.auth.LoginFailedException("bad credentials");
                            }
                        }))
                .messageHandlerFactory(ctx -> new Handler()).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    final class Handler implements MessageHandler {
        String from;
        String to;

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient.startsWith("unknown")) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: user unknown");
            }
            if (recipient.startsWith("full")) {
                throw new RejectException(452, "4.2.2 mailbox full");
            }
            to = recipient;
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            String body = new String(data.readAllBytes(), StandardCharsets.UTF_8);
            if (to.startsWith("policy")) {
                throw new RejectException(550, "5.7.1 message refused by policy");
            }
            received.add(new Received(from, to, body));
            return null;
        }

        @Override
        public void done() {
        }
    }

    SmtpTarget target(String user, String pass) {
        return new SmtpTarget("127.0.0.1", server.getPortAllocated(), TlsMode.NONE, user, pass, "rebound.test");
    }

    static OutgoingMail mail(String to) {
        return new OutgoingMail("b-123@bounces.example.org", "news@example.org", to, "Hello é",
                "Body text\r\n", Map.of("X-Rebound-Campaign", "42"));
    }

    @Test
    void sendsWithTheEnvelopeSenderAndHeadersAndReturnsTheServersReply() throws Exception {
        SmtpReply reply = sender.send(target("sender", "s3cret"), mail("ok@example.net"));
        assertEquals(250, reply.code());
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("b-123@bounces.example.org", r.from());
        assertEquals("ok@example.net", r.to());
        assertTrue(r.data().contains("X-Rebound-Campaign: 42"), r.data());
        assertTrue(r.data().contains("Body text"), r.data());
    }

    @Test
    void aRefusalAtRcptCarriesTheVerbatimReplyAndTheConnectionStaysUsable() throws Exception {
        try (SmtpSender.Connection c = sender.open(target(null, null))) {
            SmtpSendException e = assertThrows(SmtpSendException.class, () -> c.send(mail("unknown@example.net")));
            assertEquals(SmtpSendException.Stage.RCPT, e.stage());
            assertEquals(550, e.reply().orElseThrow().code());
            assertEquals("5.1.1", e.reply().orElseThrow().enhancedCode().orElseThrow());
            assertTrue(e.reply().orElseThrow().text().contains("user unknown"), e.reply().toString());
            assertTrue(e.isRecipientRejection());

            SmtpSendException soft = assertThrows(SmtpSendException.class, () -> c.send(mail("full@example.net")));
            assertEquals(452, soft.reply().orElseThrow().code());
            assertEquals("4.2.2", soft.reply().orElseThrow().enhancedCode().orElseThrow());
            assertTrue(soft.reply().orElseThrow().transientFailure());

            assertEquals(250, c.send(mail("ok@example.net")).code());
        }
        assertEquals(1, received.size());
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReopenedForTheNextMessage() throws Exception {
        server.stop();
        server = SMTPServer.port(0).hostName("mx.receiver.test").connectionTimeoutMs(300)
                .messageHandlerFactory(ctx -> new Handler()).build();
        server.start();
        try (SmtpSender.Connection c = sender.open(target(null, null), java.time.Duration.ofMillis(100))) {
            c.send(mail("first@example.net"));
            Thread.sleep(1_000); // the server times the idle connection out
            c.send(mail("second@example.net"));
        }
        assertEquals(List.of("first@example.net", "second@example.net"), received.stream().map(Received::to).toList());
    }

    @Test
    void jakartaMailIsToldItsStreamProviderSoItDoesNotScanTheClassPathPerMessage() throws Exception {
        // the property SmtpSender sets must name a real provider, or Jakarta Mail silently falls back to the scan
        String name = System.getProperty(jakarta.mail.util.StreamProvider.class.getName());
        Class<?> provider = Class.forName(name);
        assertTrue(jakarta.mail.util.StreamProvider.class.isAssignableFrom(provider), name);
        assertEquals(provider, jakarta.mail.util.StreamProvider.provider().getClass());
    }

    @Test
    void aRefusalAtDataCarriesTheReply() {
        SmtpSendException e = assertThrows(SmtpSendException.class, () -> sender.send(target(null, null), mail("policy@example.net")));
        assertEquals(SmtpSendException.Stage.DATA, e.stage());
        assertEquals(550, e.reply().orElseThrow().code());
        assertEquals("5.7.1", e.reply().orElseThrow().enhancedCode().orElseThrow());
        assertTrue(received.isEmpty());
    }

    @Test
    void wrongCredentialsAreAnAuthRefusalNotABounce() {
        SmtpSendException e = assertThrows(SmtpSendException.class, () -> sender.send(target("sender", "wrong"), mail("ok@example.net")));
        assertEquals(SmtpSendException.Stage.AUTH, e.stage());
        assertFalse(e.isRecipientRejection());
        assertFalse(e.getMessage().contains("wrong"), e.getMessage());
        assertTrue(received.isEmpty());
    }

    @Test
    void anUnreachableServerHasNoReply() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SmtpTarget t = new SmtpTarget("127.0.0.1", closed, TlsMode.NONE, null, null, null);
        SmtpSendException e = assertThrows(SmtpSendException.class, () -> sender.send(t, mail("ok@example.net")));
        assertEquals(SmtpSendException.Stage.CONNECT, e.stage());
        assertTrue(e.reply().isEmpty());
    }

    @Test
    void theTargetNeverPrintsItsSecret() {
        assertFalse(target("sender", "s3cret").toString().contains("s3cret"));
    }

    @Test
    void headerInjectionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail("a@b", "a@b", "c@d", "s", "t",
                Map.of("X-Evil", "x\r\nBcc: victim@example.net")));
    }
}
