package app.rebound.tenant;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The memberships of a login, read once per {@code rebound.membership-cache.ttl} (default 10 s) instead of on
 * every request. A change made through this instance (members added, re-roled or removed in the admin area) empties
 * the cache when its transaction ends, so it applies to the next request; a change made by another instance or
 * directly in the database applies within the TTL. A load that overlaps such a change is not kept (a generation
 * counter), so a removed member is never cached as present after the removal. {@code ttl=0} turns the cache off
 * (every request reads the database). Also binds memberships added by e-mail, on each load (see
 * {@link TenantSql#bindPendingByEmail}).
 */
@ApplicationScoped
public class MembershipCache {
    /** Fired by whatever changes memberships; the cache empties once the transaction has ended. */
    public record Changed() {
    }

    private record Entry(List<MemberTenant> memberships, long expiresAt) {
    }

    /** Reads a subject's memberships after binding the pending ones of its verified e-mail (when known). */
    interface Loader {
        List<MemberTenant> load(String subject, Optional<String> verifiedEmail);
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Loader loader;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    @Inject
    public MembershipCache(TenantSql sql, @ConfigProperty(name = "rebound.membership-cache.ttl", defaultValue = "10S") Duration ttl,
            @ConfigProperty(name = "rebound.membership-cache.max-entries", defaultValue = "10000") int maxEntries) {
        this((subject, email) -> {
            email.ifPresent(mail -> sql.bindPendingByEmail(subject, mail));
            return sql.membershipsOf(subject);
        }, ttl, maxEntries, System::nanoTime);
    }

    MembershipCache(Loader loader, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("rebound.membership-cache.ttl must not be negative");
        }
        this.loader = loader;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = Math.max(1, maxEntries);
        this.nanoTime = nanoTime;
    }

    public List<MemberTenant> membershipsOf(String subject, Optional<String> verifiedEmail) {
        if (ttlNanos == 0) {
            return loader.load(subject, verifiedEmail);
        }
        long now = nanoTime.getAsLong();
        Entry e = entries.get(subject);
        if (e != null && now - e.expiresAt() < 0) {
            return e.memberships();
        }
        long gen = generation.get();
        List<MemberTenant> loaded = List.copyOf(loader.load(subject, verifiedEmail));
        if (generation.get() == gen) {
            if (entries.size() >= maxEntries) {
                entries.clear(); // a burst of distinct logins: start over rather than track recency
            }
            entries.put(subject, new Entry(loaded, now + ttlNanos));
        }
        return loaded;
    }

    /** The cached memberships of a subject while fresh, without loading (so a hit needs no worker thread). */
    public Optional<List<MemberTenant>> cached(String subject) {
        if (ttlNanos == 0) {
            return Optional.empty();
        }
        Entry e = entries.get(subject);
        return e != null && nanoTime.getAsLong() - e.expiresAt() < 0 ? Optional.of(e.memberships()) : Optional.empty();
    }

    /** Empties the cache (and keeps loads in flight from being stored). */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
        invalidateAll();
        Log.debug("Memberships changed: membership cache emptied");
    }
}
