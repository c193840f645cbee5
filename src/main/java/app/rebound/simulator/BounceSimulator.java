package app.rebound.simulator;

import app.rebound.sending.SmtpSendException;
import app.rebound.sending.SmtpSender;
import app.rebound.sending.SmtpTarget;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A receiving mail server for trying Rebound out and for its tests (subethasmtp): it answers each recipient the way
 * real receivers do, chosen by the address ({@link Behaviour}): refusals at RCPT or at the end of DATA, greylisting
 * that accepts the next try, and acceptance followed by a DSN or an ARF complaint mailed (null sender) to the
 * message's return path through {@code mailBack}, i.e. Rebound's inbound SMTP listener.
 * It counts what it accepted per recipient, so tests can prove that nobody got a message twice.
 */
public class BounceSimulator implements AutoCloseable {
    private final String hostName;
    private final Optional<SmtpTarget> mailBack;
    private final SmtpSender sender = new SmtpSender();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> greylistSeen = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lastMessage = new ConcurrentHashMap<>();
    private volatile boolean keepMessages;
    private final AtomicLong acceptedTotal = new AtomicLong();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final AtomicLong reportsSent = new AtomicLong();
    private final ExecutorService reports = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simulator-reports");
        t.setDaemon(true);
        return t;
    });
    private SMTPServer server;

    /** @param mailBack where DSNs and complaint reports go (Rebound's inbound listener); empty: none are sent */
    public BounceSimulator(String hostName, Optional<SmtpTarget> mailBack) {
        this.hostName = hostName;
        this.mailBack = mailBack;
    }

    /** Starts listening on 127.0.0.1 (port 0: any free port); returns the port. */
    public synchronized int start(int port) {
        if (server == null) {
            try {
                server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName(hostName)
                        .softwareName("Rebound bounce simulator").maxConnections(200).maxRecipients(100)
                        .maxMessageSize(10 * 1024 * 1024).connectionTimeoutMs(60_000)
                        .messageHandlerFactory(Handler::new).build();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Could not start the bounce simulator: " + e.getMessage(), e);
            }
            server.start();
            Log.infof("Bounce simulator listening on 127.0.0.1:%d", server.getPortAllocated());
        }
        return server.getPortAllocated();
    }

    public synchronized int port() {
        return server == null ? -1 : server.getPortAllocated();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        reports.shutdown();
        try {
            reports.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many messages were accepted for this recipient (lower case). */
    public int acceptedFor(String recipient) {
        AtomicInteger n = accepted.get(recipient.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** From now on, keeps the last message accepted per recipient (for tests that read what was mailed; off by default). */
    public BounceSimulator keepLastMessages() {
        keepMessages = true;
        return this;
    }

    /** The last message accepted for this recipient since {@link #keepLastMessages}, as it came over the wire; empty when none. */
    public Optional<String> lastMessageTo(String recipient) {
        byte[] m = lastMessage.get(recipient.toLowerCase(Locale.ROOT));
        return m == null ? Optional.empty() : Optional.of(new String(m, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Recipients that were accepted more than once. */
    public List<String> acceptedMoreThanOnce() {
        List<String> out = new ArrayList<>();
        accepted.forEach((k, v) -> {
            if (v.get() > 1) {
                out.add(k);
            }
        });
        return out;
    }

    public long acceptedTotal() {
        return acceptedTotal.get();
    }

    public long refusedTotal() {
        return refusedTotal.get();
    }

    public long reportsSent() {
        return reportsSent.get();
    }

    /** Waits until the reports queued so far were mailed back. */
    public void awaitReports() throws InterruptedException {
        try {
            reports.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Reports did not finish: " + e, e);
        }
    }

    public void reset() {
        accepted.clear();
        greylistSeen.clear();
        lastMessage.clear();
        acceptedTotal.set(0);
        refusedTotal.set(0);
        reportsSent.set(0);
    }

    private void mailBack(Behaviour b, String returnPath, String recipient, byte[] original) {
        if (mailBack.isEmpty() || returnPath == null || returnPath.isBlank()) {
            return;
        }
        byte[] report = b == Behaviour.COMPLAINT ? Reports.arf(hostName, returnPath, recipient, original)
                : Reports.dsn(hostName, returnPath, recipient, original);
        reports.submit(() -> {
            try {
                try (SmtpSender.Connection c = sender.open(mailBack.get())) {
                    c.sendRaw("<>", returnPath, report);
                }
                reportsSent.incrementAndGet();
            } catch (SmtpSendException e) {
                Log.warnf("Simulator: could not mail a %s back to %s: %s", b, returnPath, e.getMessage());
            }
        });
    }

    private final class Handler implements MessageHandler {
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String r = recipient.strip().toLowerCase(Locale.ROOT);
            Behaviour b = Behaviour.of(r);
            if (b == Behaviour.GREYLISTED && greylistSeen.putIfAbsent(r, Boolean.TRUE) == null) {
                refusedTotal.incrementAndGet();
                throw new RejectException(b.code(), b.text());
            }
            if (b.stage() == Behaviour.Stage.RCPT && b != Behaviour.GREYLISTED) {
                refusedTotal.incrementAndGet();
                throw new RejectException(b.code(), b.text());
            }
            recipients.add(r);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] body = data.readAllBytes();
            for (String r : recipients) {
                Behaviour b = Behaviour.of(r);
                if (b.stage() == Behaviour.Stage.DATA) {
                    refusedTotal.incrementAndGet();
                    throw new RejectException(b.code(), b.text());
                }
            }
            for (String r : recipients) {
                accepted.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
                if (keepMessages) {
                    lastMessage.put(r, body);
                }
                acceptedTotal.incrementAndGet();
                Behaviour b = Behaviour.of(r);
                if (b == Behaviour.ASYNC_DSN || b == Behaviour.COMPLAINT) {
                    mailBack(b, from, r, body);
                }
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}
