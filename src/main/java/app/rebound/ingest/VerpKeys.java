package app.rebound.ingest;

import app.rebound.engine.Verp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant VERP keys (table {@code verp_key}): the active key signs return paths, every key verifies, so
 * rotating keeps bounces to earlier sends verifiable. Keys and return-path domains are cached for a few seconds
 * (the listener and the workers ask for every message).
 */
@ApplicationScoped
public class VerpKeys {
    private static final long TTL_MILLIS = 5_000;
    private static final DateTimeFormatter KEY_ID = DateTimeFormatter.ofPattern("'k'yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private final IngestSql sql;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached<List<Verp>>> keys = new ConcurrentHashMap<>();
    private final Map<String, Cached<Optional<String>>> domains = new ConcurrentHashMap<>();

    private record Cached<T>(T value, long at) {
        boolean fresh() {
            return System.currentTimeMillis() - at < TTL_MILLIS;
        }
    }

    public VerpKeys(IngestSql sql) {
        this.sql = sql;
    }

    /** The tenant's keys, the active one first; empty when the tenant has none. */
    public List<Verp> keysOf(String tenantId) {
        Cached<List<Verp>> c = keys.get(tenantId);
        if (c == null || !c.fresh()) {
            c = new Cached<>(sql.verpSecrets(tenantId).stream().map(Verp::new).toList(), System.currentTimeMillis());
            keys.put(tenantId, c);
        }
        return c.value();
    }

    /** The key that signs new return paths, created on first use. */
    public Verp activeKey(String tenantId) {
        List<Verp> k = keysOf(tenantId);
        if (!k.isEmpty()) {
            return k.get(0);
        }
        return rotate(tenantId);
    }

    /** A new active key; earlier keys keep verifying. */
    public Verp rotate(String tenantId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        // committed at once: the SMTP listener and the workers (other transactions) must see the key right away
        QuarkusTransaction.requiringNew().run(() -> sql.insertVerpKey(tenantId, KEY_ID.format(Instant.now()), secret));
        keys.remove(tenantId);
        return new Verp(secret);
    }

    /** Which tenant owns this return-path domain (lower case), if any. */
    public Optional<String> tenantOfDomain(String domain) {
        Cached<Optional<String>> c = domains.get(domain);
        if (c == null || !c.fresh()) {
            c = new Cached<>(sql.tenantOfDomain(domain), System.currentTimeMillis());
            if (domains.size() > 10_000) {
                domains.clear(); // hostile senders may try many domains: keep the cache bounded
            }
            domains.put(domain, c);
        }
        return c.value();
    }

    /** Gives a return-path domain to a tenant; false when another tenant owns it already. */
    public boolean claimDomain(String tenantId, String domain) {
        domains.remove(domain);
        return QuarkusTransaction.requiringNew().call(() -> sql.claimDomain(tenantId, domain.toLowerCase(java.util.Locale.ROOT)));
    }
}
