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
        Headers h = new Headers();
        int n = text.length();
        int i = from;
        String curName = null;
        StringBuilder cur = new StringBuilder();
        while (i < n && h.size() < maxFields) {
            int e = text.indexOf('\n', i);
            if (e < 0) {
                e = n;
            }
            String line = text.substring(i, e);
            i = e + 1;
            if (line.isBlank()) {
                if (curName != null) {
                    break;
                }
                continue;
            }
            char c0 = line.charAt(0);
            if ((c0 == ' ' || c0 == '\t') && curName != null) {
                cur.append(' ').append(line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon > 76 || !isFieldName(line, colon)) {
                if (curName != null) {
                    break;
                }
                continue;
            }
            if (curName != null) {
                h.add(curName, cur.toString());
            }
            curName = line.substring(0, colon);
            cur.setLength(0);
            cur.append(line, colon + 1, line.length());
        }
        if (curName != null) {
            h.add(curName, cur.toString());
        }
        return h;
    }

    private static boolean isFieldName(String line, int colon) {
        for (int k = 0; k < colon; k++) {
            char c = line.charAt(k);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
