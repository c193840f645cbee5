package app.rebound.engine.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Lenient RFC 5322 date parsing: day name optional, comments dropped, odd zones tolerated; null on failure. */
final class Dates {
    private Dates() {
    }

    private static final DateTimeFormatter RFC = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ')
            .appendText(ChronoField.MONTH_OF_YEAR, java.util.Map.ofEntries(
                    java.util.Map.entry(1L, "Jan"), java.util.Map.entry(2L, "Feb"), java.util.Map.entry(3L, "Mar"),
                    java.util.Map.entry(4L, "Apr"), java.util.Map.entry(5L, "May"), java.util.Map.entry(6L, "Jun"),
                    java.util.Map.entry(7L, "Jul"), java.util.Map.entry(8L, "Aug"), java.util.Map.entry(9L, "Sep"),
                    java.util.Map.entry(10L, "Oct"), java.util.Map.entry(11L, "Nov"), java.util.Map.entry(12L, "Dec")))
            .appendLiteral(' ')
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendLiteral(' ').appendOffset("+HHMM", "GMT").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.SMART);

    static OffsetDateTime parse(String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            return null;
        }
        String v = value.trim();
        int paren = v.indexOf('(');
        if (paren > 0) {
            v = v.substring(0, paren).trim();
        }
        int comma = v.indexOf(',');
        if (comma >= 0 && comma < 12) {
            v = v.substring(comma + 1).trim();
        }
        v = Text.squash(v);
        // zone names: keep numeric offsets, map a few names, drop the rest
        String[] toks = v.split(" ");
        if (toks.length >= 5) {
            String z = toks[4];
            String off = switch (z.toUpperCase(Locale.ROOT)) {
                case "UT", "UTC", "GMT", "Z" -> "+0000";
                case "EST" -> "-0500";
                case "EDT" -> "-0400";
                case "CST" -> "-0600";
                case "CDT" -> "-0500";
                case "MST" -> "-0700";
                case "MDT" -> "-0600";
                case "PST" -> "-0800";
                case "PDT" -> "-0700";
                case "JST" -> "+0900";
                default -> z.length() == 5 && (z.charAt(0) == '+' || z.charAt(0) == '-') ? z : "+0000";
            };
            v = toks[0] + " " + toks[1] + " " + toks[2] + " " + toks[3] + " " + off;
        } else if (toks.length == 4) {
            v = v + " +0000";
        }
        try {
            return OffsetDateTime.parse(v, RFC).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
