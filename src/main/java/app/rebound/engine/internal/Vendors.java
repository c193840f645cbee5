package app.rebound.engine.internal;

import java.util.List;

/** Format-specific adjustments for MTAs whose wording says more than their codes. */
final class Vendors {
    private Vendors() {
    }

    static void refine(ParsedMail mail, String subject, String from, String human, List<Fact> facts) {
        String lowerSubject = Text.lower(subject);
        boolean googleGroups = (from.endsWith("googlemail.com") || from.endsWith("google.com"))
                && (human.contains("groups.google.com") || human.contains("Google Groups")
                || human.contains("Google \u30b0\u30eb\u30fc\u30d7"));
        boolean notDsn = false;
        for (Fact f : facts) {
            notDsn |= !f.decoder.equals("rfc3464");
        }
        // A DSN says "delayed" in its Action field; only reports without one need the words. Warning templates
        // (Sendmail, Postfix, Exim, Exchange, Gmail) all say so in the subject too, which spares a scan.
        boolean delayNotice = notDsn && Text.containsAny(lowerSubject, DELAY_SUBJECTS)
                && MtaRules.anyDelayNotice(Signals.headHits(mail, human));
        boolean imail = IMailServer.isNotice(mail, subject);
        for (Fact f : facts) {
            if (imail) {
                String[] failure = IMailServer.failure(f.diagnostic);
                if (failure != null) {
                    preset(f, failure[0], failure[1]);
                }
            }
            if (delayNotice && !f.decoder.equals("rfc3464") && (f.action.equals("failed") || f.action.isEmpty())) {
                // "THIS IS A WARNING MESSAGE ONLY", "has not yet been delivered": still being retried
                f.action = "delayed";
            }
            if (googleGroups) {
                // The group does not exist or the sender may not post to it.
                preset(f, "rejected", "googlegroups:not-allowed-to-post");
            }
            if (lowerSubject.contains("warning") && lowerSubject.contains("delay") && f.action.equals("failed")
                    && f.decoder.equals("text")) {
                f.action = "delayed";
            }
            refineReply(f, Classifier.domainOf(from));
        }
    }

    /**
     * The rules that read only the recipient's own reply (no mail around it): also used for ESP events.
     * {@code reportDomain}: the domain of the report's sender, if any, which names the MTA that wrote it.
     */
    static void refineReply(Fact f, String reportDomain) {
        if (f.hits == null) {
            // a multi-line reply read as one sentence (Sisimai::Fact), before any phrase is looked for
            f.diagnostic = joinReplyLines(f.diagnostic);
            if (f.diagnostic.isEmpty()) {
                f.context = joinReplyLines(f.context);
            }
        }
        long[] h = f.hits != null ? f.hits
                : (f.hits = ReasonText.scan(f.diagnostic.isEmpty() ? f.context : f.diagnostic));
        // the SMTP phase, read once here for the rules below and for the verdict
        f.command = Signals.commandOf(f);
        if (ReasonText.has(h, Ids.OTHER[0]) || ReasonText.has(h, Ids.OTHER[1])) {
            // Exim gave up retrying. Sisimai::Lhost::Exim looks for its session errors (MessagesOf) first and
            // takes the giving-up wording (DelayedFor) as "expired" only when none is there: "mailbox is full:
            // retry timeout exceeded" is a full mailbox. A reason Sisimai re-checks (Sisimai::Reason's retry list:
            // userunknown, hostunknown, systemerror) is left to the steps that follow, as Sisimai::Fact leaves it.
            String[] message = eximMessage(h);
            if (message == null) {
                preset(f, "expired", "exim:retry-timeout");
            } else if (!RETRIED.contains(message[1])) {
                preset(f, message[1], "Sisimai::Lhost::Exim:" + message[0]);
            }
        }
        // qmail-send wording (qmail-remote/qmail-local messages), more specific than its closing sentence
        // "this message has been in the queue too long".
        for (int i = 0; i < QMAIL.length; i++) {
            if (ReasonText.has(h, Ids.QMAIL[i])) {
                preset(f, QMAIL[i][1], "qmail:" + QMAIL[i][1]);
                break;
            }
        }
        for (int i = 0; i < EXCHANGE.length; i++) {
            if (ReasonText.has(h, Ids.EXCHANGE[i])) {
                preset(f, EXCHANGE[i][1], "exchange:" + EXCHANGE[i][1]);
                break;
            }
        }
        if (ReasonText.has(h, Ids.OTHER[2]) && ReasonText.has(h, Ids.OTHER[3])) {
            preset(f, "userunknown", "interscan:check-address");
        }
        if (ReasonText.has(h, Ids.OTHER[4]) || ReasonText.has(h, Ids.OTHER[5])) {
            preset(f, "userunknown", "domino:not-listed");
        }
        if (MtaRules.listRefusal(h)) {
            // a mailing-list manager refused the post, whatever code the MTA that carried its answer gave
            preset(f, "rejected", "list-manager:post-refused");
        }
        if (f.presetReason.isEmpty() && !f.diagnostic.isEmpty()) {
            // a local delivery agent's own message (Sisimai::LDA, read before the receivers' rules as Sisimai does),
            // only for a reply to no SMTP command or to DATA
            String[] lda = LocalAgents.find(h, f.command);
            if (lda != null) {
                preset(f, lda[0], lda[1]);
            }
        }
        if (f.presetReason.isEmpty() && MtaRules.mayHoldCode(h)) {
            // a receiver's own error code is more precise than its wording
            String[] byCode = MtaRules.byCode(Text.lower(f.diagnostic.isEmpty() ? f.context : f.diagnostic));
            if (byCode != null) {
                preset(f, byCode[0], byCode[1]);
            }
        }
        if (f.presetReason.isEmpty()) {
            MtaRules.Rule rule = MtaRules.first(h, () -> Classifier.hostsOf(f) + " " + Text.lower(reportDomain),
                    () -> failureClass(f), () -> statusOf(f), phrase -> ownDomainAfter(f, phrase),
                    Classifier.beforeRcpt(f.command));
            if (rule != null) {
                preset(f, rule.reason(), rule.origin() + ":" + rule.phrase().trim());
            }
        }
    }

