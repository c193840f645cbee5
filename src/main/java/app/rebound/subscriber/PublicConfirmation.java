package app.rebound.subscriber;

import app.rebound.subscriber.Confirmations.Confirmed;
import app.rebound.subscriber.Confirmations.Link;
import app.rebound.tenant.TenantRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The public side of a confirmation link, before any login or tenant: the token's hash names the tenant
 * ({@link ConfirmationSql}), the rest runs as that tenant. After the click has committed, the first mail goes out as
 * a single watched test send (a bounce on it flips the address back and blocks automatic reactivation).
 */
@ApplicationScoped
public class PublicConfirmation {
    private final ConfirmationSql sql;
    private final TenantRunner runner;
    private final Confirmations confirmations;
    private final ReaddFirstMail firstMail;

    public PublicConfirmation(ConfirmationSql sql, TenantRunner runner, Confirmations confirmations, ReaddFirstMail firstMail) {
        this.sql = sql;
        this.runner = runner;
        this.confirmations = confirmations;
        this.firstMail = firstMail;
    }

    /** A well-formed token whose hash some tenant holds. */
    private record Found(ConfirmationToken token, String tenant) {
    }

    private Optional<Found> find(String tokenText) {
        return ConfirmationToken.parse(tokenText).flatMap(t -> sql.tenantOf(t.hash()).map(tenant -> new Found(t, tenant)));
    }

    /** What the link stands for; changes nothing. */
    public Link view(String tokenText) {
        return find(tokenText).map(f -> runner.inTenant(f.tenant(), () -> confirmations.view(f.token(), Instant.now())))
                .orElseGet(Link::unknown);
    }

    /** The button: re-subscribes when the link is pending, then sends the first mail. */
    public Link confirm(String tokenText) {
        Optional<Found> found = find(tokenText);
        if (found.isEmpty()) {
            return Link.unknown();
        }
        String tenant = found.get().tenant();
        Instant now = Instant.now();
        Confirmed c = runner.inTenant(tenant, () -> confirmations.confirm(found.get().token(), now));
        if (c.firstMail() != null) {
            firstMail.send(tenant, c.firstMail(), now);
        }
        return c.link();
    }
}
