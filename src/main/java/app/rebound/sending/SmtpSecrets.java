package app.rebound.sending;

import app.rebound.infra.SecretBox;
import app.rebound.sendingserver.SendingServer;
import jakarta.enterprise.context.ApplicationScoped;

/** The SMTP secret of a sending server: sealed at rest with {@link SecretBox}, opened only to authenticate. */
@ApplicationScoped
public class SmtpSecrets {
    private final SecretBox box;

    public SmtpSecrets(SecretBox box) {
        this.box = box;
    }

    /** The secret in clear, or null when none is set. A legacy plain value (not yet migrated) is used as is. */
    public String clearPassword(SendingServer server) {
        if (server.passwordSealed != null) {
            return box.open(server.passwordSealed);
        }
        return server.password;
    }

    /** Seals a new secret into the server (blank: no secret), and empties the legacy plain column. */
    public void setPassword(SendingServer server, String clear) {
        server.passwordSealed = clear == null || clear.isEmpty() ? null : box.seal(clear);
        server.password = null;
    }
}
