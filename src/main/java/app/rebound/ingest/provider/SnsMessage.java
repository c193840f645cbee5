package app.rebound.ingest.provider;

/**
 * An Amazon SNS HTTP(S) message whose signature verified (or, for the command line, that was only read).
 *
 * @param type         Notification, SubscriptionConfirmation or UnsubscribeConfirmation
 * @param messageId    SNS message id (a retry keeps it)
 * @param topicArn     the topic it was published to
 * @param message      the payload; for SES, the notification JSON as a string
 * @param subscribeUrl confirmation URL of a (Un)SubscriptionConfirmation, else ""
 */
public record SnsMessage(String type, String messageId, String topicArn, String message, String subscribeUrl) {
    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    public boolean isNotification() {
        return NOTIFICATION.equals(type);
    }

    public boolean isSubscriptionConfirmation() {
        return SUBSCRIPTION_CONFIRMATION.equals(type);
    }
}
