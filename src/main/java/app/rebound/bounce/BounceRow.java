package app.rebound.bounce;

import app.rebound.engine.BounceType;
import java.time.Instant;

/**
 * One row of the bounce log as the tab shows it (a complaint as its summary: feedback type, reporting MTA, the
 * provider's words) (the columns it renders, read without an entity: see
 * {@link BounceLogSql}); the row's details come from the {@link Bounce} entity when it is expanded.
 */
public record BounceRow(long campaignId, long id, Long subscriberId, String recipientEmail, BounceType type, String statusCode,
                        String diagnostic, String reason, String action, boolean investigate, String actionHint,
                        Long inboundId, Instant occurredAt, String feedbackType, String remoteMta,
                        String providerClassification) {
    /** The row's keyset position as a URL token (the next page's cursor, the details link). */
    public String cursorToken() {
        return position().token();
    }

    /** Where the row's details load from: the campaign's detail path with the row's keyset position. */
    public String detailPath() {
        return "/campaigns/" + campaignId + "/bounces/detail/" + cursorToken();
    }

    /** The receiver's own words when the engine kept them, else the engine's reason. */
    public String reasonText() {
        return diagnostic != null ? diagnostic : reason;
    }

    public boolean complaint() {
        return type == BounceType.COMPLAINT;
    }

    /** "2026-12-06 03:40" (UTC), as the log shows the date. */
    public String occurredLabel() {
        String iso = occurredAt.toString();
        return iso.substring(0, 10) + ' ' + iso.substring(11, 16);
    }

    public BounceCursor position() {
        return new BounceCursor(occurredAt, id);
    }
}
