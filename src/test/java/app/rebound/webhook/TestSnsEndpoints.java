package app.rebound.webhook;

import app.rebound.ingest.provider.SignedPayloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Amazon SNS in tests, which cannot reach AWS: serves the certificate the tests generate (for the
 * one SNS URL the tests sign with) and records which URLs were fetched and which subscriptions were confirmed.
 * Rebound's own verification code runs unchanged against it.
 */
@ApplicationScoped
public class TestSnsEndpoints implements SnsEndpoints {
    private final List<URI> fetched = new CopyOnWriteArrayList<>();
    private final List<URI> confirmed = new CopyOnWriteArrayList<>();

    /** Accessors, not fields: the test holds a client proxy, whose own fields stay empty. */
    public List<URI> fetched() {
        return List.copyOf(fetched);
    }

    public List<URI> confirmed() {
        return List.copyOf(confirmed);
    }

    @Override
    public X509Certificate certificate(URI url) {
        fetched.add(url);
        return url.toString().equals(SignedPayloads.CERT_URL) ? SignedPayloads.snsCertificate() : null;
    }

    @Override
    public void confirmSubscription(URI subscribeUrl) {
        confirmed.add(subscribeUrl);
    }
}
