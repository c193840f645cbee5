package app.rebound.ingest;

import app.rebound.infra.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Bounce-mailbox settings per sending server (table imap_mailbox): the secret is sealed with {@link SecretBox}
 * before it is stored and opened only by the poller. The sending-server settings page (a later issue) edits these.
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

    public void save(String tenantId, long serverId, String host, int port, String tlsMode, String username, String secret,
                     String folder, String processedFolder) {
        if (host == null || host.isBlank() || port < 1 || port > 65535 || !TLS.contains(tlsMode) || username == null
                || username.isBlank() || secret == null || folder == null || folder.isBlank() || processedFolder == null
                || processedFolder.isBlank() || folder.equals(processedFolder)) {
            throw new IllegalArgumentException("Bounce mailbox needs host, port 1-65535, TLS none/starttls/tls, user, secret,"
                    + " and two different folders");
        }
        if (!sql.sendingServerExists(tenantId, serverId)) {
            throw new IllegalArgumentException("No sending server " + serverId + " in this organisation");
        }
        sql.saveMailbox(new IngestSql.MailboxRow(tenantId, serverId, host.strip(), port, tlsMode, username.strip(),
                secrets.seal(secret), folder, processedFolder));
    }

    public List<Mailbox> enabled() {
        return sql.enabledMailboxes().stream().map(m -> new Mailbox(m.tenantId(), m.serverId(), m.host(), m.port(),
                m.tlsMode(), m.username(), m.secretSealed(), m.folder(), m.processedFolder())).toList();
    }

    public void polled(Mailbox m, String error) {
        sql.mailboxPolled(m.tenantId(), m.serverId(), error);
    }
}
