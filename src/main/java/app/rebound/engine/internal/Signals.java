package app.rebound.engine.internal;

/** Cheap message-level signals: is this a bounce, an auto-reply; SMTP phase; blocklist/trap hints. */
final class Signals {
    private Signals() {
    }

    private static final String[] DAEMON_LOCALS = {"mailer-daemon", "mailer_daemon", "mail-daemon", "maildaemon",
        "postmaster", "post_master", "mail.daemon", "mdaemon", "bounce", "bounces", "nobody", "mailerdaemon", "root",
        "mail-delivery-subsystem", "mailer", "mail_delivery_system", "daemon", "microsoftexchange"};

    private static final String[] BOUNCE_SUBJECTS = {"undeliver", "undelivered", "delivery status", "delivery failure",
        "failure notice", "returned mail", "mail delivery failed", "delivery notification", "non remis",
        "nicht zustellbar", "unzustellbar", "could not be delivered", "mail system error", "delivery failed",
        "delivery has failed", "permanent error", "message not delivered", "rejected", "mail failure",
        "delivery problem", "failed delivery", "returned to sender", "notification d'etat de la distribution",
        "non-delivery", "nondelivery", "warning: message", "delayed mail", "delivery delayed", "mail error",
        "error sending", "unable to deliver", "undeliverable", "bounce", "delivery report", "failed mail",
        "message delivery failure", "nao entregue", "no se puede entregar", "returned message", "mail could not",
        "error delivering", "delivery error", "message status", "zustellung", "system administrator",
        "fehlgeschlagen", "mail returned", "delivery notice", "delivery reports about your e-mail"};

    static final String[] BOUNCE_BODY = {"could not be delivered", "was not delivered", "delivery has failed",
        "permanent error", "following address(es) failed", "wasn't able to deliver", "was unable to deliver",
        "unable to deliver", "delivery to the following recipient", "undeliverable", "this is the mail system at",
        "permanent fatal errors", "i'm afraid i wasn't able to deliver", "failed permanently",
        "delivery failed", "message could not be delivered", "your message did not reach",
        "returned to you", "could not deliver", "couldn't be delivered", "message was not sent",
        "following recipients failed", "host unknown", "user unknown", "transcript of session follows",
        "delivery to the following recipients failed", "failed to deliver", "rejected your message",
        "there was an error delivering your mail", "message you sent", "not be delivered"};

    static boolean isDaemon(String from) {
        int at = from.indexOf('@');
        String local = at < 0 ? from : from.substring(0, at);
        for (String d : DAEMON_LOCALS) {
            if (local.equals(d) || local.startsWith(d + "+") || local.startsWith(d + "-")) {
                return true;
            }
        }
        return false;
    }

    static boolean looksLikeBounce(ParsedMail mail, String subject, String from, String human) {
        String subj = Text.lower(subject);
        if (isDaemon(from) || from.isEmpty() && isDaemon(Text.lower(mail.head.get("from")).trim())
                || nullSender(mail) && !isAutoReplyHeaders(mail)) {
            return true;
        }
        if (isAutoReplyHeaders(mail)) {
            // RFC 3834 auto-reply from a person's mailbox, whatever its subject says: its own address is no bounce
            return false;
        }
        if (Text.containsAny(subj, BOUNCE_SUBJECTS)) {
            return true;
        }
        if (isAutoReply(mail, subject, from, human)) {
            return false;
        }
        return saysDeliveryFailed(mail, human);
    }

    /** Return-Path: &lt;&gt;, the null reverse path that reports and other automatic mail use. */
    static boolean nullSender(ParsedMail mail) {
        String rp = mail.head.get("return-path").trim();
        return rp.equals("<>") || rp.equals("< >");
    }

    /** Whether the human-readable head of the report says, in words, that delivery failed. */
    /** Phrase hits of the subject and the report's human-readable head (first 20,000 chars), scanned once. */
    static long[] headHits(ParsedMail mail, String human) {
        if (mail.headHits == null || mail.headHitsOf != human) {
            // whitespace squashed: a phrase wrapped over two lines ("prohibit\n  non-members") still matches
            mail.headHits = ReasonText.scan(MailReader.decodeWords(mail.head.get("subject")) + "\n"
                    + Text.squash(Text.clip(Decoders.humanHead(mail, human), 20_000)));
            mail.headHitsOf = human;
        }
        return mail.headHits;
    }