    /** {@link Text#joinReplyLines} with the reply code and status the text itself gives. */
    static String joinReplyLines(String text) {
        if (!hasContinuationMark(text)) {
            return text;
        }
        return Text.joinReplyLines(text, Signals.replyCode(text), Signals.statusInReply(text));
    }

    /**
     * Whether the text holds a reply code followed by '-' ("550-"), the mark of a multi-line reply's lines: without
     * one {@link Text#joinReplyLines} returns the text unchanged, so the reply code and status need not be read.
     */
    static boolean hasContinuationMark(String text) {
        for (int i = text.indexOf('-', 3); i >= 0; i = text.indexOf('-', i + 1)) {
            char a = text.charAt(i - 3);
            if (a >= '2' && a <= '5' && Character.isDigit(text.charAt(i - 2)) && Character.isDigit(text.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The status code of the reply's own text, else the Status field ("" when neither gives one). */
    private static String statusOf(Fact f) {
        String st = Signals.statusInReply(f.diagnostic.isEmpty() ? f.context : f.diagnostic);
        return st != null ? st : f.status;
    }

    /**
     * The class of the failure ('4', '5') from the Status field, the reply code, or else the status or reply code
     * quoted in the reply's text; 0 when the report gives none.
     */
    private static int failureClass(Fact f) {
        if (!f.status.isEmpty()) {
            return f.status.charAt(0);
        }
        if (f.replyCode >= 400 && f.replyCode < 600) {
            return '0' + f.replyCode / 100;
        }
        String text = f.diagnostic.isEmpty() ? f.context : f.diagnostic;
        String st = Signals.statusInReply(text);
        if (st != null && (st.charAt(0) == '4' || st.charAt(0) == '5')) {
            return st.charAt(0);
        }
        int code = Signals.replyCode(text);
        return code >= 400 && code < 600 ? '0' + code / 100 : 0;
    }

    /** Whether the first {@code phrase} (lower case) in the reply is followed by the recipient's own domain. */
    static boolean ownDomainAfter(Fact f, String phrase) {
        String domain = Classifier.domainOf(f.recipient);
        if (domain.isEmpty()) {
            return false;
        }
        String text = f.diagnostic.isEmpty() ? f.context : f.diagnostic;
        int i = Text.indexOfIgnoreCase(text, phrase, 0);
        if (i < 0) {
            return false;
        }
        int b = i + phrase.length();
        while (b < text.length() && (text.charAt(b) == '<' || text.charAt(b) == '[' || text.charAt(b) == ' ')) {
            b++;
        }
        int e = b;
        while (e < text.length() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '.'
                || text.charAt(e) == '-')) {
            e++;
        }
        while (e > b && text.charAt(e - 1) == '.') {
            e--;
        }
        return text.substring(b, e).equalsIgnoreCase(domain);
    }

    private static final String[] DELAY_SUBJECTS = {"warn", "delay", "retr", "not yet", "still", "pending"};

    private static final String[][] QMAIL = {
        {"but my name was rejected", "blocked"},
        {"wasn't able to establish an smtp connection", "networkerror"},
        {"couldn't find a mail exchanger or ip address", "notaccept"},
        {"couldn't find any host named", "hostunknown"},
        {"couldn't find any host by that name", "hostunknown"},
        {"sorry, no mailbox here by that name", "userunknown"},
        {"sorry, i couldn't find a mail exchanger", "notaccept"},
        {"this message is looping", "networkerror"},
        {"sorry, although i'm listed as a best-preference mx", "systemerror"},
        {"unable to switch to ", "systemerror"},
        {"mailbox has exceeded its disk quota", "mailboxfull"},
        {"recipient's mailbox is full", "mailboxfull"},
    };

    /** Exchange 2003/2007 NDR texts (MSEXCH:IMS / "did not reach the following recipient(s)"). */
    private static final String[][] EXCHANGE = {
        {"the recipient name is not recognized", "userunknown"},
        {"(000c05a6) unknown recipient", "userunknown"},
        {"the e-mail account does not exist at the organization", "userunknown"},
        {"the recipient's mailbox is full", "mailboxfull"},
        {"the message exceeds the maximum size limit", "mesgtoobig"},
    };

    /**
     * Exim's session errors as Sisimai::Lhost::Exim lists them (MessagesOf, from Exim's route.c, transports/smtp.c,
     * routers/dnslookup.c, transports/appendfile.c, parser.c, deliver.c, transports/pipe.c), in its order:
     * {lower-case message, reason}.
     */
    private static final String[][] EXIM = {
        {"user not found", "userunknown"},
        {"all host address lookups failed permanently", "hostunknown"},
        {"all relevant mx records point to non-existent hosts", "hostunknown"},
        {"unrouteable address", "hostunknown"},
        {"mailbox is full", "mailboxfull"},
        {"error: quota exceed", "mailboxfull"},
        {"an mx or srv record indicated no smtp service", "notaccept"},
        {"no host found for existing smtp connection", "notaccept"},
        {"angle-brackets nested too deep", "syntaxerror"},
        {"expected word or \"<\"", "syntaxerror"},
        {"domain missing in source-routed address", "syntaxerror"},
        {"malformed address:", "syntaxerror"},
        {"delivery to file forbidden", "systemerror"},
        {"delivery to pipe forbidden", "systemerror"},
        {"local delivery failed", "systemerror"},
        {"lmtp error after ", "systemerror"},
        {"too many \"received\" headers", "contenterror"},
    };

    /** Reasons Sisimai decides again after a decoder set them (Sisimai::Reason's retry list). */
    private static final java.util.Set<String> RETRIED = java.util.Set.of("undefined", "onhold", "systemerror",
            "securityerror", "expired", "suspend", "networkerror", "hostunknown", "userunknown");

    /** Exim's first session error (as {message, reason}) the scanned text holds, or null. */
    private static String[] eximMessage(long[] h) {
        for (int i = 0; i < EXIM.length; i++) {
            if (ReasonText.has(h, Ids.EXIM[i])) {
                return EXIM[i];
            }
        }
        return null;
    }

    private static final String[] OTHER = {"retry timeout exceeded", "retry time not reached for any host after a long",
        "interscan messaging security suite", "please check if address is correct",
        "not listed in public name & address book", "not listed in domino directory"};

    /** Every phrase this class looks for; registered in the shared automaton. */
    static java.util.List<String> phrases() {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(OTHER));
        for (String[] q : QMAIL) {
            out.add(q[0]);
        }
        for (String[] x : EXCHANGE) {
            out.add(x[0]);
        }
        for (String[] x : EXIM) {
            out.add(x[0]);
        }
        return out;
    }

    /** Phrase ids, resolved once (in the order of the tables above). */
    private static final class Ids {
        static final int[] OTHER = ReasonText.idsOf(Vendors.OTHER);
        static final int[] QMAIL = firstColumn(Vendors.QMAIL);
        static final int[] EXCHANGE = firstColumn(Vendors.EXCHANGE);
        static final int[] EXIM = firstColumn(Vendors.EXIM);

        private static int[] firstColumn(String[][] table) {
            String[] phrases = new String[table.length];
            for (int i = 0; i < table.length; i++) {
                phrases[i] = table[i][0];
            }
            return ReasonText.idsOf(phrases);
        }
    }

    private static void preset(Fact f, String reason, String rule) {
        if (f.presetReason.isEmpty()) {
            f.presetReason = reason;
            f.presetRule = rule;
        }
    }
}
