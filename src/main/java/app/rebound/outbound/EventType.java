package app.rebound.outbound;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can subscribe to; codes are the {@code event} field of the payload. */
public enum EventType {
    SUBSCRIBER_BOUNCED("subscriber.bounced", "A subscriber was bounced (hard bounce, exhausted soft retries, trap)"),
    SUBSCRIBER_UNSUBSCRIBED("subscriber.unsubscribed", "A subscriber was unsubscribed"),
    SUBSCRIBER_COMPLAINED("subscriber.complained", "A subscriber complained (spam report)"),
    SUBSCRIBER_REACTIVATED("subscriber.reactivated", "A bounced, unsubscribed or complained subscriber was subscribed again"),
    ALERT_RAISED("alert.raised", "A symptom alert was opened"),
    TEST("test", "Test event (sent only by the \"Send test event\" button)");

    private final String code;
    private final String label;

    EventType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Whether an endpoint can choose it (the test event is sent on request only). */
    public boolean subscribable() {
        return this != TEST;
    }

    public static Optional<EventType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    public static java.util.List<EventType> subscribableTypes() {
        return Arrays.stream(values()).filter(EventType::subscribable).toList();
    }
}
