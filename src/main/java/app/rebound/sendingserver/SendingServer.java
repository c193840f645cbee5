package app.rebound.sendingserver;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "sending_server")
public class SendingServer extends TenantOwned {
    public String name;
    public String smtpHost;
    public int smtpPort;
    public TlsMode tlsMode = TlsMode.STARTTLS;
    public String username;
    /** Legacy plain-text SMTP credential: emptied at startup once sealed into {@link #passwordSealed}. Never rendered. */
    public String password;
    /** The SMTP credential sealed with {@code SecretBox} (AES-256-GCM under the configured master key). Never rendered. */
    public byte[] passwordSealed;
    public boolean enabled = true;
    /** Messages per second at most; null: unthrottled. */
    public Integer sendRateLimit;
    public String returnPathDomain;
    public RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    public Instant createdAt = Instant.now();

    public static List<SendingServer> allByName() {
        return list("order by name, id");
    }
}