    static boolean saysDeliveryFailed(ParsedMail mail, String human) {
        long[] hits = headHits(mail, human);
        for (String p : BOUNCE_BODY) {
            if (ReasonText.has(hits, ReasonText.idOf(p))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAutoReplyHeaders(ParsedMail mail) {
        String as = Text.lower(mail.head.get("auto-submitted"));
        String prec = Text.lower(mail.head.get("precedence"));
        return as.startsWith("auto-replied") && !Text.lower(mail.head.get("content-type")).contains("report")
                || mail.head.has("x-autoreply") || mail.head.has("x-autorespond")
                || mail.head.has("x-autoresponder") || prec.contains("auto_reply")
                || Text.lower(mail.head.get("x-apple-action")).contains("vacation");
    }

    private static final String[] AUTO_SUBJECTS = {"auto:", "auto response", "automatic reply", "autoreply",
        "auto-reply", "out of office", "out of the office", "autosvar", "réponse automatique",
        "reponse automatique", "automatische antwort", "abwesenheitsnotiz", "vacation", "risposta automatica",
        "respuesta automática", "away from my mail", "on vacation", "office closed"};

    static boolean isAutoReply(ParsedMail mail, String subject, String from, String human) {
        if (isAutoReplyHeaders(mail)) {
            return true;
        }
        String subj = Text.lower(subject);
        if (Text.containsAny(subj, AUTO_SUBJECTS)) {
            return true;
        }
        String as = Text.lower(mail.head.get("auto-submitted"));
        if (as.startsWith("auto-") || Text.lower(mail.head.get("x-auto-response-suppress")).contains("oof")) {
            String body = Text.lower(Text.clip(human, 5000));
            return ReasonText.matches(app.rebound.engine.Reason.VACATION, body);
        }
        return false;
    }

    /**
     * Phrases that name the SMTP phase a reply answered, in priority order. STARTTLS (Sisimai::SMTP::Command
     * detects it, and Sisimai::Reason::FailedSTARTTLS reads a refusal of it as a TLS failure) ranks as Sisimai ranks
     * it: below DATA, RCPT and MAIL, above EHLO and HELO; it is read where a transcript or report names it as the
     * command sent (Sendmail's ">>> STARTTLS", Exim's "after STARTTLS", "in reply to STARTTLS command"). AUTH ranks
     * where Sisimai ranks it too (below MAIL, above STARTTLS): its Detectable list names the command with its
     * mechanism ("AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-", "AUTH DIGEST-"), read here where a transcript or report
     * names it as the command sent, and Postfix's SMTP client reports a refused AUTH exchange as "SASL authentication
     * failed; server ... said:" (smtp_sasl_glue.c, also "SASL [CACHED] authentication failed;"), never as "in reply
     * to AUTH command". A reply to AUTH came before RCPT TO (Sisimai::SMTP::Command's BeforeRCPT). XFORWARD and QUIT
     * rank above all the others, last in the Detectable list (Sisimai's find returns the last command of that list
     * it finds): Postfix's client names them "(in reply to XFORWARD name/address command)", "(in reply to QUIT
     * command)" and "while sending XFORWARD name/address" (smtp_proto.c xfer_request, xfer_states), a Sendmail
     * transcript "&gt;&gt;&gt; QUIT". Neither is in BeforeRCPT, so neither keeps a dead-address status from counting.
     */
    static final String[][] COMMANDS = {
        {"in reply to xforward", "XFORWARD"}, {"while sending xforward", "XFORWARD"}, {">>> xforward", "XFORWARD"},
        {"in reply to quit", "QUIT"}, {">>> quit", "QUIT"},
        {"end of data", "DATA"}, {"after data", "DATA"}, {"final data", "DATA"}, {"in reply to data", "DATA"},
        {">>> data", "DATA"}, {"data command", "DATA"}, {"after the data", "DATA"}, {"did not like our data", "DATA"},
        {"rcpt to", "RCPT"}, {"in reply to rcpt", "RCPT"}, {">>> rcpt", "RCPT"}, {"did not like our rcpt", "RCPT"},
        {"rcpt_to", "RCPT"}, {"after rcpt", "RCPT"}, {"rcpt command", "RCPT"}, {"smtp:rcpt", "RCPT"},
        {"in reply to mail", "MAIL"}, {"after mail from", "MAIL"}, {">>> mail from", "MAIL"},
        {"mail from command", "MAIL"}, {"did not like our mail", "MAIL"},
        {">>> auth plain", "AUTH"}, {">>> auth login", "AUTH"}, {">>> auth cram-", "AUTH"}, {">>> auth digest-", "AUTH"},
        {"after auth plain", "AUTH"}, {"after auth login", "AUTH"}, {"after auth cram-", "AUTH"},
        {"after auth digest-", "AUTH"}, {"in reply to auth plain", "AUTH"}, {"in reply to auth login", "AUTH"},
        {"in reply to auth cram-", "AUTH"}, {"in reply to auth digest-", "AUTH"},
        {"sasl authentication failed;", "AUTH"}, {"sasl [cached] authentication failed;", "AUTH"},
        {">>> starttls", "STARTTLS"}, {"after starttls", "STARTTLS"}, {"in reply to starttls", "STARTTLS"},
        {"ehlo", "EHLO"}, {"helo", "HELO"}, {"initial connection", "CONN"}, {"greeting", "CONN"},
    };

    private static final class CommandIds {
        static final int[] IDS = new int[COMMANDS.length];

        static {
            for (int i = 0; i < COMMANDS.length; i++) {
                IDS[i] = ReasonText.idOf(COMMANDS[i][0]);
            }
        }
    }

    /** The command phrases alone (id = index in COMMANDS): a small automaton that stays in cache. */
    private static final class CommandAutomaton {
        static final Automaton AUTOMATON;

        static {
            java.util.List<String> phrases = new java.util.ArrayList<>();
            for (String[] c : COMMANDS) {
                phrases.add(c[0]);
            }
            AUTOMATON = new Automaton(phrases);
        }
    }

    /** As {@code command(ReasonText.scan(text))}, scanning for the command phrases only. */
    static String commandIn(String text) {
        long[] hits = CommandAutomaton.AUTOMATON.scan(text);
        for (int i = 0; i < COMMANDS.length; i++) {
            if (Automaton.has(hits, i)) {
                return COMMANDS[i][1];
            }
        }
        return "";
    }

    /**
     * The SMTP phase a fact's reply answered: the one its decoder found, else the one its reply names (the scanned
     * hits of the diagnostic, or of the context when there is no diagnostic), else the one the context names; "" when
     * none does. Needs {@code f.hits}.
     */
    static String commandOf(Fact f) {
        if (!f.command.isEmpty()) {
            return f.command;
        }
        String c = command(f.hits);
        if (c.isEmpty() && !f.context.isEmpty() && !f.diagnostic.isEmpty()) {
            c = commandIn(Text.clip(f.context, 4000));
        }
        return c.isEmpty() && greetingOnlyTranscript(f.context.isEmpty() ? f.diagnostic : f.context) ? "EHLO" : c;
    }

    /**
     * A Sendmail transcript that quotes the receiver's replies ("&lt;&lt;&lt; 554 ...") but no command Sendmail sent
     * ("&gt;&gt;&gt; ..."): the receiver answered before any command of the transaction, at its greeting or to EHLO.
     * Sisimai::Lhost::Sendmail sets the command to EHLO in that case (no command in the transcript or the diagnosis,
     * at least one "&lt;&lt;&lt;" reply), which Sisimai::Reason then reads as a blocked client.
     */
    static boolean greetingOnlyTranscript(String text) {
        return text.contains("<<< ") && !text.contains(">>> ")
                && Text.indexOfIgnoreCase(text, "transcript of session follows", 0) >= 0;
    }

    /** The SMTP phase a reply answered, from the phrase hits of its text; "" when unknown. */
    static String command(long[] hits) {
        int[] ids = CommandIds.IDS;
        for (int i = 0; i < ids.length; i++) {
            if (ReasonText.has(hits, ids[i])) {
                return COMMANDS[i][1];
            }
        }
        return "";
    }

    /**
     * The enhanced status code of the SMTP reply inside a diagnostic: the one right after a reply code
     * ("550-5.7.1", "550 '5.2.2") if any, else the first one.
     */
    static String statusInReply(String diag) {
        String first = Text.findStatus(diag);
        if (first == null) {
            return null;
        }
        String d = Text.clip(diag, 4000);
        int n = d.length();
        for (int i = 0; i + 6 < n; i++) {
            char c = d.charAt(i);
            if ((c == '4' || c == '5') && Character.isDigit(d.charAt(i + 1)) && Character.isDigit(d.charAt(i + 2))
                    && (i == 0 || !Character.isLetterOrDigit(d.charAt(i - 1)) && d.charAt(i - 1) != '.')) {
                int j = i + 3;
                int k = j;
                while (k < n && k - j < 3 && (d.charAt(k) == ' ' || d.charAt(k) == '-' || d.charAt(k) == '\''
                        || d.charAt(k) == '"')) {
                    k++;
                }
                if (k > j && k < n && d.charAt(k) == c) {
                    String s = Text.findStatus(d.substring(k, Math.min(n, k + 12)));
                    if (s != null && d.startsWith(s, k)) {
                        return s;
                    }
                }
            }
        }
        return first;
    }

    /** SMTP reply code in a diagnostic, preferring one at the start or right after "said:". */
    static int replyCode(String diag) {
        if (diag.isEmpty()) {
            return 0;
        }
        String d = Text.clip(diag, 4000);
        String lower = Text.lower(d);
        int said = lower.indexOf("said:");
        if (said < 0) {
            said = lower.indexOf("said ");
        }
        if (said >= 0) {
            int c = Text.findReplyCode(d.substring(said + 5));
            if (c != 0) {
                return c;
            }
        }
        return Text.findReplyCode(d);
    }

}
