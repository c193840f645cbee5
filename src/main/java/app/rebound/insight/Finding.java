package app.rebound.insight;

/** One condition a detector sees right now; {@code scopeKey} identifies the condition across runs. */
public record Finding(AlertKind kind, String scopeKey, String summary, String evidence, double measured,
        double threshold, Long campaignId, Long sendingServerId, String domain) {
}
