package app.rebound.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The front door of the pipeline: every source stores what it received here, and answers its sender only after
 * {@link #accept} returned (the row is then committed). Workers ({@link IngestWorker}) do the rest.
 */
@ApplicationScoped
public class Inbox {
    static final int MAX_DEDUPE_KEY = 300;
    static final int MAX_SOURCE_REF = 500;

    private final IngestSql sql;
    private final IngestConfig config;

    public Inbox(IngestSql sql, IngestConfig config) {
        this.sql = sql;
        this.config = config;
    }

    /**
     * Stores the input durably (committed in its own transaction before returning); a duplicate dedupeKey for the
     * same tenant and source returns the existing id with duplicate=true. Throws {@link InboundRejectedException}
     * with a message for the sender when the input is empty, too big, of the wrong content type, or for an
     * unknown tenant or sending server; nothing is stored then.
     */
    public Receipt accept(InboundInput input) {
        validate(input);
        String key = dedupeKey(input);
        String ref = input.sourceRef() == null ? null : truncate(input.sourceRef(), MAX_SOURCE_REF);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!sql.tenantExists(input.tenantId())) {
                throw new InboundRejectedException("unknown tenant: " + input.tenantId());
            }
            if (input.sendingServerId() != null && !sql.sendingServerExists(input.tenantId(), input.sendingServerId())) {
                throw new InboundRejectedException("unknown sending server: " + input.sendingServerId());
            }
            return sql.insertInbound(input, key, ref, config.retention());
        });
    }

    /** Checks an input as {@link #accept} would, without storing it. */
    public void check(InboundInput input) {
        validate(input);
    }

    private void validate(InboundInput input) {
        if (input == null || input.source() == null || input.tenantId() == null || input.tenantId().isBlank()) {
            throw new InboundRejectedException("input without tenant or source");
        }
        byte[] body = input.body();
        if (body == null || body.length == 0) {
            throw new InboundRejectedException("empty input");
        }
        if (body.length > config.maxBytes()) {
            throw new InboundRejectedException("input of " + body.length + " bytes exceeds the limit of "
                    + config.maxBytes() + " bytes");
        }
        String type = mediaTypeOf(input.contentType());
        if (input.source().isMail() && !type.isEmpty() && !type.equals("message/rfc822") && !type.equals("text/plain")) {
            throw new InboundRejectedException("a raw mail must be sent as message/rfc822, not " + type);
        }
        if (!input.source().isMail() && !type.isEmpty() && !type.equals("application/json")
                && !type.equals("application/x-www-form-urlencoded") && !type.equals("text/plain")) {
            throw new InboundRejectedException("unsupported content type for " + input.source().code() + ": " + type);
        }
    }

    /** The media type without parameters, lower case; empty when none was declared. */
    public static String mediaTypeOf(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static String dedupeKey(InboundInput input) {
        String k = input.dedupeKey();
        if (k == null || k.isBlank()) {
            return "sha256:" + sha256(input.body());
        }
        k = k.strip();
        // Long keys (some Message-IDs) are hashed so that the unique index stays small and exact.
        return k.length() <= MAX_DEDUPE_KEY ? k : "sha256:" + sha256(k.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
