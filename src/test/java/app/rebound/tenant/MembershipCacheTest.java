package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The membership cache's rules on its own (loader and clock in the test's hands); MembershipCacheWiringTest checks it in the app. */
class MembershipCacheTest {
    final AtomicLong now = new AtomicLong(1_000);
    final List<String> loads = new ArrayList<>();
    List<MemberTenant> current = List.of(new MemberTenant("t1", "One", Role.MARKETER));

    MembershipCache cache(Duration ttl, int max) {
        return new MembershipCache((subject, email) -> {
            loads.add(subject + email.map(e -> "/" + e).orElse(""));
            return current;
        }, ttl, max, now::get);
    }

    @Test
    void aLoginIsReadOncePerTtl() {
        MembershipCache c = cache(Duration.ofSeconds(10), 100);
        assertEquals(current, c.membershipsOf("bob", Optional.of("bob@example.org")));
        assertEquals(current, c.membershipsOf("bob", Optional.of("bob@example.org")));
        assertEquals(List.of("bob/bob@example.org"), loads, "the second request is served from the cache, no e-mail binding either");
        assertEquals(Optional.of(current), c.cached("bob"));
        assertEquals(Optional.empty(), c.cached("alice"), "never loaded");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Optional.empty(), c.cached("bob"), "stale");
        c.membershipsOf("bob", Optional.empty());
        assertEquals(2, loads.size(), "read again once the TTL has passed");
    }

    @Test
    void aChangeIsSeenAtOnceAfterInvalidation() {
        MembershipCache c = cache(Duration.ofMinutes(5), 100);
        c.membershipsOf("bob", Optional.empty());
        current = List.of();
        assertEquals(1, c.membershipsOf("bob", Optional.empty()).size(), "cached until invalidated");
        c.invalidateAll();
        assertEquals(List.of(), c.membershipsOf("bob", Optional.empty()), "a removed member is out on the next request");
    }

    @Test
    void aLoadThatOverlapsAnInvalidationIsNotKept() {
        MembershipCache[] holder = new MembershipCache[1];
        List<MemberTenant> before = current;
        holder[0] = new MembershipCache((subject, email) -> {
            loads.add(subject);
            if (loads.size() == 1) {
                holder[0].invalidateAll(); // the membership changed while this load read the old rows
                return before;
            }
            return List.of();
        }, Duration.ofMinutes(5), 100, now::get);
        assertEquals(before, holder[0].membershipsOf("bob", Optional.empty()));
        assertEquals(List.of(), holder[0].membershipsOf("bob", Optional.empty()), "the stale load was not cached");
        assertEquals(2, loads.size());
    }

    @Test
    void ttlZeroReadsEveryTimeAndTheSizeIsBounded() {
        MembershipCache off = cache(Duration.ZERO, 100);
        off.membershipsOf("a", Optional.empty());
        off.membershipsOf("a", Optional.empty());
        assertEquals(2, loads.size());

        loads.clear();
        MembershipCache small = cache(Duration.ofMinutes(5), 2);
        small.membershipsOf("a", Optional.empty());
        small.membershipsOf("b", Optional.empty());
        small.membershipsOf("c", Optional.empty()); // full: starts over
        small.membershipsOf("c", Optional.empty());
        small.membershipsOf("a", Optional.empty());
        assertEquals(List.of("a", "b", "c", "a"), loads);
        assertThrows(IllegalArgumentException.class, () -> cache(Duration.ofSeconds(-1), 1));
    }
}
