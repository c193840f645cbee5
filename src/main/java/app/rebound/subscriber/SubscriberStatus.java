package app.rebound.subscriber;

import java.util.Locale;

public enum SubscriberStatus {
    SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /** How the status reads on a page. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether mail may be sent to a subscriber in this status. */
    public boolean receivesMail() {
        return this == SUBSCRIBED;
    }
}
