package app.rebound.ingest.provider;

/** A webhook payload that cannot be read: not JSON, the wrong shape, too big or hostile. The message says why. */
public class PayloadException extends RuntimeException {
    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
