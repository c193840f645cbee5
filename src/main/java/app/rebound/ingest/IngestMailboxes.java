package app.rebound.ingest;

import app.rebound.infra.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Bounce-mailbox settings per sending server (table imap_mailbox): the secret is sealed with {@link SecretBox}
 * before it is stored and opened only by the poller. Admins edit them on the sending server's page.
 */
@ApplicationScoped
public class IngestMailboxes {
    private static final Set<String> TLS = Set.of("none", "starttls", "tls");
    private final IngestSql sql;
    private final SecretBox secrets;

    public IngestMailboxes(IngestSql sql, SecretBox secrets) {
        this.sql = sql;
        this.secrets = secrets;
    }

    public record Mailbox(String tenantId, long serverId, String host, int port, String tlsMode, String username,
                          byte[] secretSealed, String folder, String processedFolder) {
    }

    /**
     * Stores the settings. A blank {@code secret} keeps the stored one (the form never shows it back); a new mailbox
     * needs one.
     */
    public void save(String tenantId, long serverId, String host, int port, String tlsMode, String username, String secret,
                     String folder, String processedFolder) {
        if (host == null || host.isBlank() || host.length() > 255 || port < 1 || port > 65535 || !TLS.contains(tlsMode)
                || username == null || username.isBlank() || username.length() > 255 || folder == null || folder.isBlank()
                || folder.length() > 200 || processedFolder == null || processedFolder.isBlank()
                || processedFolder.length() > 200 || folder.equals(processedFolder)) {
            throw new IllegalArgumentException("Bounce mailbox needs host, port 1-65535, TLS none/starttls/tls, user, secret,"
                    + " and two different folders");
        }
        if (!sql.sendingServerExists(tenantId, serverId)) {
            throw new IllegalArgumentException("No sending server " + serverId + " in this organisation");
        }
        byte[] sealed;
        if (secret == null || secret.isEmpty()) {
            sealed = sql.mailboxOf(tenantId, serverId).map(m -> m.row().secretSealed()).orElseThrow(
                    () -> new IllegalArgumentException("Bounce mailbox needs host, port 1-65535, TLS none/starttls/tls, user,"
                            + " secret, and two different folders"));
        } else {
            sealed = secrets.seal(secret);
        }
        sql.saveMailbox(new IngestSql.MailboxRow(tenantId, serverId, host.strip(), port, tlsMode, username.strip(),
                sealed, folder.strip(), processedFolder.strip()));
    }

    /** What the settings page shows: everything but the secret. */
    public record Settings(String host, int port, String tlsMode, String username, String folder, String processedFolder,
                           java.time.Instant lastPolledAt, String lastError) {
    }

    public java.util.Optional<Settings> settingsOf(String tenantId, long serverId) {
        return sql.mailboxOf(tenantId, serverId).map(m -> new Settings(m.row().host(), m.row().port(), m.row().tlsMode(),
                m.row().username(), m.row().folder(), m.row().processedFolder(), m.lastPolledAt(), m.lastError()));
    }

    public List<Mailbox> enabled() {
        return sql.enabledMailboxes().stream().map(m -> new Mailbox(m.tenantId(), m.serverId(), m.host(), m.port(),
                m.tlsMode(), m.username(), m.secretSealed(), m.folder(), m.processedFolder())).toList();
    }

    public void polled(Mailbox m, String error) {
        sql.mailboxPolled(m.tenantId(), m.serverId(), error);
    }
}
