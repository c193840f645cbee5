package app.rebound.subscriber;

import app.rebound.campaign.Campaign;
import app.rebound.sending.SingleMail;
import app.rebound.sending.SmtpReply;
import app.rebound.sending.SmtpSendException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The first mail after a re-add, whatever the evidence: a single test send, prepared in the re-add's transaction
 * through the sending server of the campaign that mails to the subscriber ({@link Confirmations#campaignFor}) and
 * handed over as a watched send once the re-add has committed (no transaction held open over SMTP). A bounce on it,
 * a DSN later or a refusal at RCPT/DATA, flips the address back and blocks automatic reactivation.
 */
@ApplicationScoped
public class ReaddFirstMail {
    private final SingleMail singleMail;

    public ReaddFirstMail(SingleMail singleMail) {
        this.singleMail = singleMail;
    }

    /** The first mail ready to go, or why there is none ({@code mail} null, {@code problem} in words). */
    public record Planned(SingleMail.Prepared mail, String serverName, String problem) {
        /** What happens with the first mail, in words for the status history. */
        public String plan() {
            return mail != null ? "a single watched test mail goes out through the sending server " + serverName
                    : "no test mail is sent: " + problem;
        }
    }

    /** Prepares the first mail to {@code s} (in the re-add's transaction); a missing or refusing server is said, not thrown. */
    public Planned prepare(Subscriber s, String subject, String text) {
        Campaign campaign = Confirmations.campaignFor(s);
        if (campaign == null) {
            return new Planned(null, null, "no campaign of the list has an enabled sending server");
        }
        try {
            return new Planned(singleMail.prepare(s.tenantId, campaign, s, subject, text), campaign.sendingServer.name, null);
        } catch (SingleMail.Unavailable e) {
            return new Planned(null, campaign.sendingServer.name, e.getMessage());
        }
    }

    /** Hands the prepared mail over as a watched send (after the re-add has committed); says in words what happened. */
    public String send(String tenant, Planned p, Instant now) {
        if (p.mail() == null) {
            Log.warnf("No first mail after the re-add of a subscriber of %s: %s", tenant, p.problem());
            return "No test mail was sent: " + p.problem() + ".";
        }
        try {
            Optional<SmtpReply> refused = singleMail.sendWatched(tenant, p.mail(), now);
            return refused.map(r -> "The receiving server refused the test mail (" + r + "): that is a bounce on a watched send,"
                    + " so the address goes back to bounced and automatic reactivation is blocked.")
                    .orElse("A single test mail went out through the sending server " + p.serverName() + ".");
        } catch (SmtpSendException e) {
            Log.warnf("First mail after the re-add of subscriber %d of %s not sent: %s", p.mail().subscriberId(), tenant, e.getMessage());
            return "The test mail could not be handed to the sending server " + p.serverName() + ": " + e.getMessage() + ".";
        }
    }
}
