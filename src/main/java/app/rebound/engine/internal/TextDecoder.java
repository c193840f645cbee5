package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text bounces (no DSN fields): which addresses in the report's own words are failed recipients, and the
 * text that goes with each. An address is never taken from the sender's lines, a help address in the receiver's
 * explanation, a Message-ID, or the quoted original's To/Cc when the report names somebody else.
 */
final class TextDecoder {
    private TextDecoder() {
    }

    /** Plain-text bounces: addresses in the human head, each with the text that follows it. */
    static List<Fact> text(ParsedMail mail, String human, String from, int maxRecipients) {
        List<Fact> out = new ArrayList<>();
        String head = Decoders.humanHead(mail, human);
        if (head.isBlank()) {
            return out;
        }
        List<Fact> envelope = messageDetails(head, maxRecipients);
        if (!envelope.isEmpty()) {
            return envelope;
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
        boolean qmail = head.contains(QMAIL_SEND);
        boolean postfix = Text.indexOfIgnoreCase(head, POSTFIX_NOTICE, 0) >= 0;
        if (qmail || postfix) {
            // qmail-send names each failed recipient on a line of its own, "<a@b>:" (Sisimai::Lhost::Qmail); Postfix's
            // notice at the start of a line, "<a@b>: host ... said: ..." or "<a@b> (expanded from <c@d>): ..."
            // (Sisimai::Lhost::Postfix reads the recipient from such a line when the report has no delivery-status
            // part): such an address failed even when it is also the report's own To or the original's sender (a
            // mail sent to oneself, a forward loop)
            for (int[] a : found) {
                if (qmail && qmailRecipientLine(head, a[0], a[1]) || postfix && postfixRecipientLine(head, a[0], a[1])) {
                    exclude.remove(Text.addressAt(head, a));
                }
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
        boolean fromText = addrs.isEmpty();
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
            // (help addresses were excluded above)
            if (isMessageIdLike(head, a[0], a[1]) || isSenderLine(head, a[0]) || isAliasMention(head, a[0])) {
                continue;
            }
            if (!addrs.isEmpty() && !addrs.contains(addr) && insideReply(head, pos.get(pos.size() - 1), a[0])) {
                // "551 5.1.6 User has moved; please try <new@b>": an address in the previous one's reply
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
        List<String> blocks = new ArrayList<>(addrs.size());
        List<int[]> mentions = Decoders.mentions(head, addrs);
        for (int k = 0; k < addrs.size(); k++) {
            blocks.add(pos.get(k) < 0 ? null : Decoders.segments(head, mentions, k, pos.get(k), true));
        }
        if (fromText && dropUnsupported(addrs, pos, blocks)) {
            // the dropped addresses no longer end the blocks of the ones before them
            mentions = Decoders.mentions(head, addrs);
            for (int k = 0; k < addrs.size(); k++) {
                blocks.set(k, pos.get(k) < 0 ? null : Decoders.segments(head, mentions, k, pos.get(k), true));
            }
        }
        boolean transcript = head.contains(TRANSCRIPT);
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
            Fact f = new Fact();
            f.decoder = "text";
            f.recipient = addrs.get(k);
            f.action = "failed";
            String v5 = transcript ? v5RecipientLine(head, f.recipient) : null;
            if (v5 != null) {
                f.diagnostic = Text.clip(Text.squash(v5), 1000);
                f.context = f.diagnostic;
                out.add(f);
                continue;
            }
            String sq = Text.squash(blocks.get(k));
            // When the address stands alone (a list of addresses, the reason elsewhere), use the whole head; with
            // several addresses, a line that gives its own reason ("a@b [User unknown]") keeps it.
            String rest = Text.lower(sq).replace(f.recipient, "");
            if (Text.findReplyCode(sq) == 0 && Text.findStatus(sq) == null
                    && (!Decoders.hasLetters(rest, 12) || addrs.size() == 1)
                    && !(addrs.size() > 1 && Decoders.hasLetters(rest, 4) && ReasonText.anyReason(sq))) {
                sq = Text.squash(head);
            }
            f.diagnostic = Text.clip(sq, 1000);
            f.context = f.diagnostic;
            out.add(f);
        }
        return out;
    }

    /** Sendmail's transcript heading (savemail.c), V5 and V8 alike. */
    private static final String TRANSCRIPT = "----- Transcript of session follows -----";

    /** A Sendmail V5 per-recipient error line of a transcript: "550 <a@b>... User unknown" (reply code, then '<'). */
    private static final java.util.regex.Pattern V5_LINE =
            java.util.regex.Pattern.compile("(?m)^\\d{3}[ ]+<([^ <>]+@[^ <>]+)>[.]{3}[ \t]*(.*)$");

    /**
     * The diagnosis of {@code rcpt} in a Sendmail V5 transcript (Sisimai::Lhost::V5sendmail): its own line
     * "550 &lt;a@b&gt;... text", with the last command sent ("&gt;&gt;&gt; RCPT To:&lt;a@b&gt;") and the last reply
     * ("&lt;&lt;&lt; 550 ...") of the transcript since the previous recipient's line: that session's exchange and
     * nothing of the next one's ("While talking to ..." blocks follow each other). Null when the transcript has no
     * such line for this address.
     */
    static String v5RecipientLine(String head, String rcpt) {
        java.util.regex.Matcher m = V5_LINE.matcher(head);
        int stretch = head.indexOf(TRANSCRIPT);
        while (m.find()) {
            if (!m.group(1).equalsIgnoreCase(rcpt)) {
                stretch = m.end();
                continue;
            }
            String command = null;
            String reply = null;
            int i = stretch;
            while (i < m.start()) {
                int e = head.indexOf('\n', i);
                if (e < 0 || e > m.start()) {
                    e = m.start();
                }
                String line = head.substring(i, e).strip();
                if (line.startsWith(">>>")) {
                    command = line;
                } else if (line.startsWith("<<<")) {
                    reply = line;
                }
                i = e + 1;
            }
            StringBuilder b = new StringBuilder();
            if (command != null) {
                b.append(command).append('\n');
            }
            if (reply != null) {
                b.append(reply).append('\n');
            }
            return b.append(m.group()).toString();
        }
        return null;
    }

    /** qmail-send's opening ("Hi. This is the qmail-send program at host."), as Sisimai::Lhost::Qmail finds it. */
    private static final String QMAIL_SEND = "Hi. This is the qmail";

    /**
     * Whether the address at [b, e) is a qmail-send recipient line: at the start of its line, in angle brackets,
     * followed by a colon and nothing else (Sisimai::Lhost::Qmail: {@code \A(?:To[ ]*:)?[<](.+[@].+)[>]:[ \t]*\z}).
     */
    private static boolean qmailRecipientLine(String head, int b, int e) {
        int ls = lineStart(head, b);
        String before = head.substring(ls, b).strip();
        if (!before.equals("<") && !before.replace(" ", "").equalsIgnoreCase("to:<")) {
            return false;
        }
        int le = head.indexOf('\n', e);
        String after = head.substring(e, le < 0 ? head.length() : le).strip();
        return after.equals(">:");
    }

    /** The first line of Postfix's notice (bounce_template.c, "This is the mail system at host %s."), lower case. */
    private static final String POSTFIX_NOTICE = "this is the mail system at host ";

    /**
     * Whether the address at [b, e) starts a Postfix recipient line: "&lt;" at the start of the line, then
     * "&gt;:" or "&gt; (expanded from &lt;...&gt;):" right after it (Sisimai::Lhost::Postfix:
     * {@code \A[<]([^ ]+[@][^ ]+)[>]:(.*)\z} and {@code \A[<]([^ ]+[@][^ ]+)[>] [(]expanded from [<](.+)[>][)]:}).
     */
    private static boolean postfixRecipientLine(String head, int b, int e) {
        int ls = lineStart(head, b);
        if (b != ls + 1 || head.charAt(ls) != '<') {
            return false;
        }
        int le = head.indexOf('\n', e);
        String after = head.substring(e, le < 0 ? head.length() : le);
        if (after.startsWith(">:")) {
            return true;
        }
        if (!after.startsWith("> (expanded from <")) {
            return false;
        }
        int close = after.indexOf(">):");
        return close > 0;
    }

    /** Apache James' notice (AbstractNotify.java): the reply under this line, up to {@link #DETAILS}. */
    private static final String ERROR_BELOW = "Error message below:";
    /** Apache James' notice: the envelope of the failed mail follows this line, one field per line. */
    private static final String DETAILS = "Message details:";
    /** Apache James' envelope field naming the failed recipients (each further one on a line of its own). */
    private static final String RCPT_TO = "  RCPT TO: ";

    /**
     * Apache James' bounce notice (its mailets' AbstractNotify template, as Sisimai::Lhost::ApacheJames reads it):
     * "Error message below:" with the reply, then "Message details:" listing the envelope ("  Subject:", "  Sent
     * date:", "  MAIL FROM:", "  RCPT TO:", "  From:", "  To:", "  CC:", "  Size (in bytes):", "  Number of
     * lines:"). The failed recipients are the envelope's RCPT TO addresses (each further one indented on a line of
     * its own), never the original's To or CC listed beside them; each gets the reply under "Error message below:".
     * Empty when the report is not in this template.
     */
    static List<Fact> messageDetails(String head, int maxRecipients) {
        int details = lineStarting(head, DETAILS, 0);
        if (details < 0) {
            return List.of();
        }
        int rcpt = lineStarting(head, RCPT_TO, details);
        if (rcpt < 0) {
            return List.of();
        }
        List<String> addrs = new ArrayList<>();
        int i = rcpt + RCPT_TO.length();
        boolean first = true;
        while (i < head.length() && addrs.size() < maxRecipients) {
            int e = head.indexOf('\n', i);
            if (e < 0) {
                e = head.length();
            }
            String line = head.substring(i, e).trim();
            if (!first && (line.isEmpty() || line.indexOf(' ') >= 0 || line.endsWith(":"))) {
                break; // the next field ("  From: ...") or the end of the block
            }
            List<int[]> found = Text.findAddresses(line, 2);
            if (found.size() != 1) {
                break;
            }
            String addr = Text.addressAt(line, found.get(0));
            if (!addrs.contains(addr)) {
                addrs.add(addr);
            }
            first = false;
            // a further recipient: a line that starts with blanks and holds only an address
            if (e >= head.length() || e + 1 >= head.length() || head.charAt(e + 1) != ' ') {
                break;
            }
            i = e + 1;
        }
        if (addrs.isEmpty()) {
            return List.of();
        }
        String reply = "";
        int below = lineStarting(head, ERROR_BELOW, 0);
        if (below >= 0 && below < details) {
            reply = Text.squash(head.substring(below + ERROR_BELOW.length(), details));
        }
        String whole = Text.clip(Text.squash(head), 1000);
        List<Fact> out = new ArrayList<>(addrs.size());
        for (String a : addrs) {
            Fact f = new Fact();
            f.decoder = "text";
            f.recipient = a;
            f.action = "failed";
            f.diagnostic = reply.isEmpty() ? whole : Text.clip(reply, 1000);
            f.context = whole;
            out.add(f);
        }
        return out;
    }

    /** The index of the first line at or after {@code from} that starts with {@code prefix}, or -1. */
    private static int lineStarting(String s, String prefix, int from) {
        int i = from;
        while (i >= 0 && i < s.length()) {
            if ((i == 0 || s.charAt(i - 1) == '\n') && s.startsWith(prefix, i)) {
                return i;
            }
            int nl = s.indexOf('\n', i);
            i = nl < 0 ? -1 : nl + 1;
        }
        return -1;
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
        f.diagnostic = Text.clip(Text.squash(Decoders.humanHead(mail, human)), 1000);
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

    /**
     * Whether the address at {@code at} is part of the reply given for the address at {@code prev}: words come
     * before it on its line (a list of recipients puts each first, after at most a code: "554 &lt;a@b&gt;... Host
     * unknown"), and a reply code or status stands between the two, not far apart.
     */
    private static boolean insideReply(String head, int prev, int at) {
        if (prev < 0 || prev >= at || at - prev > 2000) {
            return false;
        }
        int ls = head.lastIndexOf('\n', at - 1) + 1;
        for (int i = ls; i < at; i++) {
            if (Character.isLetter(head.charAt(i))) {
                String between = head.substring(prev, at);
                return Text.findReplyCode(between) != 0 || Text.findStatus(between) != null;
            }
        }
        return false;
    }

    /**
     * Of several addresses read from the report's prose, keeps the ones the report supports as failed: an address
     * on a line of its own (a list of failed recipients), or followed by a reply code, a status or a reason's words.
     * An address in a sentence that gives none of these ("forward this report to help@isp") is dropped when another
     * address has such support: it is a help desk, a list owner or a sender, not a failed recipient. Returns
     * whether any was dropped.
     */
    private static boolean dropUnsupported(List<String> addrs, List<Integer> pos, List<String> blocks) {
        if (addrs.size() < 2) {
            return false;
        }
        boolean[] supported = new boolean[addrs.size()];
        boolean any = false;
        for (int k = 0; k < addrs.size(); k++) {
            String b = blocks.get(k);
            supported[k] = b == null || standsAlone(b, addrs.get(k)) || Text.findReplyCode(b) != 0
                    || Text.findStatus(b) != null || ReasonText.anyReason(b);
            any |= supported[k];
        }
        if (!any) {
            return false;
        }
        boolean dropped = false;
        for (int k = addrs.size() - 1; k >= 0; k--) {
            if (!supported[k]) {
                addrs.remove(k);
                pos.remove(k);
                blocks.remove(k);
                dropped = true;
            }
        }
        return dropped;
    }

    /** Whether the first line of the block holds the address and nothing else but brackets and punctuation. */
    private static boolean standsAlone(String block, String addr) {
        int nl = block.indexOf('\n');
        String line = Text.lower(nl < 0 ? block : block.substring(0, nl));
        int at = line.indexOf(Text.lower(addr));
        if (at >= 0) {
            line = line.substring(0, at) + line.substring(at + addr.length());
        }
        return !Decoders.hasLetters(line, 1);
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
        "enquiries", "support at", "call us", "visit", "forward this message to", "forward this mail to",
        "forward this email to", "forward this e-mail to", "forward this report to", "get in touch with",
        "reach out to"};

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

    /** Words that introduce the address a failed recipient was expanded from (an alias or list, still alive). */
    private static final String[] ALIAS_WORDS = {"expanded from", "generated from", "forwarded from"};

    /**
     * "&lt;a@b&gt; (expanded from &lt;info@b&gt;)" (Postfix, Sendmail), "(generated from info@b)" (Exim): the alias
     * the failed address came from, not a failed recipient.
     */
    private static boolean isAliasMention(String s, int b) {
        String before = Text.lower(s.substring(Math.max(0, b - 24), b));
        return Text.containsAny(before, ALIAS_WORDS);
    }

    private static boolean isMessageIdLike(String s, int b, int e) {
        // <123.456@host> in a Message-ID / In-Reply-To / References line
        int ls = s.lastIndexOf('\n', b);
        String line = Text.lower(s.substring(ls < 0 ? 0 : ls + 1, Math.min(s.length(), b)));
        return line.contains("message-id") || line.contains("in-reply-to") || line.contains("references:");
    }
}
