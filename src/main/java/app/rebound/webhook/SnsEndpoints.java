package app.rebound.webhook;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * The calls Rebound makes to Amazon SNS: fetching a signing certificate and confirming a subscription. Callers
 * pass only URLs that {@link app.rebound.ingest.provider.SnsUrls} accepted. A boundary: tests replace it because
 * AWS cannot be reached from them.
 */
public interface SnsEndpoints {
    X509Certificate certificate(URI url);

    /** Visits the SubscribeURL of a SubscriptionConfirmation; throws when SNS does not answer 200. */
    void confirmSubscription(URI subscribeUrl);
}
