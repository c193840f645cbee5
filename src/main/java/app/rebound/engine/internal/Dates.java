package app.rebound.engine.internal;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Lenient RFC 5322 date parsing without exceptions on the hot path: optional day name, 1-2 digit day, English
 * month abbreviation, 2- or 4-digit year, hh:mm[:ss], numeric offset or a few zone names (default UTC);
 * comments and trailing junk ignored. Returns null when the value is not a date.
 */
final class Dates {
    private Dates() {
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    static OffsetDateTime parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 200) {
            return null;
        }
        String v = value;
        int comma = v.indexOf(',');
        int i = comma >= 0 && comma < 12 ? comma + 1 : 0;
        int n = v.length();
        int[] pos = {i};
        int day = number(v, pos, 2);
        if (day < 1 || day > 31) {
            return null;
        }
        skipBlanks(v, pos);
        if (pos[0] + 3 > n) {
            return null;
        }
        int m = MONTHS.indexOf(Text.lower(v.substring(pos[0], pos[0] + 3)));
        if (m < 0 || m % 3 != 0) {
            return null;
        }
        pos[0] += 3;
        while (pos[0] < n && Character.isLetter(v.charAt(pos[0]))) {
            pos[0]++;
        }
        int yearStart = pos[0];
        int year = number(v, pos, 4);
        if (year < 0) {
            return null;
        }
        int digits = pos[0] - yearStart - countBlanks(v, yearStart);
        if (digits <= 2) {
            year += year < 50 ? 2000 : 1900;
        }
        int hh = number(v, pos, 2);
        if (hh < 0 || pos[0] >= n || v.charAt(pos[0]) != ':') {
            return null;
        }
        pos[0]++;
        int mm = number(v, pos, 2);
        int ss = 0;
        if (pos[0] < n && v.charAt(pos[0]) == ':') {
            pos[0]++;
            ss = number(v, pos, 2);
        }
        if (mm < 0 || ss < 0) {
            return null;
        }
        skipBlanks(v, pos);
        int offsetMinutes = 0;
        if (pos[0] < n && (v.charAt(pos[0]) == '+' || v.charAt(pos[0]) == '-')) {
            int sign = v.charAt(pos[0]) == '-' ? -1 : 1;
            pos[0]++;
            int z = number(v, pos, 4);
            if (z >= 0) {
                offsetMinutes = sign * ((z / 100) * 60 + z % 100);
            }
        } else if (pos[0] + 2 <= n) {
            String zone = v.substring(pos[0], Math.min(n, pos[0] + 3)).trim().toUpperCase();
            offsetMinutes = switch (zone) {
                case "EST", "CDT" -> -300;
                case "EDT" -> -240;
                case "CST", "MDT" -> -360;
                case "MST", "PDT" -> -420;
                case "PST" -> -480;
                case "JST" -> 540;
                default -> 0;
            };
        }
        if (year < 1970 || year > 2200 || hh > 23 || mm > 59 || ss > 60 || Math.abs(offsetMinutes) > 18 * 60) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, m / 3 + 1, Math.min(day, 28), hh, mm, Math.min(ss, 59), 0,
                    ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).plusDays(Math.max(0, day - 28))
                    .withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int countBlanks(String v, int from) {
        int c = 0;
        while (from + c < v.length() && (v.charAt(from + c) == ' ' || v.charAt(from + c) == '\t')) {
            c++;
        }
        return c;
    }

    private static void skipBlanks(String v, int[] pos) {
        while (pos[0] < v.length() && (v.charAt(pos[0]) == ' ' || v.charAt(pos[0]) == '\t' || v.charAt(pos[0]) == '-')) {
            pos[0]++;
        }
    }

    /** Skips blanks, reads up to max digits; -1 when there is none. */
    private static int number(String v, int[] pos, int max) {
        int i = pos[0];
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        int r = 0;
        while (i < v.length() && i - start < max && Character.isDigit(v.charAt(i))) {
            r = r * 10 + (v.charAt(i) - '0');
            i++;
        }
        pos[0] = i;
        return i == start ? -1 : r;
    }
}
