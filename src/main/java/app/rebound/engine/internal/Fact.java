package app.rebound.engine.internal;

/** Mutable per-recipient working record filled by the decoders, then classified. */
public final class Fact {
    public String recipient = "";
    public String originalRecipient = "";
    public String action = "";
    public String status = "";
    public String diagnosticType = "";
    public String diagnostic = "";
    public int replyCode;
    public String remoteMta = "";
    public String reportingMta = "";
    public String command = "";
    public String arrivalDate = "";
    public String lastAttemptDate = "";
    /** Reason decided by a decoder that knows its format (e.g. qmail's "queue too long" = expired). */
    public String presetReason = "";
    public String presetRule = "";
    public String feedbackType = "";
    /** Extra text of the human-readable part near this recipient, used when the diagnostic is thin. */
    public String context = "";
    public String decoder = "";
    /** Phrase hits of the classified text (set by the classifier, reused for the trap signal). */
    public long[] hits;
}
