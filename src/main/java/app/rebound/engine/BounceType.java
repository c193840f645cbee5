package app.rebound.engine;

/** The kind of result for one recipient, independent of the detailed {@link Reason}. */
public enum BounceType {
    /** Permanent failure (5.x.x): resending unchanged will not succeed. */
    HARD,
    /** Transient failure (4.x.x), a delay warning, or a full mailbox (5.2.2 included). */
    SOFT,
    /** A feedback loop / abuse report: the recipient complained. */
    COMPLAINT,
    /** An out-of-office or other RFC 3834 automatic reply. */
    AUTO_REPLY,
    /** A success notification (Action: delivered, 2.x.x). */
    DELIVERED,
    /** Not enough information to tell. */
    UNDETERMINED
}
