package app.rebound.crm;

import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores what a CRM reports (see the package description): validated as a whole first, then one idempotent insert
 * of the items whose address is a subscriber. Called with the tenant of the API token that authenticated the call.
 */
@ApplicationScoped
public class ActivityService {
    public static final String STORED = "stored";
    public static final String DUPLICATE = "duplicate";
    public static final String UNKNOWN = "unknown";

    private final CrmSql sql;
    private final Clock clock;

    public ActivityService(CrmSql sql, @Crm Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The answer for one item, in the order sent. */
    public record Result(int index, String email, String status) {
    }

    /** Validates the whole body (throws {@link ActivityBatch.Invalid} or {@link ActivityBatch.Malformed}), then stores. */
    public List<Result> accept(String tokenTenant, byte[] body) {
        List<ActivityItem> items = ActivityBatch.parse(body, clock.instant());
        Set<String> known = sql.knownAddresses(tokenTenant, items.stream().map(ActivityItem::email).distinct().toList());
        Map<ActivityItem.Key, ActivityItem> toStore = new LinkedHashMap<>();
        for (ActivityItem i : items) {
            if (known.contains(i.email())) {
                toStore.putIfAbsent(i.key(), i);
            }
        }
        Set<ActivityItem.Key> stored = sql.insert(tokenTenant, new ArrayList<>(toStore.values()));
        Set<ActivityItem.Key> answered = new HashSet<>();
        List<Result> out = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            ActivityItem i = items.get(n);
            String status = !known.contains(i.email()) ? UNKNOWN
                    : stored.contains(i.key()) && answered.add(i.key()) ? STORED : DUPLICATE;
            out.add(new Result(n, i.email(), status));
        }
        return out;
    }
}
