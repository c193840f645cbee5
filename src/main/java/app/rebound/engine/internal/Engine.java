package app.rebound.engine.internal;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.engine.Limits;
import app.rebound.engine.MessageLinks;
import app.rebound.engine.Outcome;
import app.rebound.engine.Reason;
import app.rebound.engine.ReboundHeaders;
import app.rebound.engine.RecipientResult;
import app.rebound.engine.StatusCode;
import app.rebound.engine.Verp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Orchestrates one message: MIME, decoders, classification, verdict, links. */
public final class Engine {
    private final Limits limits;
    private final MailReader reader;
    private final Classifier classifier = new Classifier();
    private final Verp verp;

    public Engine(Limits limits, Verp verp) {
        this.limits = limits;
        this.reader = new MailReader(limits);
        this.verp = verp;
    }

    /** Blank or whitespace-only lines before the first header field (some gateways write one): skipped. */
    static byte[] skipLeadingBlankLines(byte[] m) {
        int i = 0;
        int start = 0;
        int lines = 0;
        while (i < m.length && lines < 20) {
            byte b = m[i];
            if (b == ' ' || b == '\t' || b == '\r') {
                i++;
            } else if (b == '\n') {
                i++;
                start = i;
                lines++;
            } else {
                break;
            }
        }
        return start == 0 || start >= m.length ? m : java.util.Arrays.copyOfRange(m, start, m.length);
    }

    /** How many wrapped reports deep {@link ParsedMail#enclosedReport} is followed. */
    private static final int MAX_ENCLOSED = 2;

    public AnalysisReport analyzeOne(byte[] message) {
        return analyzeOne(message, 0);
    }

