package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Ordered header fields with lower-case names and unfolded values. */
public final class Headers {
    private final ArrayList<String> names = new ArrayList<>();
    private final ArrayList<String> values = new ArrayList<>();

    public void add(String name, String value) {
        names.add(name.toLowerCase(Locale.ROOT).trim());
        values.add(Text.unfold(value).trim());
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** First value of the (lower-case) name, or "" when absent. */
    public String get(String lowerName) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(lowerName)) {
                return values.get(i);
            }
        }
        return "";
    }

    public boolean has(String lowerName) {
        return names.contains(lowerName);
    }

    public List<String> all(String lowerName) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(lowerName)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /**
     * Parses "Name: value" lines (folded continuation lines allowed) until the first blank line or a line that is
     * not a header. Used for text/rfc822-headers parts and for returned headers inlined in plain text.
     */
    public static Headers parseBlock(String text, int from, int maxFields) {
        return parseBlock(text, from, text.length(), maxFields, false);
    }

    /** As {@link #parseBlock(String, int, int)} for a returned original: its trace fields are not kept. */
    static Headers parseOriginal(String text, int from, int maxFields) {
        return parseBlock(text, from, text.length(), maxFields, true);
    }

    /**
     * As above over {@code text[from, to)}, without copying lines out; with {@code skipTrace}, fields that
     * {@link #isTrace} names are read past but not kept.
     */
    static Headers parseBlock(String text, int from, int to, int maxFields, boolean skipTrace) {
        Headers h = new Headers();
        int n = to;
        int i = from;
        String curName = null;
        boolean skipping = false;
        StringBuilder cur = new StringBuilder();
        while (i < n && h.size() < maxFields) {
            int e = text.indexOf('\n', i);
            if (e < 0 || e > n) {
                e = n;
            }
            int ls = i; // the line is text[ls, e)
            i = e + 1;
            if (isBlank(text, ls, e)) {
                if (curName != null) {
                    break;
                }
                continue;
            }
            char c0 = text.charAt(ls);
            if ((c0 == ' ' || c0 == '\t') && curName != null) {
                if (skipping) {
                    continue;
                }
                int a = ls;
                int b = e;
                while (a < b && text.charAt(a) <= ' ') {
                    a++;
                }
                while (b > a && text.charAt(b - 1) <= ' ') {
                    b--;
                }
                cur.append(' ').append(text, a, b);
                continue;
            }
            int colon = -1;
            for (int k = ls; k < e; k++) {
                if (text.charAt(k) == ':') {
                    colon = k - ls;
                    break;
                }
            }
            if (colon <= 0 || colon > 76 || !isFieldName(text, ls, colon)) {
                if (curName != null) {
                    break;
                }
                continue;
            }
            if (curName != null && !skipping) {
                h.add(curName, cur.toString());
            }
            curName = text.substring(ls, ls + colon);
            cur.setLength(0);
            skipping = skipTrace && isTrace(curName);
            if (!skipping) {
                cur.append(text, ls + colon + 1, e);
            }
        }
        if (curName != null && !skipping) {
            h.add(curName, cur.toString());
        }
        return h;
    }

    /** Trace and signature fields that nothing here reads (any case): skipping them saves most header work. */
    static boolean isTrace(String name) {
        if (name.length() < 4) {
            return false;
        }
        char c = name.charAt(0);
        if (c == 'R' || c == 'r') {
            return name.equalsIgnoreCase("received");
        }
        if (c == 'D' || c == 'd') {
            return name.regionMatches(true, 0, "dkim-", 0, 5) || name.regionMatches(true, 0, "domainkey", 0, 9);
        }
        if (c == 'A' || c == 'a') {
            return name.regionMatches(true, 0, "arc-", 0, 4)
                    || name.equalsIgnoreCase("authentication-results");
        }
        if (c == 'X' || c == 'x') {
            return name.regionMatches(true, 0, "x-ms-", 0, 5) || name.regionMatches(true, 0, "x-microsoft", 0, 11)
                    || name.regionMatches(true, 0, "x-forefront", 0, 11) || name.regionMatches(true, 0, "x-google", 0, 8)
                    || name.regionMatches(true, 0, "x-gm-", 0, 5) || name.equalsIgnoreCase("x-received")
                    || name.regionMatches(true, 0, "x-exchange", 0, 10);
        }
        return false;
    }

    /** As String.isBlank() of text[from, to): only white space (no supplementary code point is white space). */
    private static boolean isBlank(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldName(String text, int ls, int colon) {
        for (int k = 0; k < colon; k++) {
            char c = text.charAt(ls + k);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

}
