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
        return parseBlock(text, from, text.length(), maxFields);
    }

    /** As above over {@code text[from, to)}, without copying lines out. */
    static Headers parseBlock(String text, int from, int to, int maxFields) {
        Headers h = new Headers();
        int n = to;
        int i = from;
        String curName = null;
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
            if (curName != null) {
                h.add(curName, cur.toString());
            }
            curName = text.substring(ls, ls + colon);
            cur.setLength(0);
            cur.append(text, ls + colon + 1, e);
        }
        if (curName != null) {
            h.add(curName, cur.toString());
        }
        return h;
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
