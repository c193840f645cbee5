package app.rebound.engine.internal;

/** A leaf part of the report (not of the returned original), decoded to text. */
public record Part(String mimeType, String text) {
    public boolean isDeliveryStatus() {
        return mimeType.equals("message/delivery-status") || mimeType.equals("message/global-delivery-status");
    }

    public boolean isFeedbackReport() {
        return mimeType.equals("message/feedback-report");
    }

    public boolean isReturnedHeaders() {
        return mimeType.equals("text/rfc822-headers") || mimeType.equals("message/global-headers")
                || mimeType.equals("message/global") || mimeType.equals("message/partial");
    }

    public boolean isHumanText() {
        return mimeType.equals("text/plain") || mimeType.equals("text/html") || mimeType.equals("text/enriched");
    }
}
