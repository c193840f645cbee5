package app.rebound.subscriber;

import java.util.Locale;

public enum SubscriberStatus {
    SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether mail may be sent to a subscriber in this status. */
    public boolean receivesMail() {
        return this == SUBSCRIBED;
    }
}
