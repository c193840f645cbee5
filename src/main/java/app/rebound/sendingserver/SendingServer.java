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
    /** SMTP credential. Never rendered on a page; stored as given (encryption at rest is a later issue). */
    public String password;
    public String returnPathDomain;
    public RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    public Instant createdAt = Instant.now();

    public static List<SendingServer> allByName() {
        return list("order by name, id");
    }
}
