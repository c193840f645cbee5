package app.rebound.ingest.imap;

import app.rebound.infra.SecretBox;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.InboundInput;
import app.rebound.ingest.InboundSource;
import app.rebound.ingest.IngestMailboxes;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounce mailboxes (IMAP, Angus Mail), one per sending server that has one: a scheduled job reads the folder,
 * stores each mail in the {@link Inbox}, then moves the stored ones to the processed folder. A mail that could not
 * be stored (too big, the database down) stays where it is: nothing is deleted or moved that is not stored.
 */
@ApplicationScoped
public class ImapMailboxes {
    static final int MAX_PER_POLL = 500;
    private final IngestMailboxes mailboxes;
    private final SecretBox secrets;
    private final Inbox inbox;
    private final boolean enabled;

    public ImapMailboxes(IngestMailboxes mailboxes, SecretBox secrets, Inbox inbox,
                         @ConfigProperty(name = "rebound.imap.enabled", defaultValue = "true") boolean enabled) {
        this.mailboxes = mailboxes;
        this.secrets = secrets;
        this.inbox = inbox;
        this.enabled = enabled;
    }

    /** What one poll of one mailbox did. */
    public record Poll(int stored, int moved, int left, String error) {
    }

    @Scheduled(every = "${rebound.imap.every:60s}", delayed = "10s", identity = "imap-bounce-mailboxes",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled) {
            pollAll();
        }
    }

    public List<Poll> pollAll() {
        List<Poll> out = new ArrayList<>();
        for (IngestMailboxes.Mailbox m : mailboxes.enabled()) {
            Poll p = poll(m);
            mailboxes.polled(m, p.error());
            out.add(p);
        }
        return out;
    }

    Poll poll(IngestMailboxes.Mailbox m) {
        String protocol = "tls".equals(m.tlsMode()) ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".host", m.host());
        props.put("mail." + protocol + ".port", Integer.toString(m.port()));
        props.put("mail." + protocol + ".connectiontimeout", "15000");
        props.put("mail." + protocol + ".timeout", "60000");
        if ("starttls".equals(m.tlsMode())) {
            props.put("mail.imap.starttls.enable", "true");
            props.put("mail.imap.starttls.required", "true");
        }
        Session session = Session.getInstance(props);
        int stored = 0;
        int left = 0;
        List<Message> done = new ArrayList<>();
        String error = null;
        try (Store store = session.getStore(protocol)) {
            store.connect(m.username(), secrets.open(m.secretSealed()));
            Folder folder = store.getFolder(m.folder());
            folder.open(Folder.READ_WRITE);
            try {
                long validity = ((UIDFolder) folder).getUIDValidity();
                Message[] messages = folder.getMessages(1, Math.min(folder.getMessageCount(), MAX_PER_POLL));
                FetchProfile fp = new FetchProfile();
                fp.add(UIDFolder.FetchProfileItem.UID);
                folder.fetch(messages, fp);
                for (Message msg : messages) {
                    long uid = ((UIDFolder) folder).getUID(msg);
                    try {
                        byte[] raw = raw(msg);
                        inbox.accept(new InboundInput(m.tenantId(), InboundSource.IMAP,
                                "imap:" + m.serverId() + ":" + validity + ":" + uid, "message/rfc822", raw,
                                "imap:" + m.serverId() + "/" + m.folder() + "/" + uid, m.serverId()));
                        done.add(msg);
                        stored++;
                    } catch (IOException | MessagingException | RuntimeException e) { // InboundRejectedException: too big, empty
                        left++;
                        error = "message UID " + uid + " not stored (left in " + m.folder() + "): " + e.getMessage();
                        Log.warnf("IMAP %s/%d: %s", m.tenantId(), m.serverId(), error);
                    }
                }
                if (!done.isEmpty()) {
                    Folder processed = store.getFolder(m.processedFolder());
                    if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
                        throw new MessagingException("cannot create folder " + m.processedFolder());
                    }
                    ((IMAPFolder) folder).moveMessages(done.toArray(Message[]::new), processed);
                }
            } finally {
                folder.close(true);
            }
        } catch (MessagingException | RuntimeException e) {
            error = "IMAP " + m.host() + ":" + m.port() + ": " + e.getMessage();
            Log.warnf("IMAP %s/%d: %s", m.tenantId(), m.serverId(), error);
            return new Poll(stored, 0, left, error);
        }
        return new Poll(stored, done.size(), left, error);
    }

    private static byte[] raw(Message msg) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, msg.getSize()));
        msg.writeTo(out);
        return out.toByteArray();
    }

}
