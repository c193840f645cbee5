package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the parts of a report into per-recipient {@link Fact}s. */
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
        "message was received at", "failed message follows",
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
            }
        }
    }

    private static boolean hasLetters(String s, int min) {
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
     * For each recipient address: the text from its first mention to the next recipient's mention, within the
     * human-readable head of the report.
     */
    static Map<String, String> recipientBlocks(String human, List<Fact> facts, ParsedMail mail) {
        Map<String, String> out = new LinkedHashMap<>();
        String head = humanHead(mail, human);
        List<int[]> mentions = new ArrayList<>();
        List<String> who = new ArrayList<>();
        for (Fact f : facts) {
            if (f.recipient.isEmpty()) {
                continue;
            }
            int at = Text.indexOfIgnoreCase(head, f.recipient, 0);
            if (at >= 0) {
                mentions.add(new int[] {at});
                who.add(f.recipient);
            }
        }
        for (int k = 0; k < mentions.size(); k++) {
            int start = mentions.get(k)[0];
            int end = head.length();
            for (int[] m : mentions) {
                if (m[0] > start && m[0] < end) {
                    end = m[0];
                }
            }
            // start at the beginning of the line that mentions the address
            int ls = head.lastIndexOf('\n', start);
            out.put(who.get(k), head.substring(ls < 0 ? 0 : ls + 1, Math.min(end, start + 4000)));
        }
        return out;
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

    /** Plain-text bounces: addresses in the human head, each with the text that follows it. */
    static List<Fact> text(ParsedMail mail, String human, String from, int maxRecipients) {
        List<Fact> out = new ArrayList<>();
        String head = humanHead(mail, human);
        if (head.isBlank()) {
            return out;
        }
        java.util.Set<String> exclude = new java.util.HashSet<>();
        for (String h : new String[] {"to", "from", "reply-to", "sender", "return-path"}) {
            for (String v : mail.head.all(h)) {
                for (int[] a : Text.findAddresses(v, 10)) {
                    exclude.add(Text.addressAt(v, a));
                }
            }
        }
        if (mail.original != null) {
            for (String v : mail.original.all("from")) {
                exclude.add(Text.firstAddress(v));
            }
            for (String v : mail.original.all("return-path")) {
                exclude.add(Text.firstAddress(v));
            }
        }
        List<int[]> found = Text.findAddresses(head, 400);
        for (int[] a : found) {
            if (isContactAddress(head, a[0])) {
                exclude.add(Text.addressAt(head, a));
            }
        }
        List<String> addrs = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        // X-Failed-Recipients (Exim, Google) names the failed addresses authoritatively.
        for (String v : mail.head.all("x-failed-recipients")) {
            for (int[] a : Text.findAddresses(v, 100)) {
                String addr = Text.addressAt(v, a);
                if (!addrs.contains(addr) && addrs.size() < maxRecipients) {
                    addrs.add(addr);
                    pos.add(Text.indexOfIgnoreCase(head, addr, 0));
                }
            }
        }
        if (!addrs.isEmpty()) {
            found = List.of();
        }
        // Addresses on To/Cc/Bcc lines of a quoted original: the recipients the sender chose, not necessarily the
        // one that failed. Used only when the report names nobody else, and only when there is exactly one.
        List<String> onHeaderLines = new ArrayList<>();
        List<Integer> onHeaderPos = new ArrayList<>();
        for (int[] a : found) {
            String addr = Text.addressAt(head, a);
            String local = addr.substring(0, addr.lastIndexOf('@'));
            // a '/' in the local part: a path, an ARN ("arn:aws:ses:...:identity/a@b") or an X.400 name, no mailbox
            if (exclude.contains(addr) || local.equals("mailer-daemon") || addr.contains("..") && local.charAt(0) != '"'
                    || local.startsWith("=") || local.length() > 64 && local.contains("=") || local.indexOf('/') >= 0) {
                continue;
            }
            if (isMessageIdLike(head, a[0], a[1]) || isContactAddress(head, a[0]) || isSenderLine(head, a[0])) {
                continue;
            }
            if (isFieldLine(head, a[0], ORIGINAL_RECIPIENT_FIELDS)) {
                if (!onHeaderLines.contains(addr)) {
                    onHeaderLines.add(addr);
                    onHeaderPos.add(a[0]);
                }
                continue;
            }
            if (!addrs.contains(addr)) {
                addrs.add(addr);
                pos.add(a[0]);
                if (addrs.size() >= maxRecipients) {
                    break;
                }
            }
        }
        if (addrs.isEmpty() && onHeaderLines.size() == 1) {
            addrs.add(onHeaderLines.get(0));
            pos.add(onHeaderPos.get(0));
        }
        if (addrs.isEmpty()) {
            String only = soleOriginalRecipient(mail, human, from, exclude);
            if (only != null) {
                // "Message could not be delivered" naming nobody: the returned original's one recipient.
                addrs.add(only);
                pos.add(-1);
            }
        }
        for (int k = 0; k < addrs.size(); k++) {
            int start = pos.get(k);
            if (start < 0) {
                Fact f = new Fact();
                f.decoder = "text";
                f.recipient = addrs.get(k);
                f.action = "failed";
                f.diagnostic = Text.clip(Text.squash(head), 1000);
                // the report names nobody and may give its reason only in the subject ("Returned mail: User unknown")
                f.context = Text.clip(Text.squash(MailReader.decodeWords(mail.head.get("subject")) + " " + head), 1000);
                if (f.diagnostic.length() < 40) {
                    f.diagnostic = f.context;
                }
                out.add(f);
                continue;
            }
            int ls = head.lastIndexOf('\n', start);
            int s = ls < 0 ? 0 : ls + 1;
            int next = head.length();
            for (int j = 0; j < pos.size(); j++) {
                if (pos.get(j) > start && pos.get(j) < next) {
                    next = pos.get(j);
                }
            }
            int end = next < head.length() ? lineStart(head, next) : head.length();
            if (end <= s) {
                end = Math.min(head.length(), start + 2000);
            }
            String block = head.substring(s, Math.min(end, s + 4000));
            Fact f = new Fact();
            f.decoder = "text";
            f.recipient = addrs.get(k);
            f.action = "failed";
            String sq = Text.squash(block);
            // When the address stands alone (a list of addresses, the reason elsewhere), use the whole head.
            String rest = Text.lower(sq).replace(f.recipient, "");
            if (Text.findReplyCode(sq) == 0 && Text.findStatus(sq) == null
                    && (!hasLetters(rest, 12) || addrs.size() == 1)) {
                sq = Text.squash(head);
            }
            f.diagnostic = Text.clip(sq, 1000);
            f.context = f.diagnostic;
            out.add(f);
        }
        return out;
    }

    /**
     * A mailing-list manager refusing a post (FML, Mailman, ezmlm): one result, for the address the notice is
     * addressed to (as Sisimai's FML decoder reports it), reason rejected: the list said no, nobody's mailbox is
     * dead.
     */
    static List<Fact> listRefusal(ParsedMail mail, String human) {
        String to = Text.firstAddress(mail.head.get("to"));
        if (to.isEmpty()) {
            return List.of();
        }
        Fact f = new Fact();
        f.decoder = "list-manager";
        f.recipient = to;
        f.action = "failed";
        f.diagnostic = Text.clip(Text.squash(humanHead(mail, human)), 1000);
        f.context = f.diagnostic;
        f.presetReason = "rejected";
        f.presetRule = "list-manager:post-refused";
        List<Fact> out = new ArrayList<>();
        out.add(f);
        return out;
    }

    /**
     * The one address the returned original was sent to, when a machine-sent report (null sender or a daemon
     * address) says delivery failed without naming anybody; else null. Several recipients, Cc or Bcc would make
     * the guess unsafe.
     */
    private static String soleOriginalRecipient(ParsedMail mail, String human, String from,
                                                java.util.Set<String> exclude) {
        if (mail.original == null || !mail.original.all("cc").isEmpty() || !mail.original.all("bcc").isEmpty()) {
            return null;
        }
        if (!(Signals.nullSender(mail) || Signals.isDaemon(from))) {
            return null;
        }
        List<String> to = mail.original.all("to");
        if (to.size() != 1 || Text.findAddresses(to.get(0), 3).size() != 1) {
            return null;
        }
        String addr = Text.firstAddress(to.get(0));
        return !addr.isEmpty() && !exclude.contains(addr) && Signals.saysDeliveryFailed(mail, human) ? addr : null;
    }

    private static int lineStart(String s, int pos) {
        int ls = s.lastIndexOf('\n', pos);
        return ls < 0 ? 0 : ls + 1;
    }

    /**
     * Words that introduce a help address in a receiver's explanation ("please contact support@isp", "questions?
     * write to help@isp"): such an address is not a recipient.
     */
    private static final String[] CONTACT_WORDS = {"contact", "send mail to", "write to", "e-mail us", "email us",
        "mail us at", "reach us", "questions", "send an email to", "send an e-mail to", "send e-mail to",
        "send email to", "helpdesk", "help desk", "administrator at", "mailto:", "report this to", "inquiries",
        "enquiries", "support at", "call us", "visit"};

    /** "please contact <support@isp>": a help address, not a recipient. */
    private static boolean isContactAddress(String s, int b) {
        String before = Text.lower(s.substring(Math.max(0, b - 60), b));
        int stop = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n\n"));
        if (stop >= 0) {
            before = before.substring(stop + 1);
        }
        return Text.containsAny(before, CONTACT_WORDS);
    }

    private static final String[] SENDER_FIELDS = {"from:", "mail from:", "sender:", "reply-to:", "return-path:",
        "envelope-from:", "envelope from:"};

    private static final String[] ORIGINAL_RECIPIENT_FIELDS = {"to:", "cc:", "bcc:"};

    /** "MAIL FROM: a@b", "From: a@b" in a bounce's own text name the sender, never a failed recipient. */
    private static boolean isSenderLine(String s, int b) {
        return isFieldLine(s, b, SENDER_FIELDS);
    }

    /** Whether the line holding position {@code b} starts (after blanks and quote marks) with one of the fields. */
    private static boolean isFieldLine(String s, int b, String[] fields) {
        int ls = s.lastIndexOf('\n', b - 1) + 1;
        while (ls < b && (s.charAt(ls) == ' ' || s.charAt(ls) == '\t' || s.charAt(ls) == '>')) {
            ls++;
        }
        for (String f : fields) {
            if (s.regionMatches(true, ls, f, 0, f.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMessageIdLike(String s, int b, int e) {
        // <123.456@host> in a Message-ID / In-Reply-To / References line
        int ls = s.lastIndexOf('\n', b);
        String line = Text.lower(s.substring(ls < 0 ? 0 : ls + 1, Math.min(s.length(), b)));
        return line.contains("message-id") || line.contains("in-reply-to") || line.contains("references:");
    }
}
