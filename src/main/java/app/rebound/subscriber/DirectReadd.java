package app.rebound.subscriber;

import app.rebound.subscriber.SubscriberLifecycle.DirectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Re-add on a recorded direct request, as support records it on the subscriber page: the re-add commits in its own
 * transaction ({@link SubscriberLifecycle#readdOnDirectRequest}), then its first mail goes out as a single watched test
 * send ({@link ReaddFirstMail}), as after a confirmation link's click. Never inside a caller's transaction, so no
 * transaction is held open over SMTP and the mail never goes for a re-add that did not commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NEVER)
public class DirectReadd {
    private final SubscriberLifecycle lifecycle;
    private final ReaddFirstMail firstMail;

    public DirectReadd(SubscriberLifecycle lifecycle, ReaddFirstMail firstMail) {
        this.lifecycle = lifecycle;
        this.firstMail = firstMail;
    }

    /** Re-adds (or throws {@link SubscriberLifecycle.Refused}) and sends the first mail; says in words what became of it. */
    public String readd(long subscriberId, DirectRequest request, String actor) {
        SubscriberLifecycle.Readded r = lifecycle.readdOnDirectRequest(subscriberId, request, actor);
        return firstMail.send(r.subscriber().tenantId, r.firstMail(), Instant.now());
    }
}
