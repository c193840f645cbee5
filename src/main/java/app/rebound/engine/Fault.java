package app.rebound.engine;

/** Whose side has to act so that the next message gets through. */
public enum Fault {
    /** The address itself is dead or its mailbox refuses mail (unknown user, full, disabled). */
    RECIPIENT,
    /** The sender: authentication, reputation, blocklists, content, policy (typically 5.7.x). */
    SENDER,
    /** The receiving mail system failed (configuration, disk, mailer program). */
    RECEIVER_SYSTEM,
    /** Routing, DNS, connection or queue-lifetime trouble between the two sides. */
    NETWORK,
    /** Nothing in the message says. */
    UNKNOWN
}
