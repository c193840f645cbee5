package app.rebound.engine;

/** What a whole message turned out to be. */
public enum Outcome {
    /** A non-delivery report with at least one failed recipient. */
    BOUNCE,
    /** Only delay warnings (Action: delayed): the sending MTA still retries. */
    DELAYED,
    /** An ARF or provider-specific complaint / feedback report. */
    COMPLAINT,
    /** An RFC 3834 auto-reply (vacation, out of office). Never a bounce. */
    AUTO_REPLY,
    /** A positive delivery status notification. */
    DELIVERED,
    /** An ordinary message: none of the above. */
    NOT_A_BOUNCE,
    /** The input could not be read (empty, truncated, over a limit, hostile). See the errors. */
    UNPARSEABLE
}
