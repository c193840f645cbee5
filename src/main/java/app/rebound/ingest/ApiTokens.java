package app.rebound.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Per-tenant API tokens for {@code /api/v1/inbound}: {@code rbd_} + 43 characters of base64url (32 random bytes).
 * Only the SHA-256 of the token is stored; the token itself is shown once, when it is created.
 */
@ApplicationScoped
public class ApiTokens {
    private static final String PREFIX = "rbd_";
    private final IngestSql sql;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(IngestSql sql) {
        this.sql = sql;
    }

    public record Token(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new token for the tenant: returns the plain token, which is never stored. */
    public String create(String tenantId, String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new IllegalArgumentException("A token needs a name of 1 to 200 characters");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        sql.insertToken(tenantId, clean, hash(token), token.substring(0, 10));
        return token;
    }

    /** The tenant a live token belongs to. */
    public Optional<String> tenantOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() != PREFIX.length() + 43) {
            return Optional.empty();
        }
        return sql.tokenByHash(hash(token)).map(IngestSql.TokenRow::tenantId);
    }

    /** The tenant of the live token in an {@code Authorization: Bearer rbd_...} header (and records its use). */
    public Optional<String> tenantOfBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tenantOf(authorization.substring(7).strip());
    }

    public List<Token> list(String tenantId) {
        return sql.tokensOf(tenantId).stream()
                .map(t -> new Token(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revokedAt())).toList();
    }

    public boolean revoke(String tenantId, long id) {
        return sql.revokeToken(tenantId, id);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
