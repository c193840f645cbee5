package app.rebound.bounce;

import app.rebound.engine.BounceType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the bounce log as the tab shows it (a complaint as its summary: feedback type, reporting MTA, the
 * provider's words) (the columns it renders, read without an entity: see
 * {@link BounceLogSql}); the row's details come from the {@link Bounce} entity when it is expanded.
 *
 * <p>{@code occurredIso} and {@code detailPath} are derived once, when the row is read ({@link #of}): the template
 * uses each twice, and a record cannot remember a computed value (issue 10: the two {@code Instant.toString} calls
 * and two cursor encodings per row were 6 % of a page's CPU).
 */
public record BounceRow(long campaignId, long id, Long subscriberId, String recipientEmail, BounceType type, String statusCode,
                        String diagnostic, String reason, String action, boolean investigate, String actionHint,
                        Long inboundId, Instant occurredAt, String feedbackType, String remoteMta,
                        String providerClassification, String occurredIso, String detailPath) {

    /** A row read from the log, with its derived texts. */
    public static BounceRow of(long campaignId, long id, Long subscriberId, String recipientEmail, BounceType type,
            String statusCode, String diagnostic, String reason, String action, boolean investigate, String actionHint,
            Long inboundId, Instant occurredAt, String feedbackType, String remoteMta, String providerClassification) {
        return new BounceRow(campaignId, id, subscriberId, recipientEmail, type, statusCode, diagnostic, reason, action,
                investigate, actionHint, inboundId, occurredAt, feedbackType, remoteMta, providerClassification,
                isoUtc(occurredAt), "/campaigns/" + campaignId + "/bounces/detail/" + new BounceCursor(occurredAt, id).token());
    }

    /** The row's keyset position as a URL token (the next page's cursor, the details link). */
    public String cursorToken() {
        return position().token();
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
        return occurredIso.substring(0, 10) + ' ' + occurredIso.substring(11, 16);
    }

    public BounceCursor position() {
        return new BounceCursor(occurredAt, id);
    }

    /**
     * The same text as {@link Instant#toString()} ("2026-12-06T03:40:12.123456Z": the fraction in groups of three
     * digits, none when it is zero), written directly for years 0 to 9999 instead of through a
     * {@code DateTimeFormatter}; other instants go through {@code toString}.
     */
    static String isoUtc(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
            return t.toString();
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int inDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder s = new StringBuilder(30);
        digits(s, day.getYear(), 4).append('-');
        digits(s, day.getMonthValue(), 2).append('-');
        digits(s, day.getDayOfMonth(), 2).append('T');
        digits(s, inDay / 3600, 2).append(':');
        digits(s, inDay / 60 % 60, 2).append(':');
        digits(s, inDay % 60, 2);
        int nano = t.getNano();
        if (nano > 0) {
            s.append('.');
            if (nano % 1_000_000 == 0) {
                digits(s, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(s, nano / 1000, 6);
            } else {
                digits(s, nano, 9);
            }
        }
        return s.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        for (int d = width - 1, div = pow10(d); d >= 0; d--, div /= 10) {
            s.append((char) ('0' + value / div % 10));
        }
        return s;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
