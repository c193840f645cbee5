package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery status notifications (RFC 3464 / RFC 6533) into per-recipient {@link Fact}s, and the human-readable
 * text of a report (where the returned original starts). Plain-text reports: {@link TextDecoder}.
 */
final class Decoders {
    private Decoders() {
    }

    /** Lines that start the returned original inside plain-text bounces (lower-cased, trimmed, dashes allowed). */
    private static final String[] CUT_MARKERS = {
        "original message", "copy of the message", "message headers follow", "returned message",
        "below this line is a copy", "the header of the original", "header of original message",
        "undelivered message", "original message follows", "unsent message below", "message text follows",
        "text of the message follows", "original mail", "headers of the original message",
        "content-type: message/rfc822", "this is a copy of the original", "returned mail follows",
        "here is a copy of the first part of the message", "the original message headers",
        "message header follows", "original message header", "rfc822 headers", "included message",
        "the headers of your message", "headers of your message follow", "your message reads (in part)",
        "message was received at", "failed message follows", "unsent message follows", "no message was collected",
    };

    // ---------------------------------------------------------------- RFC 3464 / RFC 6533

    static List<Fact> dsn(ParsedMail mail, String human) {
        List<Fact> out = new ArrayList<>();
        for (Part p : mail.parts) {
            if (!p.isDeliveryStatus()) {
                continue;
            }
            String text = p.text();
            Map<String, String> perMessage = null;
            int i = 0;
            int n = text.length();
            while (i < n) {
                // read one block of fields separated by blank lines
                int end = blockEnd(text, i);
                Headers h = Headers.parseBlock(text, i, end, 200, false);
                i = end;
                while (i < n && (text.charAt(i) == '\n' || text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (h.size() == 0) {
                    continue;
                }
                if (!h.has("final-recipient") && !h.has("original-recipient") && !h.has("action")
                        && !h.has("status")) {
                    if (perMessage == null) {
                        perMessage = new LinkedHashMap<>();
                        for (int k = 0; k < h.size(); k++) {
                            perMessage.putIfAbsent(h.name(k), h.value(k));
                        }
                    }
                    continue;
                }
                for (Headers g : splitRecipients(h)) {
                    out.add(recipientFact(g, perMessage));
                    if (out.size() >= 1000) {
                        return out;
                    }
                }
            }
        }
        mergeHuman(out, mail, human);
        return out;
    }

    /** Splits one block into recipients: a repeated Final-/Original-Recipient or Action starts the next one. */
    private static List<Headers> splitRecipients(Headers h) {
        List<Headers> out = new ArrayList<>();
        Headers cur = new Headers();
        for (int k = 0; k < h.size(); k++) {
            String name = h.name(k);
            if ((name.equals("final-recipient") || name.equals("original-recipient") || name.equals("action"))
                    && cur.has(name)) {
                out.add(cur);
                cur = new Headers();
            }
            cur.add(name, h.value(k));
        }
        out.add(cur);
        return out;
    }

    private static Fact recipientFact(Headers h, Map<String, String> perMessage) {
                Fact f = new Fact();
                f.decoder = "rfc3464";
                String finalRcpt = afterSemicolon(h.get("final-recipient"));
                f.recipient = Text.firstAddress(finalRcpt);
                f.originalRecipient = Text.addressOrVerbatim(afterSemicolon(h.get("original-recipient")));
                if (f.recipient.isEmpty()) {
                    f.recipient = Text.firstAddress(f.originalRecipient);
                }
                if (f.recipient.isEmpty()) {
                    f.recipient = Text.firstAddress(h.get("x-actual-recipient"));
                }
                if (f.recipient.isEmpty()) {
                    // no well-formed address anywhere: report the one given as written rather than drop it
                    f.recipient = Text.addressOrVerbatim(finalRcpt);
                }
                if (f.recipient.isEmpty()) {
                    f.recipient = f.originalRecipient;
                }
                f.action = Text.lower(h.get("action")).trim();
                int sp = f.action.indexOf(' ');
                if (sp > 0) {
                    f.action = f.action.substring(0, sp);
                }
                String st = Text.findStatus(h.get("status"));
                f.status = st == null ? "" : st;
                String diag = h.get("diagnostic-code");
                int semi = diag.indexOf(';');
                if (semi > 0 && semi < 20) {
                    f.diagnosticType = diag.substring(0, semi).trim().toUpperCase();
                    diag = diag.substring(semi + 1).trim();
                }
                f.diagnostic = Text.squash(diag);
                String category = MtaRules.powerMtaCategory(h.get("x-powermta-bouncecategory"));
                if (category != null) {
                    // PowerMTA classified the failure itself (its bounce categories, per recipient)
                    f.presetReason = category;
                    f.presetRule = "Sisimai::Lhost::PowerMTA:" + Text.lower(h.get("x-powermta-bouncecategory")).trim();
                }
                f.remoteMta = afterSemicolon(h.get("remote-mta"));
                f.lastAttemptDate = h.get("last-attempt-date");
                if (perMessage != null) {
                    f.reportingMta = afterSemicolon(perMessage.getOrDefault("reporting-mta", ""));
                    f.arrivalDate = perMessage.getOrDefault("arrival-date", "");
                }
                if (f.reportingMta.isEmpty()) {
                    f.reportingMta = afterSemicolon(h.get("reporting-mta"));
                }
                if (f.arrivalDate.isEmpty()) {
                    f.arrivalDate = h.get("arrival-date");
                }
                return f;
    }

    /** Merge in the human-readable text: MTAs often put the real SMTP reply only there. */
    private static void mergeHuman(List<Fact> out, ParsedMail mail, String human) {
        if (!out.isEmpty() && !human.isEmpty()) {
            Map<String, String> blocks = recipientBlocks(human, out, mail);
            for (Fact f : out) {
                String block = blocks.getOrDefault(f.recipient, "");
                if (block.isEmpty() && out.size() == 1) {
                    block = humanHead(mail, human);
                }
                f.context = Text.squash(block);
                boolean thin = f.diagnostic.length() < 12 || Text.findReplyCode(f.diagnostic) == 0
                        && Text.findStatus(f.diagnostic) == null && !hasLetters(f.diagnostic, 20);
                if (thin && !f.context.isEmpty()) {
                    String ctx = Text.clip(f.context, 1000);
                    f.diagnostic = f.diagnostic.isEmpty() ? ctx : f.diagnostic + " " + ctx;
                }
                // otherwise the verbatim field is kept; the context is available for classification only
                if (f.recipient.indexOf('@') <= 0) {
                    String named = bracketedAddress(f.diagnostic.isEmpty() ? f.context : f.diagnostic, mail);
                    if (named != null) {
                        f.recipient = named;
                    }
                }
            }
        }
    }

    /**
     * The first address in angle brackets in the diagnosis, for a recipient field with no local part
     * ("Final-Recipient: RFC822; @mx.example"): Sisimai::Lhost::Sendmail and V5sendmail take it ("@example.jp, no local
     * part": {@code [<]([^ ]+[@][^ ]+)[>]} in the diagnosis). Never the report's own sender or addressee.
     */
    private static String bracketedAddress(String text, ParsedMail mail) {
        int i = 0;
        while ((i = text.indexOf('<', i)) >= 0) {
            int e = text.indexOf('>', i);
            if (e < 0) {
                return null;
            }
            String inner = text.substring(i + 1, e);
            int at = inner.indexOf('@');
            if (at > 0 && at < inner.length() - 1 && inner.indexOf(' ') < 0) {
                String addr = Text.firstAddress(inner);
                if (!addr.isEmpty() && !Text.lower(mail.head.get("from")).contains(addr)
                        && !Text.lower(mail.head.get("to")).contains(addr)) {
                    return addr;
                }
            }
            i = e;
        }
        return null;
    }

    static boolean hasLetters(String s, int min) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i)) && ++c >= min) {
                return true;
            }
        }
        return false;
    }

    private static int blockEnd(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return n;
            }
            // blank line (possibly with spaces) ends the block
            int j = nl + 1;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j >= n || text.charAt(j) == '\n') {
                return nl + 1;
            }
            i = nl + 1;
        }
        return n;
    }

    static String afterSemicolon(String v) {
        if (v == null) {
            return "";
        }
        int s = v.indexOf(';');
        return (s >= 0 ? v.substring(s + 1) : v).trim();
    }

    // ---------------------------------------------------------------- human-readable text

    /** The human-readable text of the report: text parts before the returned original, cut at its marker. */
    static String humanText(ParsedMail mail) {
        long size = 0;
        for (Part p : mail.parts) {
            if (p.isHumanText()) {
                size += p.text().length() + 1;
            }
        }
        StringBuilder sb = new StringBuilder((int) Math.min(size, 256 * 1024));
        for (Part p : mail.parts) {
            if (p.isHumanText()) {
                if (p.mimeType().equals("text/html") && sb.length() > 0) {
                    continue; // the plain alternative is enough
                }
                sb.append(p.text()).append('\n');
                if (sb.length() > 200_000) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    /** Index where the returned original starts in plain text, or the text length. */
    static int cutIndex(String text) {
        int n = text.length();
        int i = 0;
        int lines = 0;
        while (i < n && lines < 5000) {
            int e = text.indexOf('\n', i);
            if (e < 0) {
                e = n;
            }
            lines++;
            if (e - i > 3 && e - i < 200 && mayBeMarker(text, i, e) && mayCut(text, i, e)) {
                String line = Text.lower(text.substring(i, e)).trim();
                boolean decorated = line.startsWith("-") || line.startsWith("=") || line.startsWith("*")
                        || line.startsWith("[") || line.startsWith("<") || line.startsWith("_") || line.startsWith("#")
                        || line.endsWith(":") || line.endsWith("follows.") || line.endsWith("follows")
                        || line.endsWith("-");
                if (decorated && Text.containsAny(line, CUT_MARKERS)) {
                    return i;
                }
                if (line.startsWith("content-type: message/rfc822") || line.startsWith("received: from ")
                        && lines > 3 || line.startsWith("return-path: <") && lines > 3) {
                    return i;
                }
            }
            i = e + 1;
        }
        return n;
    }

    /**
     * Exact filter for the test below, on the raw line: its trimmed form is decorated, or starts with one of the
     * header prefixes. Lower-casing keeps the trim bounds, turns no non-ASCII char into the ASCII punctuation
     * tested, and the only non-ASCII chars it turns into ASCII letters (U+0130, U+212A) are not in the words tested
     * or gain a combining mark, so ASCII case-insensitive comparison decides the same.
     */
    private static boolean mayCut(String t, int b, int e) {
        int i = b;
        int j = e;
        while (i < j && t.charAt(i) <= ' ') {
            i++;
        }
        while (j > i && t.charAt(j - 1) <= ' ') {
            j--;
        }
        if (i >= j) {
            return false;
        }
        char c = t.charAt(i);
        if (c == '-' || c == '=' || c == '*' || c == '[' || c == '<' || c == '_' || c == '#') {
            return true;
        }
        char last = t.charAt(j - 1);
        if (last == ':' || last == '-' || endsWithAsciiCI(t, i, j, "follows.") || endsWithAsciiCI(t, i, j, "follows")) {
            return true;
        }
        return startsWithAsciiCI(t, i, j, "content-type: message/rfc822") || startsWithAsciiCI(t, i, j, "received: from ")
                || startsWithAsciiCI(t, i, j, "return-path: <");
    }

    private static boolean startsWithAsciiCI(String t, int i, int j, String lower) {
        int m = lower.length();
        if (j - i < m) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            char c = t.charAt(i + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithAsciiCI(String t, int i, int j, String lower) {
        return j - i >= lower.length() && startsWithAsciiCI(t, j - lower.length(), j, lower);
    }

    /** Cheap pre-check on the raw line: decorated, ends with ':' / "follows", or starts a header field. */
    private static boolean mayBeMarker(String t, int b, int e) {
        int i = b;
        while (i < e && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
            i++;
        }
        if (i >= e) {
            return false;
        }
        char c = t.charAt(i);
        if (c == '-' || c == '=' || c == '*' || c == '[' || c == '<' || c == '_' || c == '#' || c == 'C' || c == 'c'
                || c == 'R' || c == 'r') {
            return true;
        }
        int j = e;
        while (j > i && (t.charAt(j - 1) == ' ' || t.charAt(j - 1) == '\t')) {
            j--;
        }
        char last = t.charAt(j - 1);
        return last == ':' || last == 's' || last == '.' || last == '-';
    }

    static String humanHead(String human) {
        return human.substring(0, cutIndex(human));
    }

    static int cutIndex(ParsedMail mail, String human) {
        if (mail.cut < 0 || mail.cutOf != human) {
            mail.cut = cutIndex(human);
            mail.cutOf = human;
        }
        return mail.cut;
    }

    static String humanHead(ParsedMail mail, String human) {
        return human.substring(0, cutIndex(mail, human));
    }

    /**
     * For each recipient address: the text that goes with it in the human-readable head of the report, from each of
     * its mentions to the next mention of another recipient ({@link #segments}).
     */
    static Map<String, String> recipientBlocks(String human, List<Fact> facts, ParsedMail mail) {
        Map<String, String> out = new LinkedHashMap<>();
        String head = humanHead(mail, human);
        List<String> who = new ArrayList<>();
        for (Fact f : facts) {
            if (!f.recipient.isEmpty() && !who.contains(f.recipient)) {
                who.add(f.recipient);
            }
        }
        List<int[]> mentions = mentions(head, who);
        for (int k = 0; k < who.size(); k++) {
            int first = Text.indexOfIgnoreCase(head, Text.lower(who.get(k)), 0);
            if (first >= 0) {
                out.put(who.get(k), segments(head, mentions, k, first, false));
            }
        }
        return out;
    }

    /**
     * Every mention of the given addresses in {@code text} as {position, index in addrs, 1 when it starts its line},
     * in text order: the address
     * standing as a whole (not inside a longer one), case ignored. At most 1,000.
     */
    static List<int[]> mentions(String text, List<String> addrs) {
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < addrs.size(); j++) {
            String a = Text.lower(addrs.get(j));
            if (a.isEmpty()) {
                continue;
            }
            int i = Text.indexOfIgnoreCase(text, a, 0);
            while (i >= 0 && out.size() < 1000) {
                int e = i + a.length();
                boolean before = i == 0 || !addressChar(text.charAt(i - 1));
                boolean after = e >= text.length() || !addressChar(text.charAt(e))
                        || text.charAt(e) == '.' && (e + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(e + 1)));
                if (before && after) {
                    out.add(new int[] {i, j, leadsItsLine(text, i) ? 1 : 0});
                }
                i = Text.indexOfIgnoreCase(text, a, i + 1);
            }
        }
        out.sort((x, y) -> Integer.compare(x[0], y[0]));
        return out;
    }

    /**
     * Whether the address at {@code i} starts its line: nothing before it but blanks and a '&lt;' or a quote, or a
     * DSN recipient field ("Final-Recipient: rfc822;"): where a report lists a failed recipient, not a sentence, a
     * transcript's command or the returned original's To.
     */
    private static boolean leadsItsLine(String text, int i) {
        int ls = text.lastIndexOf('\n', i - 1) + 1;
        String p = Text.lower(text.substring(ls, i)).replace(" ", "").replace("\t", "").replace("\r", "");
        if (p.isEmpty() || p.equals("<") || p.equals("\"")) {
            return true;
        }
        for (String field : new String[] {"final-recipient:", "original-recipient:", "x-actual-recipient:"}) {
            if (p.startsWith(field)) {
                String rest = p.substring(field.length());
                return rest.isEmpty() || rest.equals("rfc822;") || rest.equals("rfc822;<") || rest.equals("<");
            }
        }
        return false;
    }

    private static boolean addressChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '=' || c == '%';
    }

    /**
     * The text that goes with address {@code k}: from the line of its mention at {@code first}, and of each later
     * mention that starts a line (a list entry, a DSN recipient field), to the next mention of another address, the
     * pieces joined. A report that names its recipients twice (a list,
     * then each one's reply; a translation before the original wording, as Mail.Ru's notices have; a transcript
     * after the per-recipient lines, as Sendmail's have) gives each address its own lines from every part, never
     * the lines of the address named after it. {@code lineEnd}: a piece ends at the start of the line of the next
     * mention (or at the mention, when that is on the same line); else at the mention itself.
     */
    static String segments(String head, List<int[]> mentions, int k, int first, boolean lineEnd) {
        StringBuilder sb = new StringBuilder();
        int covered = -1;
        int at = first;
        while (at >= 0) {
            int ls = head.lastIndexOf('\n', at);
            int s = Math.max(ls < 0 ? 0 : ls + 1, Math.max(covered, 0));
            int next = head.length();
            for (int n = 0; n < mentions.size(); n++) {
                int[] x = mentions.get(n);
                if (x[0] > at && x[1] != k) {
                    next = x[0];
                    break;
                }
            }
            int end = next;
            if (lineEnd && next < head.length()) {
                int nl = head.lastIndexOf('\n', next);
                end = nl < 0 ? 0 : nl + 1;
                if (end <= s) {
                    // the next address is on the same line: this one's text ends where that one starts
                    end = next;
                }
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(head, s, Math.max(s, Math.min(end, s + 4000)));
            covered = Math.max(end, at + 1);
            if (sb.length() >= 8000) {
                break;
            }
            // the next mention of this address after the piece just taken
            at = -1;
            for (int m = 0; m < mentions.size(); m++) {
                int[] x = mentions.get(m);
                if (x[1] == k && x[0] >= covered && x[2] == 1) {
                    at = x[0];
                    break;
                }
            }
        }
        return sb.toString();
    }

    /**
     * A delivery-status block pasted into plain text (no MIME structure, or a lost Content-Type header): from the
     * first Reporting-MTA / Final-Recipient line to the next MIME boundary or returned message.
     */
    static String inlineDsn(String human) {
        String lower = Text.clip(human, 500_000);
        int fr = Text.indexOfIgnoreCase(lower, "\nfinal-recipient:", 0);
        if (fr < 0) {
            return null;
        }
        int rm = Text.indexOfIgnoreCase(lower, "\nreporting-mta:", 0);
        int start = (rm >= 0 && rm < fr ? rm : fr) + 1;
        int end = lower.length();
        for (String stop : new String[] {"\n--", "\ncontent-type:", "\nreturn-path:", "\nreceived:"}) {
            int e = Text.indexOfIgnoreCase(lower, stop, fr);
            if (e > 0 && e < end) {
                end = e;
            }
        }
        return human.substring(start, end);
    }
}
