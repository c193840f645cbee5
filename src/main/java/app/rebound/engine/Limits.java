package app.rebound.engine;

/**
 * Bounds on the work done per input, so hostile or broken mail cannot exhaust memory or time.
 *
 * @param maxMessageBytes  larger inputs are rejected as UNPARSEABLE (default 10 MiB)
 * @param maxParts         MIME parts read per message; the rest is ignored (default 200)
 * @param maxDepth         MIME nesting depth read (default 12)
 * @param maxLineLength    longer lines are cut before pattern matching (default 64 KiB)
 * @param maxHeaderCount   header fields per entity (default 1000)
 * @param maxTextChars     decoded text kept per part (default 1 MiB)
 * @param maxRecipients    results per message (default 1000)
 * @param maxMessagesPerMbox messages read from one mbox file (default 10000)
 */
public record Limits(int maxMessageBytes, int maxParts, int maxDepth, int maxLineLength, int maxHeaderCount,
                     int maxTextChars, int maxRecipients, int maxMessagesPerMbox) {

    public Limits {
        if (maxMessageBytes < 1024 || maxParts < 1 || maxDepth < 1 || maxLineLength < 80 || maxHeaderCount < 10
                || maxTextChars < 1024 || maxRecipients < 1 || maxMessagesPerMbox < 1) {
            throw new IllegalArgumentException("limits too small");
        }
    }

    public static Limits defaults() {
        return new Limits(10 * 1024 * 1024, 200, 12, 64 * 1024, 1000, 1024 * 1024, 1000, 10_000);
    }

    public Limits withMaxMessageBytes(int bytes) {
        return new Limits(bytes, maxParts, maxDepth, maxLineLength, maxHeaderCount, maxTextChars, maxRecipients,
                maxMessagesPerMbox);
    }
}
