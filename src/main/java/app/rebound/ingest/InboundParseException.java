package app.rebound.ingest;

/** A stored input that cannot be turned into events; the message is shown on the quarantine page. */
public class InboundParseException extends RuntimeException {
    public InboundParseException(String message) {
        super(message);
    }

    public InboundParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
