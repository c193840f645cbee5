package app.rebound.webhook;

import app.rebound.ingest.provider.Provider;
import app.rebound.ingest.provider.SendGridVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The current tenant's webhook endpoints: create one per provider account, rotate its URL and credentials, delete
 * it. Rebound generates the random URL id and, for Postmark and SparkPost, the basic-auth credentials; the admin
 * brings Mailgun's webhook signing key and SendGrid's verification key from the provider's settings.
 */
@ApplicationScoped
@Transactional
public class ProviderEndpointService {
    static final String BASIC_USER = "rebound";
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]{1,30}:\\d{12}:[A-Za-z0-9_.-]{1,256}");
    private final EndpointSecrets secrets;
    private final SecureRandom random = new SecureRandom();

    public ProviderEndpointService(EndpointSecrets secrets) {
        this.secrets = secrets;
    }

    /** An endpoint as the admin page shows it: the URL to paste, with the basic-auth credentials where needed. */
    public record EndpointView(long id, Provider provider, String name, String path, String basicUser,
                               String basicPassword, boolean keySet, String topicArn, Instant createdAt,
                               Instant rotatedAt) {
        /** The URL to paste into the provider; Postmark takes its basic-auth credentials inside the URL. */
        public String url(String base) {
            if (provider == Provider.POSTMARK && basicUser != null && basicPassword != null) {
                int i = base.indexOf("://");
                return base.substring(0, i + 3) + basicUser + ":" + basicPassword + "@" + base.substring(i + 3) + path;
            }
            return base + path;
        }
    }

    public List<EndpointView> list() {
        return ProviderEndpoint.allByName().stream().map(this::view).toList();
    }

    public EndpointView create(Provider provider, String name, String key, String topicArn) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("Give the endpoint a name of 1 to 200 characters.");
        }
        if (ProviderEndpoint.count("name", n) > 0) {
            throw new IllegalArgumentException("An endpoint named '" + n + "' exists already.");
        }
        ProviderEndpoint e = new ProviderEndpoint();
        e.provider = provider;
        e.name = n;
        e.createdAt = Instant.now();
        e.publicId = randomToken(18);
        material(e, key, topicArn, true);
        e.persist();
        return view(e);
    }

    /** A new URL and new credentials (a new key for Mailgun or SendGrid when given, else the current one). */
    public EndpointView rotate(long id, String key) {
        ProviderEndpoint e = get(id);
        String oldKey = e.provider == Provider.MAILGUN && e.secret != null ? secrets.open(e.secret, e.publicId) : null;
        e.publicId = randomToken(18);
        e.rotatedAt = Instant.now();
        boolean newKey = key != null && !key.isBlank();
        material(e, newKey ? key : (e.provider == Provider.MAILGUN ? oldKey : e.verificationKey), e.topicArn, true);
        return view(e);
    }

    public void delete(long id) {
        get(id).delete();
    }

    private ProviderEndpoint get(long id) {
        ProviderEndpoint e = ProviderEndpoint.findById(id);
        if (e == null) {
            throw new NotFoundException("no such webhook endpoint");
        }
        return e;
    }

    private void material(ProviderEndpoint e, String key, String topicArn, boolean newCredentials) {
        String k = key == null ? "" : key.strip();
        switch (e.provider) {
            case SES -> {
                String arn = topicArn == null ? "" : topicArn.strip();
                if (!arn.isEmpty() && !TOPIC_ARN.matcher(arn).matches()) {
                    throw new IllegalArgumentException("The topic ARN must look like arn:aws:sns:<region>:<account>:<topic>.");
                }
                e.topicArn = arn.isEmpty() ? null : arn;
            }
            case SENDGRID -> {
                SendGridVerifier.publicKey(k);
                e.verificationKey = k;
            }
            case MAILGUN -> {
                if (k.isEmpty() || k.length() > 200) {
                    throw new IllegalArgumentException("Paste Mailgun's HTTP webhook signing key (Sending → Webhooks).");
                }
                requireSecretKey();
                e.secret = secrets.seal(k, e.publicId);
            }
            case POSTMARK, SPARKPOST -> {
                requireSecretKey();
                if (newCredentials) {
                    e.basicUser = BASIC_USER;
                    e.secret = secrets.seal(randomToken(24), e.publicId);
                }
            }
            default -> throw new IllegalStateException(e.provider.id());
        }
    }

    private void requireSecretKey() {
        if (!secrets.available()) {
            throw new IllegalArgumentException("This provider needs a secret stored encrypted: set REBOUND_SECRETS_MASTER_KEY "
                    + "(rebound.secrets.master-key, base64 of 32 bytes) first.");
        }
    }

    private EndpointView view(ProviderEndpoint e) {
        boolean basic = e.provider == Provider.POSTMARK || e.provider == Provider.SPARKPOST;
        String password = basic && e.secret != null ? secrets.open(e.secret, e.publicId) : null;
        boolean keySet = e.verificationKey != null || (e.provider == Provider.MAILGUN && e.secret != null);
        return new EndpointView(e.id, e.provider, e.name, e.path(), basic ? e.basicUser : null, password, keySet,
                e.topicArn, e.createdAt, e.rotatedAt);
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
