package app.rebound.mailinglist;

import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "mailing_list")
public class MailingList extends TenantOwned {
    public String name;
    public Instant createdAt = Instant.now();

    public static MailingList named(String name) {
        return find("name", name).firstResult();
    }
}
