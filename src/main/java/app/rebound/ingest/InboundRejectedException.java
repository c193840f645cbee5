package app.rebound.ingest;

/** {@link Inbox#accept} refused an input (too big, empty, wrong content type, unknown tenant): nothing was stored. */
public class InboundRejectedException extends RuntimeException {
    public InboundRejectedException(String message) {
        super(message);
    }
}
