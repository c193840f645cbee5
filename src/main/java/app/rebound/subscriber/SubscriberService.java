package app.rebound.subscriber;

import app.rebound.bounce.Bounce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

@ApplicationScoped
@Transactional
public class SubscriberService {
    public static final int PAGE_SIZE = 50;
    /** Longest search text: an email address cannot be longer. */
    public static final int MAX_QUERY_LENGTH = 320;
    public static final int HISTORY_LIMIT = 200;

    /** One page of the subscriber list for a search, plus the cursor of the next page (null on the last). */
    public record SubscriberPage(String query, List<Subscriber> rows, SubscriberCursor next) {
    }

    /** A subscriber with its bounce history, newest first (at most {@link #HISTORY_LIMIT}). */
    public record SubscriberDetail(Subscriber subscriber, List<Bounce> bounces, List<SubscriberEvent> events,
            List<SubscriberReadd> readds, List<app.rebound.bounce.BounceReclassification> reclassifications) {
        public boolean historyTruncated() {
            return bounces.size() >= HISTORY_LIMIT;
        }
    }

    public SubscriberPage search(String query, SubscriberCursor after) {
        String q = query == null ? "" : query.trim();
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new BadRequestException("Search text is too long: at most " + MAX_QUERY_LENGTH + " characters.");
        }
        if (q.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL rejects NUL in text; no email contains control characters anyway.
            throw new BadRequestException("Search text must not contain control characters.");
        }
        List<Subscriber> rows = Subscriber.page(q, after == null ? null : after.email(), after == null ? null : after.id(),
                PAGE_SIZE + 1);
        boolean more = rows.size() > PAGE_SIZE;
        List<Subscriber> page = more ? rows.subList(0, PAGE_SIZE) : rows;
        return new SubscriberPage(q, List.copyOf(page), more ? SubscriberCursor.after(page.get(page.size() - 1)) : null);
    }

    /** The subscriber and its history, or 404: another tenant's subscriber is invisible, not forbidden. */
    public SubscriberDetail get(long id) {
        Subscriber s = Subscriber.withList(id);
        if (s == null) {
            throw new NotFoundException("No subscriber " + id + " in this organisation.");
        }
        return new SubscriberDetail(s, Bounce.historyOf(s, HISTORY_LIMIT), SubscriberEvent.historyOf(s.id, HISTORY_LIMIT),
                SubscriberReadd.of(s.id), app.rebound.bounce.BounceReclassification.ofSubscriber(s.id));
    }
}
