package app.rebound.webhook;

import app.rebound.ingest.provider.VerificationException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * SNS over HTTPS with the JDK's client: the server certificate is checked against the JDK trust store (so the
 * PEM really comes from the SNS host), redirects are not followed, answers are size-limited.
 */
@ApplicationScoped
@DefaultBean
public class HttpsSnsEndpoints implements SnsEndpoints {
    private static final int MAX_BYTES = 64 * 1024;
    private final WebhookConfig config;
    private final HttpClient client;

    public HttpsSnsEndpoints(WebhookConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.snsTimeout()).build();
    }

    @Override
    public X509Certificate certificate(URI url) {
        byte[] pem = get(url, "signing certificate");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | ClassCastException e) {
            throw new VerificationException("the SNS signing certificate cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void confirmSubscription(URI subscribeUrl) {
        get(subscribeUrl, "subscription confirmation");
    }

    private byte[] get(URI url, String what) {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(config.snsTimeout()).GET().build();
        try {
            HttpResponse<InputStream> res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = res.body()) {
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("SNS answered " + res.statusCode() + " to the " + what + " request");
                }
                if (body.length > MAX_BYTES) {
                    throw new IllegalStateException("SNS " + what + " answer is larger than " + MAX_BYTES + " bytes");
                }
                return body;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach SNS for the " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling SNS", e);
        }
    }
}