    private AnalysisReport analyzeOne(byte[] message, int enclosedDepth) {
        if (message.length == 0) {
            return AnalysisReport.unparseable("empty input");
        }
        ParsedMail mail = reader.read(skipLeadingBlankLines(message));
        if (mail.head.size() == 0) {
            List<String> errs = new ArrayList<>(mail.errors);
            errs.add("no header fields: not an RFC 5322 message");
            return new AnalysisReport(Outcome.UNPARSEABLE, List.of(), MessageLinks.NONE, "", "", errs);
        }
        String subject = MailReader.decodeWords(mail.head.get("subject"));
        String from = Text.firstAddress(mail.head.get("from"));
        String human = Decoders.humanText(mail);
        if (mail.original == null) {
            inlineOriginal(mail, human);
        }
        MessageLinks links = links(mail);

        List<Fact> facts;
        Outcome outcome;
        Feedback.Result fb = Feedback.detect(mail, subject, from);
        if (fb != null) {
            return complaint(mail, fb, links, subject, from);
        }
        facts = Decoders.dsn(mail, human);
        if (facts.isEmpty()) {
            String inline = Decoders.inlineDsn(human);
            if (inline != null) {
                mail.parts.add(new Part("message/delivery-status", inline));
                facts = Decoders.dsn(mail, human);
            }
        }
        if (facts.isEmpty() && mail.enclosedReport != null && enclosedDepth < MAX_ENCLOSED) {
            // A gateway forwarded the bounce it received as an attachment and said nothing of its own: the
            // enclosed report is the bounce.
            AnalysisReport inner = analyzeOne(MailReader.normaliseLineEndings(mail.enclosedReport), enclosedDepth + 1);
            if (!inner.recipients().isEmpty()) {
                List<String> errs = new ArrayList<>(mail.errors);
                errs.addAll(inner.errors());
                MessageLinks innerLinks = inner.links().equals(MessageLinks.NONE) ? links : inner.links();
                return new AnalysisReport(inner.outcome(), inner.recipients(), innerLinks, subject, from, errs);
            }
        }
        if (facts.isEmpty() && (from.contains("amazonses.com") || from.contains("amazonaws.com")
                || human.stripLeading().startsWith("{"))) {
            EspJson.Ses ses = EspJson.ses(human);
            if (ses != null && ses.complaint()) {
                return complaint(mail, new Feedback.Result("amazonses", ses.feedbackType(), ses.complained(),
                        "Amazon SES complaint notification", "", ""), links, subject, from);
            }
            if (ses != null && ses.facts().isEmpty()) {
                // An SES notification of another kind (or naming nobody): its JSON holds the sending identity and
                // the original's headers, which must never be read as failed recipients.
                return new AnalysisReport(Outcome.NOT_A_BOUNCE, List.of(), links, subject, from, mail.errors);
            }
            if (ses != null) {
                facts = ses.facts();
            }
        }
        if (facts.isEmpty() && !Signals.isDaemon(from) && !Signals.nullSender(mail)) {
            // challenges and list managers write from a person's or a list's address, never as a daemon
            long[] headHits = Signals.headHits(mail, human);
            if (MtaRules.challenge(headHits)) {
                // challenge/response: a program asks the sender to prove being human; nothing failed
                return new AnalysisReport(Outcome.NOT_A_BOUNCE, List.of(), links, subject, from, mail.errors);
            }
            if (MtaRules.listRefusal(headHits)) {
                facts = TextDecoder.listRefusal(mail, human);
            }
        }
        if (facts.isEmpty() && Signals.looksLikeBounce(mail, subject, from, human)) {
            facts = TextDecoder.text(mail, human, from, limits.maxRecipients());
            Vendors.refine(mail, subject, from, human, facts);
        } else if (!facts.isEmpty()) {
            Vendors.refine(mail, subject, from, human, facts);
        }
        if (facts.isEmpty()) {
            if (Signals.isAutoReply(mail, subject, from, human)) {
                return autoReply(mail, links, subject, from);
            }
            return new AnalysisReport(Outcome.NOT_A_BOUNCE, List.of(), links, subject, from, mail.errors);
        }
        List<RecipientResult> results = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            results.add(verdict(f));
        }
        outcome = outcomeOf(results);
        return new AnalysisReport(outcome, results, links, subject, from, mail.errors);
    }

    private static Outcome outcomeOf(List<RecipientResult> results) {
        boolean anyFail = false;
        boolean anyDelayed = false;
        boolean anyDelivered = false;
        for (RecipientResult r : results) {
            if (r.reason() == Reason.DELIVERED) {
                anyDelivered = true;
            } else if (r.delayed()) {
                anyDelayed = true;
            } else {
                anyFail = true;
            }
        }
        return anyFail ? Outcome.BOUNCE : anyDelayed ? Outcome.DELAYED : anyDelivered ? Outcome.DELIVERED
                : Outcome.BOUNCE;
    }

    // ---------------------------------------------------------------- verdict

    /**
     * One recipient's failure given as DSN fields, without a mail (e.g. an ESP webhook event): builds the fact a
     * DSN with these fields would give and runs the same reply rules and classifier. Never throws.
     */
    public RecipientResult classifyReply(String recipient, String action, String status, int replyCode,
                                         String diagnostic, String remoteMta) {
        Fact f = new Fact();
        f.decoder = "reply";
        String rcpt = recipient == null ? "" : recipient.trim();
        String addr = Text.firstAddress(rcpt);
        f.recipient = addr.isEmpty() ? Text.clip(Text.squash(rcpt), 255) : addr;
        String act = action == null ? "" : Text.lower(action).trim();
        int sp = act.indexOf(' ');
        f.action = Text.clip(sp > 0 ? act.substring(0, sp) : act, 32);
        String st = status == null ? null : Text.findStatus(Text.clip(status, 64));
        f.status = st == null ? "" : st;
        f.replyCode = replyCode >= 200 && replyCode <= 599 ? replyCode : 0;
        String diag = diagnostic == null ? "" : Text.clip(diagnostic, 16_384);
        int semi = diag.indexOf(';');
        if (semi > 0 && semi < 20 && isDiagnosticType(diag.substring(0, semi).trim())) {
            f.diagnosticType = diag.substring(0, semi).trim().toUpperCase();
            diag = diag.substring(semi + 1).trim();
        }
        f.diagnostic = Text.squash(diag);
        f.remoteMta = remoteMta == null ? "" : Decoders.afterSemicolon(Text.clip(remoteMta, 1000));
        try {
            Vendors.refineReply(f, "");
            return verdict(f);
        } catch (RuntimeException | StackOverflowError e) {
            return new RecipientResult(f.recipient, "", f.action.isEmpty() ? "failed" : f.action, null, false, 0,
                    Text.clip(f.diagnostic, 4000), Text.clip(f.remoteMta, 255), "", "", null, null, Reason.UNDEFINED,
                    BounceType.UNDETERMINED, f.action.equals("delayed"), Fault.UNKNOWN, false, false, "",
                    "internal-error", "The reply could not be classified (internal error: "
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** "smtp", "x-postfix", "X-Unix": the diagnostic-type prefix of a Diagnostic-Code field. */
    private static boolean isDiagnosticType(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return false;
            }
        }
        return true;
    }


    RecipientResult verdict(Fact f) {
        pickStatusAndCode(f);
        String text = f.diagnostic.isEmpty() ? f.context : f.diagnostic;
        if (f.hits == null) {
            // not through Vendors.refineReply, which reads both
            f.hits = ReasonText.scan(text);
            f.command = Signals.commandOf(f);
        }
        Classifier.Decision d = classifier.classify(f);
        Reason reason = d.reason();
        StatusCode status = StatusCode.tryParse(f.status);
        boolean inferred = false;
        boolean transientAnswer = status != null ? status.isTransient()
                : f.replyCode >= 400 && f.replyCode < 500 || f.action.equals("delayed");
        if (status == null && reason.fallbackStatus() != null) {
            String fb = reason.fallbackStatus();
            if (reason != Reason.DELIVERED) {
                fb = (transientAnswer ? "4" : "5") + fb.substring(1);
            }
            status = StatusCode.tryParse(fb);
            inferred = true;
        }
        boolean delayed = f.action.equals("delayed");
        if (delayed && status != null && status.isPermanent()) {
            // a delay notice quoting a permanent-looking code: the message is still being retried
            status = StatusCode.tryParse("4" + status.toString().substring(1));
            transientAnswer = true;
        }
        BounceType type;
        if (reason == Reason.DELIVERED) {
            type = BounceType.DELIVERED;
        } else if (reason == Reason.FEEDBACK) {
            type = BounceType.COMPLAINT;
        } else if (reason == Reason.VACATION) {
            type = BounceType.AUTO_REPLY;
        } else if (delayed || transientAnswer || reason == Reason.MAILBOXFULL) {
            type = BounceType.SOFT;
        } else if (status != null && status.isPermanent() && !(inferred && (reason == Reason.ONHOLD
                || reason == Reason.UNDEFINED))) {
            type = BounceType.HARD;
        } else {
            type = BounceType.UNDETERMINED;
        }
        Fault fault = d.fault() != null ? d.fault() : reason.defaultFault();
        if (d.fault() == null && status != null && !inferred && status.isSecurityOrPolicy() && !reason.isHard()
                && reason != Reason.SUSPEND && !reason.isNonFailure()) {
            fault = Fault.SENDER;
        }
        // Never suppress without an address to suppress: the row would flip nobody, or a guessed somebody.
        boolean suppress = !delayed && fault == Fault.RECIPIENT && reason.suppresses(transientAnswer)
                && !f.recipient.isEmpty();
        boolean trap = f.hits != null && ReasonText.trap(f.hits);
        int reply = f.replyCode;
        if (reply != 0 && status != null && !inferred && reply / 100 != status.klass()) {
            reply = 0; // class disagrees: Sisimai drops such a reply code
        }
        String why = Explain.why(f, reason, status, inferred, reply);
        return new RecipientResult(f.recipient, f.originalRecipient, f.action.isEmpty() ? "failed" : f.action,
                status, inferred, reply, Text.clip(f.diagnostic, 4000), Text.clip(f.remoteMta, 255),
                Text.clip(f.reportingMta, 255), f.command, Dates.parse(f.arrivalDate), Dates.parse(f.lastAttemptDate),
                reason, type, delayed, fault, suppress, trap, f.feedbackType, d.rule(), why);
    }

    /** Status: the Status field unless vague and the reply text has a better one; reply code from the text. */
    static void pickStatusAndCode(Fact f) {
        String diag = f.diagnostic;
        String inText = Signals.statusInReply(diag);
        int code = f.replyCode != 0 ? f.replyCode : Signals.replyCode(diag);
        StatusCode field = StatusCode.tryParse(f.status);
        StatusCode text = StatusCode.tryParse(inText);
        f.status = prefer(field == null ? "" : field.toString(), text == null ? "" : text.toString(), code);
        if (f.replyCode == 0 && code != 0 && !f.status.isEmpty() && f.status.charAt(0) != (char) ('0' + code / 100)) {
            // "554 4.4.7 Message expired ... <421 4.4.2 Connection timed out>": the reply that matches the status
            int same = replyCodeOfClass(diag, f.status.charAt(0));
            code = same != 0 ? same : code;
        }
        f.replyCode = code;
    }

    /** The first reply code of the given class ('4' or '5') standing alone in the text, or 0. */
    static int replyCodeOfClass(String diag, char cls) {
        String d = Text.clip(diag, 4000);
        for (int i = 0; i + 3 <= d.length(); i++) {
            if (d.charAt(i) == cls && (i == 0 || " <[('\"".indexOf(d.charAt(i - 1)) >= 0)) {
                int c = Text.findReplyCode(d.substring(i, Math.min(d.length(), i + 5)));
                if (c / 100 == cls - '0' && d.startsWith(Integer.toString(c), i)) {
                    return c;
                }
            }
        }
        return 0;
    }

    /**
     * Chooses between the Status field and the code found in the reply text (after Sisimai's status.Prefer):
     * the one whose class matches the reply code; otherwise the field unless it is vague (X.0.0, X.Y.0, 4.4.7,
     * 4.7.0, 5.3.x, X.5.{1,2,4,5}) and the text is more specific.
     */
    static String prefer(String field, String text, int reply) {
        if (field.isEmpty()) {
            return text;
        }
        if (text.isEmpty()) {
            return field;
        }
        char r = reply == 0 ? '0' : (char) ('0' + reply / 100);
        if (r != '0' && field.charAt(0) != text.charAt(0)) {
            if (r == field.charAt(0)) {
                return field;
            }
            if (r == text.charAt(0)) {
                return text;
            }
        }
        if (field.equals(text)) {
            return field;
        }
        boolean fieldZero2 = field.indexOf(".0.0") > 0;
        boolean textZero2 = text.indexOf(".0.0") > 0;
        boolean fieldZero1 = field.indexOf(".0") > 0;
        boolean textZero1 = text.indexOf(".0") > 0;
        if (fieldZero2) {
            return textZero2 ? field : text;
        }
        if (fieldZero1 && !textZero1) {
            return text;
        }
        if (textZero2) {
            return field;
        }
        if (field.equals("4.4.7") || field.equals("4.7.0") || field.startsWith("5.3.")) {
            return text;
        }
        if (field.startsWith(".5.1", 1) || field.startsWith(".5.2", 1) || field.startsWith(".5.4", 1)
                || field.startsWith(".5.5", 1)) {
            return text;
        }
        if (field.equals("5.1.1")) {
            return textZero1 || text.startsWith("5.5.") ? field : text;
        }
        if (field.equals("5.1.3") && text.startsWith("5.7.")) {
            return text;
        }
        return field;
    }

    // ---------------------------------------------------------------- complaints and auto-replies

    private AnalysisReport complaint(ParsedMail mail, Feedback.Result fb, MessageLinks links, String subject,
                                     String from) {
        List<RecipientResult> rs = new ArrayList<>();
        List<String> rcpts = fb.recipients().isEmpty() ? List.of("") : fb.recipients();
        for (String r : rcpts) {
            boolean complaint = fb.isComplaint();
            rs.add(new RecipientResult(r, "", "complained", null, false, 0, fb.diagnostic(), "", fb.reportingMta(), "",
                    Dates.parse(fb.arrivalDate()), null, Reason.FEEDBACK,
                    complaint ? BounceType.COMPLAINT : BounceType.UNDETERMINED, false, Fault.UNKNOWN, false, false,
                    fb.feedbackType(), "feedback:" + fb.format() + ":" + fb.feedbackType(),
                    complaint ? "The recipient marked the message as " + fb.feedbackType()
                            + " (" + fb.format() + " report); stop mailing them."
                            : "A " + fb.feedbackType() + " feedback report, which is not a complaint."));
            if (rs.size() >= limits.maxRecipients()) {
                break;
            }
        }
        return new AnalysisReport(Outcome.COMPLAINT, rs, links, subject, from, mail.errors);
    }

    private AnalysisReport autoReply(ParsedMail mail, MessageLinks links, String subject, String from) {
        RecipientResult r = new RecipientResult(from, "", "auto-replied", null, false, 0, Text.clip(subject, 500), "",
                "", "", Dates.parse(mail.head.get("date")), null, Reason.VACATION, BounceType.AUTO_REPLY, false,
                Fault.UNKNOWN, false, false, "", "rfc3834:auto-reply",
                "The recipient's mailbox sent an automatic reply (out of office); it is not a bounce.");
        return new AnalysisReport(Outcome.AUTO_REPLY, List.of(r), links, subject, from, mail.errors);
    }

    // ---------------------------------------------------------------- links back to the original send

    /** Non-MIME bounces inline the returned original after a marker: read its header block. */
    private void inlineOriginal(ParsedMail mail, String human) {
        int cut = Decoders.cutIndex(mail, human);
        if (cut >= human.length()) {
            return;
        }
        int nl = human.indexOf('\n', cut);
        if (nl < 0) {
            return;
        }
        String firstLine = Text.lower(human.substring(cut, nl));
        int from = firstLine.contains(":") && !firstLine.startsWith("-") && !firstLine.endsWith(":") ? cut : nl + 1;
        Headers h = Headers.parseBlock(human, from, limits.maxHeaderCount());
        if (h.size() > 0) {
            mail.original = h;
        }
    }

    private MessageLinks links(ParsedMail mail) {
        Headers o = mail.original;
        String messageId = "";
        String tenant = "";
        String campaign = "";
        String subscriber = "";
        if (o != null) {
            messageId = stripAngle(o.get("message-id"));
            tenant = token(o.get(ReboundHeaders.TENANT.toLowerCase()));
            campaign = token(o.get(ReboundHeaders.CAMPAIGN.toLowerCase()));
            subscriber = token(o.get(ReboundHeaders.SUBSCRIBER.toLowerCase()));
        }
        if (messageId.isEmpty()) {
            for (Part p : mail.parts) {
                if (p.isDeliveryStatus()) {
                    int i = Text.lower(p.text()).indexOf("x-original-message-id:");
                    if (i >= 0) {
                        int e = p.text().indexOf('\n', i);
                        messageId = stripAngle(p.text().substring(i + 22, e < 0 ? p.text().length() : e));
                    }
                }
            }
        }
        if (verp != null) {
            List<String> candidates = new ArrayList<>();
            for (String h : new String[] {"to", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to"}) {
                candidates.addAll(mail.head.all(h));
            }
            if (o != null) {
                candidates.addAll(o.all("return-path"));
                candidates.addAll(o.all(ReboundHeaders.VERP.toLowerCase()));
            }
            for (Part p : mail.parts) {
                if (p.isFeedbackReport()) {
                    candidates.add(Headers.parseBlock(p.text(), 0, 100).get("original-mail-from"));
                }
            }
            for (String c : candidates) {
                Optional<Verp.Token> t = verp.decode(c);
                if (t.isPresent()) {
                    return new MessageLinks(t.get().tenant(), t.get().campaign(), t.get().subscriber(), messageId, true,
                            "verp");
                }
            }
        }
        if (!tenant.isEmpty() || !campaign.isEmpty() || !subscriber.isEmpty()) {
            return new MessageLinks(tenant, campaign, subscriber, messageId, false, "headers");
        }
        if (!messageId.isEmpty()) {
            return new MessageLinks("", "", "", messageId, false, "message-id");
        }
        return MessageLinks.NONE;
    }

    private static String stripAngle(String s) {
        String t = s.trim();
        int a = t.indexOf('<');
        int b = t.indexOf('>', a + 1);
        if (a >= 0 && b > a) {
            t = t.substring(a + 1, b);
        }
        return Text.clip(t, 255);
    }

    private static String token(String s) {
        String t = s.trim();
        if (t.length() > 64) {
            return "";
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return "";
            }
        }
        return t;
    }
}
