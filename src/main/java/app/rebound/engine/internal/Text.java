package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Linear-time string helpers. No regular expressions: all scanning is bounded by the input length. */
public final class Text {
    private Text() {
    }

    public static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Removes header folding: CR/LF followed by blanks become one space. */
    public static String unfold(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Collapses all whitespace runs to one space and trims. */
    public static String squash(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '\u00a0') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A multi-line SMTP reply folded into one line ("550-5.2.1 The user ... at a rate that 550-5.2.1 prevents ...
     * 550 5.2.1 https://..."): the reply code and status that start each continuation line are removed, as
     * Sisimai::Fact does before any reason is looked for (CHECK_DELIVERY_STATUS_VALUE: when the text holds
     * "{reply}-", every "{reply}-{status}", "{reply} {status}", "{reply}-" and "{reply} " goes), so that a
     * sentence the receiver wrapped reads as one. Unlike Sisimai, the first "{reply} {status}" stays (it is where
     * the reply code and the status are read from) and only marks standing as a word of their own are removed.
     * {@code reply} and {@code status} are the ones the text gives (0 and null when none); the text is returned
     * unchanged when it holds no "{reply}-".
     */
    public static String joinReplyLines(String text, int reply, String status) {
        if (reply < 200 || reply > 599 || text.length() < 8) {
            return text;
        }
        String cr = Integer.toString(reply);
        if (!text.contains(cr + "-")) {
            return text;
        }
        String[] marks = status == null || status.isEmpty()
                ? new String[] {cr + "-", cr + " "}
                : new String[] {cr + "-" + status, cr + " " + status, cr + "-", cr + " "};
        StringBuilder out = new StringBuilder(text.length());
        boolean first = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int len = 0;
            if (i == 0 || text.charAt(i - 1) == ' ') {
                for (String m : marks) {
                    if (text.startsWith(m, i) && (i + m.length() == n || m.endsWith(" ") || m.endsWith("-")
                            || text.charAt(i + m.length()) == ' ')) {
                        len = m.length();
                        break;
                    }
                }
            }
            if (len == 0) {
                out.append(text.charAt(i++));
                continue;
            }
            if (first) {
                // the first mark stays, as "{reply} {status}" or "{reply} "
                out.append(text, i, i + len).setCharAt(out.length() - len + cr.length(), ' ');
                first = false;
            }
            i += len;
            while (i < n && text.charAt(i) == ' ' && (out.length() == 0 || out.charAt(out.length() - 1) == ' ')) {
                i++;
            }
        }
        return squash(out);
    }

    public static boolean containsAny(String haystack, String[] needles) {
        for (String n : needles) {
            if (haystack.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first needle found, or null. */
    public static String firstOf(String haystack, String[] needles) {
        for (String n : needles) {
            if (haystack.contains(n)) {
                return n;
            }
        }
        return null;
    }

    /** True when all parts occur in this order (non-overlapping). */
    public static boolean aligned(String haystack, String[] parts) {
        int from = 0;
        for (String p : parts) {
            int i = haystack.indexOf(p, from);
            if (i < 0) {
                return false;
            }
            from = i + p.length();
        }
        return true;
    }

    public static boolean alignedAny(String haystack, String[][] pairs) {
        for (String[] p : pairs) {
            if (aligned(haystack, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-' || c == '+' || c == '=' || c == '%' || c == '/' || c == '\'' || c == '!' || c == '#'
                || c == '$' || c == '&' || c == '*' || c == '?' || c == '^' || c == '`' || c == '{' || c == '}'
                || c == '|' || c == '~' || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean isLiteralChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':'
                || c == 'v' || c == 'V' || c == 'I' || c == 'P' || c == 'i' || c == 'p' || c == '-';
    }

    /** A quoted-printable soft line break ("=" at the end of a line) at {@code i}, in text nobody decoded. */
    private static boolean softBreakAt(String s, int i) {
        return i + 1 < s.length() && s.charAt(i) == '=' && s.charAt(i + 1) == '\n';
    }

    /**
     * All e-mail addresses in the text, in order, as spans of the text (use {@link #addressAt} to read one). A
     * quoted local part keeps its quotes; a domain literal is {@code [...]}; a quoted-printable soft break inside
     * an address is spanned (and removed by {@link #addressAt}); brackets and punctuation around it are not part
     * of it.
     */
    public static List<int[]> findAddresses(String s, int max) {
        List<int[]> out = new ArrayList<>();
        int n = s.length();
        int from = 0;
        while (out.size() < max) {
            int at = s.indexOf('@', from);
            if (at < 0) {
                break;
            }
            int b = at;
            if (at > 1 && s.charAt(at - 1) == '"') {
                // "quoted local part"@domain, on one line
                int q = s.lastIndexOf('"', at - 2);
                int nl = s.lastIndexOf('\n', at - 1);
                if (q >= 0 && q > nl && at - q <= 66) {
                    b = q;
                }
            } else {
                while (b > 0 && at - b < 128) {
                    if (isLocalChar(s.charAt(b - 1))) {
                        b--;
                    } else if (b > 2 && s.charAt(b - 1) == '\n' && s.charAt(b - 2) == '=' && isLocalChar(s.charAt(b - 3))) {
                        b -= 2;
                    } else {
                        break;
                    }
                }
                while (b < at && (s.charAt(b) == '.' || s.charAt(b) == '\'' || s.charAt(b) == '`')) {
                    b++;
                }
            }
            int e = at + 1;
            boolean dot = false;
            if (e < n && s.charAt(e) == '[') {
                int k = e + 1;
                while (k < n && k - e < 64 && isLiteralChar(s.charAt(k))) {
                    k++;
                }
                if (k < n && s.charAt(k) == ']' && k > e + 1) {
                    e = k + 1;
                    dot = true;
                }
            } else {
                while (e < n && e - at < 256) {
                    char c = s.charAt(e);
                    if (isDomainChar(c)) {
                        dot |= c == '.';
                        e++;
                    } else if (softBreakAt(s, e) && e + 2 < n && isDomainChar(s.charAt(e + 2))) {
                        e += 2;
                    } else {
                        break;
                    }
                }
                while (e > at + 1 && (s.charAt(e - 1) == '.' || s.charAt(e - 1) == '-')) {
                    e--;
                }
            }
            if (b > 0 && b < at && s.charAt(b - 1) == '<' && (e >= n || s.charAt(e) != '>')) {
                // "<user@#example.net>": an invalid address written in angle brackets is still the one named
                int gt = bracketedEnd(s, at);
                if (gt > 0) {
                    e = gt;
                    dot = true;
                }
            }
            from = Math.max(at + 1, e);
            if (b < at && e > at + 1 && dot) {
                out.add(new int[] {b, e});
            }
        }
        return out;
    }

    /**
     * The end of an angle-bracketed domain that holds characters no domain may hold: the index of the closing '&gt;'
     * when it comes within 255 characters, with no blank, bracket or second '@' before it and a dot in between;
     * else -1.
     */
    private static int bracketedEnd(String s, int at) {
        boolean dot = false;
        for (int k = at + 1; k < s.length() && k - at < 256; k++) {
            char c = s.charAt(k);
            if (c == '>') {
                return dot && k > at + 1 ? k : -1;
            }
            if (c <= ' ' || c == '<' || c == '@' || c == '"' || c == '(' || c == ')' || c == ',') {
                return -1;
            }
            dot |= c == '.';
        }
        return -1;
    }

    /** Local-part prefixes some MTAs glue to an address ("smtp=a@b" in Exchange reports), not part of it. */
    private static final String[] ADDRESS_PREFIXES = {"smtp=", "rfc822=", "mailto:"};

    /**
     * The address a span of {@link #findAddresses} names: soft breaks removed, a glued {@code smtp=} prefix cut,
     * the domain lower-cased; the local part lower-cased too unless it is quoted or an encoded word (RFC 2047),
     * whose case is part of it.
     */
    public static String addressAt(String s, int[] span) {
        String a = s.substring(span[0], span[1]);
        if (a.indexOf('\n') >= 0) {
            a = a.replace("=\n", "");
        }
        char c0 = a.charAt(0);
        if (c0 == '"' || c0 == '=' && a.startsWith("=?")) {
            int at = a.lastIndexOf('@');
            String local = a.substring(0, at);
            String domain = lower(a.substring(at + 1));
            if (local.startsWith("=?") && local.endsWith("?=")) {
                String decoded = MailReader.decodeWords(local);
                return (decoded.isEmpty() ? local : decoded) + "@" + domain;
            }
            return (c0 == '"' ? local : lower(local)) + "@" + domain;
        }
        String l = lower(a);
        if (c0 == 's' || c0 == 'S' || c0 == 'r' || c0 == 'R' || c0 == 'm' || c0 == 'M') {
            int at = l.lastIndexOf('@');
            for (String p : ADDRESS_PREFIXES) {
                if (at > p.length() && l.startsWith(p)) {
                    return l.substring(p.length());
                }
            }
        }
        return l;
    }

    /** The first address in a header-like value ("Name <a@b>", "rfc822; a@b"), normalised, or "". */
    public static String firstAddress(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        List<int[]> a = findAddresses(s, 1);
        if (a.isEmpty()) {
            return "";
        }
        return addressAt(s, a.get(0));
    }

    /**
     * The address of a field that must name one ("Final-Recipient: rfc822; a@b"): the first well-formed one, else
     * the value itself when it is one token with an "@" (an invalid address such as {@code user@#example.net} is
     * reported as written, never dropped), else "".
     */
    public static String addressOrVerbatim(String s) {
        String a = firstAddress(s);
        if (!a.isEmpty() || s == null) {
            return a;
        }
        String t = s.trim();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        int at = t.lastIndexOf('@');
        if (at <= 0 || at == t.length() - 1 || t.length() > 254) {
            return "";
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') {
                return "";
            }
        }
        return lower(t);
    }

    /** Finds an enhanced status code "d.ddd.ddd" not part of a longer dotted number; returns it or null. */
    public static String findStatus(String s) {
        int n = s.length();
        for (int i = 0; i + 4 < n; i++) {
            char c = s.charAt(i);
            if ((c == '2' || c == '4' || c == '5') && s.charAt(i + 1) == '.') {
                if (i > 0) {
                    char p = s.charAt(i - 1);
                    if (Character.isDigit(p) || p == '.' || Character.isLetter(p)) {
                        continue;
                    }
                }
                int j = i + 2;
                int d1 = 0;
                while (j < n && Character.isDigit(s.charAt(j)) && d1 < 4) {
                    j++;
                    d1++;
                }
                // RFC 3463 subjects are 0 to 7: "Exim 4.94.2" is a version, not a status
                if (d1 != 1 || s.charAt(i + 2) > '7' || j >= n || s.charAt(j) != '.') {
                    continue;
                }
                j++;
                int d2 = 0;
                while (j < n && Character.isDigit(s.charAt(j)) && d2 < 4) {
                    j++;
                    d2++;
                }
                if (d2 == 0 || d2 > 3) {
                    continue;
                }
                if (j < n) {
                    char q = s.charAt(j);
                    if (Character.isDigit(q) || Character.isLetter(q)) {
                        continue;
                    }
                    if (q == '.' && j + 1 < n && Character.isDigit(s.charAt(j + 1))) {
                        continue;
                    }
                }
                if (versionOrSubject(s, i)) {
                    continue;
                }
                return s.substring(i, j);
            }
        }
        return null;
    }

    private static final String[] VERSION_WORDS = {"version", "ver", "v", "release", "build", "rev"};

    /**
     * A dotted number that names a version ("version 2.0.12", "v 5.1.1") or stands in a quoted subject line
     * ("Subject: Foo 2.0.12"): not a status.
     */
    private static boolean versionOrSubject(String s, int i) {
        if (i >= 4 && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '-') && Character.isDigit(s.charAt(i - 2))
                && Character.isDigit(s.charAt(i - 3)) && Character.isDigit(s.charAt(i - 4))) {
            return false; // "550 5.1.1", "550-5.1.1": an SMTP reply
        }
        int ls = s.lastIndexOf('\n', i) + 1;
        int from = Math.max(ls, i - 60);
        if (indexOfIgnoreCase(s.substring(from, i), "subject", 0) >= 0) {
            return true;
        }
        int e = i;
        while (e > from && s.charAt(e - 1) == ' ') {
            e--;
        }
        if (e > from && s.charAt(e - 1) == '.') {
            e--;
        }
        int b = e;
        while (b > from && Character.isLetter(s.charAt(b - 1))) {
            b--;
        }
        if (b == e) {
            return false;
        }
        String word = lower(s.substring(b, e));
        for (String v : VERSION_WORDS) {
            if (word.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds an SMTP reply code: three digits [245]xx standing alone, followed by blank, '-' or end, and not
     * part of a dotted/longer number. Returns 0 when none.
     */
    public static int findReplyCode(String s) {
        int n = s.length();
        for (int i = 0; i + 2 < n; i++) {
            char c = s.charAt(i);
            if (c != '2' && c != '4' && c != '5') {
                continue;
            }
            char c1 = s.charAt(i + 1);
            char c2 = s.charAt(i + 2);
            if (!Character.isDigit(c1) || !Character.isDigit(c2) || c1 > '5') {
                continue;
            }
            if (i > 0) {
                char p = s.charAt(i - 1);
                if (Character.isLetterOrDigit(p) || p == '.' || p == '-' || p == '/' || p == ':' && i > 1
                        && Character.isDigit(s.charAt(i - 2)) || p == '#' && !exchangeReply(s, i) || p == '+'
                        || p == '=') {
                    continue;
                }
            }
            if (i + 3 < n) {
                char q = s.charAt(i + 3);
                if (!(q == ' ' || q == '-' || q == '\t' || q == '\n' || q == '\r')) {
                    continue;
                }
                if (q == '-' && i + 4 < n && !Character.isDigit(s.charAt(i + 4)) && s.charAt(i + 4) != ' '
                        && !Character.isLetter(s.charAt(i + 4)) && s.charAt(i + 4) != '\''
                        && s.charAt(i + 4) != '"') {
                    continue;
                }
            }
            int code = (c - '0') * 100 + (c1 - '0') * 10 + (c2 - '0');
            if (code == 200 || code == 400 || code == 500 && i + 3 < n && s.charAt(i + 3) == '-') {
                // too often part of other numbers; still accept plain "500 "
                if (code != 500) {
                    continue;
                }
            }
            return code;
        }
        return 0;
    }

    /**
     * Exchange's "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" (Sisimai::Lhost::Exchange2007): a '#' that
     * starts a word, right before a reply code at {@code i} followed by a blank and an enhanced status of the
     * same class. Any other '#' before digits (a ticket or list number) does not start a reply code.
     */
    private static boolean exchangeReply(String s, int i) {
        if (i > 1 && !(s.charAt(i - 2) <= ' ' || s.charAt(i - 2) == '<' || s.charAt(i - 2) == ';')) {
            return false;
        }
        return i + 6 < s.length() && s.charAt(i + 3) == ' ' && s.charAt(i + 4) == s.charAt(i)
                && s.charAt(i + 5) == '.' && Character.isDigit(s.charAt(i + 6));
    }

    /** Strips HTML tags and decodes the most common entities. */
    public static String stripHtml(String html) {
        int n = html.length();
        StringBuilder sb = new StringBuilder(n);
        // Text between markup is copied in runs; String.indexOf finds the next '<' and '&'.
        int lt = html.indexOf('<');
        int amp = html.indexOf('&');
        int i = 0;
        while (i < n) {
            if (lt >= 0 && lt < i) {
                lt = html.indexOf('<', i);
            }
            if (amp >= 0 && amp < i) {
                amp = html.indexOf('&', i);
            }
            int next = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
            if (next < 0) {
                sb.append(html, i, n);
                break;
            }
            sb.append(html, i, next);
            i = next;
            if (html.charAt(i) == '<') {
                char c1 = i + 1 < n ? html.charAt(i + 1) : 0;
                if (Character.isLetter(c1) || c1 == '/' || c1 == '!') {
                    if (breaksLine(html, i + 1, Math.min(n, i + 6))) {
                        sb.append('\n');
                    }
                    // the tag, up to and including its '>' (or the end of an unclosed one), is dropped
                    int gt = html.indexOf('>', i + 1);
                    i = gt < 0 ? n : gt + 1;
                } else {
                    sb.append('<');
                    i++;
                }
                continue;
            }
            // an entity: '&', at most 6 characters, ';' (looked for in that window only)
            int semi = -1;
            for (int k = i + 1; k < Math.min(n, i + 8); k++) {
                if (html.charAt(k) == ';') {
                    semi = k;
                    break;
                }
            }
            String rep = semi < 0 ? null : switch (html.substring(i + 1, semi)) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "nbsp" -> " ";
                case "#39", "apos" -> "'";
                default -> null;
            };
            if (rep != null) {
                sb.append(rep);
                i = semi + 1;
            } else {
                sb.append('&');
                i++;
            }
        }
        return sb.toString();
    }

    private static final String[] LINE_TAGS = {"br", "p", "/p", "div", "/div", "tr", "li"};

    /** Whether the tag name starting html[from, to) (at most 5 chars) is one of {@link #LINE_TAGS}. */
    private static boolean breaksLine(String html, int from, int to) {
        for (int k = from; k < to; k++) {
            if (html.charAt(k) >= 128) {
                // non-ASCII lower-casing can change lengths: keep the exact String semantics
                String tag = lower(html.substring(from, to));
                for (String t : LINE_TAGS) {
                    if (tag.startsWith(t)) {
                        return true;
                    }
                }
                return false;
            }
        }
        for (String t : LINE_TAGS) {
            int m = t.length();
            if (to - from < m) {
                continue;
            }
            int k = 0;
            while (k < m) {
                char c = html.charAt(from + k);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                if (c != t.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == m) {
                return true;
            }
        }
        return false;
    }

    /** indexOf ignoring ASCII case; {@code lowerNeedle} must be lower case. No copy of the haystack. */
    public static int indexOfIgnoreCase(String hay, String lowerNeedle, int from) {
        int m = lowerNeedle.length();
        if (m == 0) {
            return from;
        }
        char first = lowerNeedle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        int k = anchor(lowerNeedle);
        if (k >= 0) {
            // Jump between occurrences of a caseless character of the needle with String.indexOf (a vectorised
            // intrinsic); a match must have exactly that character there.
            char a = lowerNeedle.charAt(k);
            int last = hay.length() - m;
            int i = Math.max(0, from);
            while (i <= last) {
                int j = hay.indexOf(a, i + k);
                if (j < 0 || j - k > last) {
                    return -1;
                }
                i = j - k;
                char c = hay.charAt(i);
                if ((c == first || c == firstUpper) && hay.regionMatches(true, i, lowerNeedle, 0, m)) {
                    return i;
                }
                i++;
            }
            return -1;
        }
        // Cheap reject on the second char when both are ASCII (exactly what regionMatches would decide there).
        char second = m > 1 ? lowerNeedle.charAt(1) : 0;
        boolean asciiSecond = m > 1 && second < 128;
        char secondLower = asciiLower(second);
        int last = hay.length() - m;
        for (int i = Math.max(0, from); i <= last; i++) {
            char c = hay.charAt(i);
            if (c == first || c == firstUpper) {
                if (asciiSecond) {
                    char c1 = hay.charAt(i + 1);
                    if (c1 < 128 && asciiLower(c1) != secondLower) {
                        continue;
                    }
                }
                if (hay.regionMatches(true, i, lowerNeedle, 0, m)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Caseless ASCII characters, rarest in bounce text first; a needle is searched by the first one it has. */
    private static final String ANCHORS = "@=<>[]{}|#$%&*+/;?^_`~!\"'()0123456789,:.-\t \n";
    /** Rank in {@link #ANCHORS} + 1 per ASCII character; 0 for characters that are no anchor. */
    private static final byte[] ANCHOR_RANK = new byte[128];

    static {
        for (int r = 0; r < ANCHORS.length(); r++) {
            ANCHOR_RANK[ANCHORS.charAt(r)] = (byte) (r + 1);
        }
    }

    /** Index in the needle of its best anchor character (see {@link #ANCHORS}), or -1 when it has none. */
    private static int anchor(String needle) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < needle.length(); i++) {
            char c = needle.charAt(i);
            int r = c < 128 ? ANCHOR_RANK[c] - 1 : -1;
            if (r >= 0 && r < bestRank) {
                best = i;
                bestRank = r;
            }
        }
        return best;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    public static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
