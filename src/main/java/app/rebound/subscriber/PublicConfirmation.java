package app.rebound.subscriber;

import app.rebound.sending.SingleMail;
import app.rebound.sending.SmtpSendException;
import app.rebound.subscriber.Confirmations.Confirmed;
import app.rebound.subscriber.Confirmations.Link;
import app.rebound.tenant.TenantRunner;
import io.quarkus.logging.Log;
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
    private final SingleMail singleMail;

    public PublicConfirmation(ConfirmationSql sql, TenantRunner runner, Confirmations confirmations, SingleMail singleMail) {
        this.sql = sql;
        this.runner = runner;
        this.confirmations = confirmations;
        this.singleMail = singleMail;
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
            try {
                singleMail.sendWatched(tenant, c.firstMail(), now);
            } catch (SmtpSendException e) {
                Log.warnf("First mail after the confirmed re-add of subscriber %d of %s not sent: %s", c.firstMail().subscriberId(),
                        tenant, e.getMessage());
            }
        } else if (c.firstMailProblem() != null) {
            Log.warnf("No first mail after a confirmed re-add in %s: %s", tenant, c.firstMailProblem());
        }
        return c.link();
    }
}
