package app.rebound.webhook;

/** What the webhook endpoint answers the provider: an HTTP status and a one-line message. */
public record WebhookAnswer(int status, String message) {
    public static WebhookAnswer ok(String message) {
        return new WebhookAnswer(200, message);
    }

    public static WebhookAnswer of(int status, String message) {
        return new WebhookAnswer(status, message);
    }
}
