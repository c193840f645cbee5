package app.rebound.ingest.provider;

/** A request whose signature, credentials or signing certificate do not prove that the provider sent it. */
public class VerificationException extends RuntimeException {
    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
