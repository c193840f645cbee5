package app.rebound.webhook;

import app.rebound.ingest.provider.Provider;
import app.rebound.tenant.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One webhook URL of a tenant for one provider, with what verifies the provider's requests. The secret column
 * holds ciphertext only ({@link EndpointSecrets}); read it through {@link EndpointSecrets#open}.
 */
@Entity
@Table(name = "provider_endpoint")
public class ProviderEndpoint extends TenantOwned {
    public Provider provider;
    @Column(name = "public_id")
    public String publicId;
    public String name;
    /** SendGrid: the base64 DER public key of the Signed Event Webhook (public, kept in clear). */
    public String verificationKey;
    /** Postmark and SparkPost: the basic-auth user name. */
    public String basicUser;
    /** Encrypted: Mailgun's webhook signing key, or the basic-auth password. */
    public String secret;
    /** SES: the only SNS TopicArn accepted, when set. */
    public String topicArn;
    public Instant createdAt;
    public Instant rotatedAt;

    public static List<ProviderEndpoint> allByName() {
        return list("order by name, id");
    }

    public static ProviderEndpoint byPublicId(String publicId) {
        return find("publicId", publicId).firstResult();
    }

    /** The path the provider posts to. */
    public String path() {
        return "/webhooks/" + provider.id() + "/" + publicId;
    }
}
