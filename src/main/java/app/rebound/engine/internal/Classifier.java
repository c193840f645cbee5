package app.rebound.engine.internal;

import app.rebound.engine.Fault;
import app.rebound.engine.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides the {@link Reason} of one failed recipient: a pipeline of steps ({@link #STEPS}, after Sisimai's
 * pipeline, docs §7.2), most of them data (a reason, whether its status codes count, whether its words count and
 * under which guard); the first step that decides wins.
 */
public final class Classifier {

    /** The decision, the id of the rule that made it, and whose fault it is when not the reason's default. */
    public record Decision(Reason reason, String rule, Fault fault) {
        public Decision(Reason reason, String rule) {
            this(reason, rule, null);
        }
    }

    private static final Map<String, Reason> STATUS = new HashMap<>();

    private static void st(Reason r, String... codes) {
        for (String c : codes) {
            STATUS.put(c, r);
        }
    }

    static {
        st(Reason.DELIVERED, "2.1.5");
        st(Reason.USERUNKNOWN, "5.1.0", "5.1.1", "5.1.3");
        st(Reason.HOSTUNKNOWN, "5.1.2", "5.4.4");
        st(Reason.HASMOVED, "4.1.6", "5.1.6", "5.7.17", "5.7.18");
        st(Reason.REJECTED, "4.1.7", "4.1.8", "5.1.7", "5.1.8");
        st(Reason.FILTERED, "5.1.4", "5.2.0", "5.2.1", "4.2.4", "5.2.4");
        st(Reason.BLOCKED, "4.2.1", "4.7.1", "4.7.2");
        st(Reason.MAILBOXFULL, "4.2.2", "5.2.2");
        st(Reason.EXCEEDLIMIT, "4.2.3", "5.2.3");
        st(Reason.MESGTOOBIG, "5.3.4", "4.7.16", "5.7.16");
        st(Reason.SYSTEMFULL, "4.3.1", "5.3.1", "4.4.5");
        st(Reason.NOTACCEPT, "4.3.2", "5.3.2", "5.1.10", "5.7.27");
        st(Reason.EXPIRED, "4.4.1", "4.4.7");
        st(Reason.NETWORKERROR, "4.4.2", "4.4.4", "4.4.6", "4.4.8", "5.4.0");
        st(Reason.SYSTEMERROR, "4.1.9", "5.1.9", "4.3.3", "5.3.0", "5.3.3", "4.3.5", "5.3.5", "4.4.3", "5.4.3", "4.5.3",
                "4.5.5", "5.5.4", "5.5.5");
        st(Reason.SYNTAXERROR, "5.5.2", "5.5.6");
        st(Reason.TOOMANYCONN, "5.5.3");
        st(Reason.CONTENTERROR, "4.6.0", "4.6.2", "4.6.5", "5.6.0", "5.6.1", "5.6.2", "5.6.3", "5.6.5", "5.6.6", "5.6.7",
                "5.6.8", "5.6.9");
        st(Reason.SECURITYERROR, "4.7.5", "4.7.6", "4.7.7", "4.7.12", "4.7.15", "5.7.0", "5.7.1", "5.7.2", "5.7.3", "5.7.4",
                "5.7.5", "5.7.6", "5.7.7", "5.7.8", "5.7.9", "5.7.10", "5.7.11", "5.7.14", "5.7.15", "5.7.19");
        st(Reason.SUSPEND, "5.7.13");
        st(Reason.AUTHFAILURE, "4.7.24", "4.7.26", "5.7.20", "5.7.21", "5.7.22", "5.7.23", "5.7.24", "5.7.26", "5.7.29",
                "4.7.30", "5.7.30", "4.7.32", "5.7.509");
        st(Reason.REQUIREPTR, "4.7.25", "5.7.25", "4.7.23");
        st(Reason.SPAMDETECTED, "5.7.28");
    }

    /** The reason the status code alone points to, or null. */
    public static Reason byStatus(String status) {
        return status == null || status.isEmpty() ? null : STATUS.get(status);
    }

    static boolean hostMatches(String hint, String hosts) {
        return Receivers.matches(hint, hosts);
    }

    private static boolean exceptData(String command) {
        return command.equals("CONN") || command.equals("EHLO") || command.equals("HELO") || command.equals("MAIL")
                || command.equals("RCPT");
    }

    /**
     * Commands sent before RCPT TO (Sisimai::SMTP::Command's BeforeRCPT, checked by Sisimai::Reason::UserUnknown and
     * HostUnknown): a refusal there was given before the recipient was named, so it cannot say that the recipient's
     * mailbox or domain is unknown; such words there are about the sender or the session.
     */
    static boolean beforeRcpt(String command) {
        return command.equals("CONN") || command.equals("EHLO") || command.equals("HELO") || command.equals("MAIL")
                || command.equals("AUTH") || command.equals("STARTTLS");
    }

    /**
     * Whether {@code reason} says the recipient's own mailbox or domain is dead (Sisimai::Reason::UserUnknown,
     * HostUnknown): the reasons a reply to a command sent before RCPT TO ({@link #beforeRcpt}) never gives, whichever
     * table (generic words, an MTA's phrases, a receiver's) names them.
     */
    static boolean namesDeadAddress(Reason reason) {
        return reason == Reason.USERUNKNOWN || reason == Reason.HOSTUNKNOWN;
    }

    /** What every step looks at: the fact, its status and the reason that status alone names, text and hits. */
    private record Ctx(Fact f, String status, Reason byStatus, String cmd, String text, long[] hits) {
        boolean says(Reason r) {
            return ReasonText.matches(r, hits, text);
        }

        String statusRule() {
            return "status:" + status;
        }
    }

    /** One step of the pipeline: a decision, or null to let the next step decide. */
    private interface Step {
        Decision decide(Ctx c);
    }

    /**
     * A probe of the first probe set: the reason wins when the status code names it ({@code byCode}), or when the
     * reply's words say it ({@code byText}) and the guard allows (the SMTP phase, the status).
     */
    private record Probe(Reason reason, boolean byCode, boolean byText, Predicate<Ctx> textGuard) implements Step {
        @Override
        public Decision decide(Ctx c) {
            if (byCode && c.byStatus() == reason) {
                return new Decision(reason, c.statusRule());
            }
            if (byText && textGuard.test(c) && c.says(reason)) {
                return new Decision(reason, "text:" + reason.id());
            }
            return null;
        }
    }

    private static Probe probe(Reason r) {
        return new Probe(r, true, true, c -> true);
    }

    private static Probe probe(Reason r, boolean byCode, Predicate<Ctx> textGuard) {
        return new Probe(r, byCode, true, textGuard);
    }

    /** SpamDetected: its status code, or its words when a status was given and the phase is DATA or later. */
    private static final Probe SPAM_DETECTED = probe(Reason.SPAMDETECTED, true,
            c -> !c.status().isEmpty() && !exceptData(c.cmd()));

    /**
     * The first probe set (Sisimai::Reason's first class order), in order: status code and text both count, with
     * SMTP-phase guards; the first probe that decides wins.
     */
    private static final List<Step> PROBES = List.of(
            probe(Reason.MAILBOXFULL),
            probe(Reason.MESGTOOBIG, true, c -> !c.status().equals("5.2.3") && !c.status().equals("4.2.3")),
            probe(Reason.EXCEEDLIMIT),
            Classifier::suspend,
            probe(Reason.HASMOVED, false, c -> true),
            probe(Reason.NORELAYING, false, c -> !c.cmd().equals("CONN") && !c.cmd().equals("EHLO")
                    && !c.cmd().equals("HELO")),
            probe(Reason.AUTHFAILURE),
            Classifier::userUnknown,
            Classifier::filtered,
            Classifier::requirePtr,
            probe(Reason.NOTCOMPLIANTRFC, false, c -> true),
            probe(Reason.BADREPUTATION, false, c -> true),
            Classifier::contentError,
            Classifier::rejected,
            Classifier::hostUnknown,
            SPAM_DETECTED,
            Classifier::speeding,
            probe(Reason.TOOMANYCONN),
            probe(Reason.BLOCKED),
            Classifier::starttlsRefused);

    /**
     * The pipeline, in order (after Sisimai's): a reason preset by a format decoder; 2.x.x = delivered;
     * greylisting; receiver-specific rules; the first probe set, for SMTP diagnostics only; then the status-code
     * table with text for the codes it cannot settle, and fallbacks.
     */
    private static final List<Step> STEPS = List.of(
            Classifier::preset,
            Classifier::delivered,
            Classifier::greylisting,
            Classifier::receiverRules,
            Classifier::nttDocomo,
            Classifier::microsoftStatus,
            Classifier::firstProbeSet,
            Classifier::statusTableAndFallbacks);

    /**
     * Whether the diagnostic is an SMTP one: any type but an "X-" one, and Postfix's "X-Postfix" (which
     * Sisimai::Lhost::Postfix reads as SMTP). Sisimai::Reason's find runs its first class order only for SMTP
     * diagnostics; one of an "X-" type ("X-Unix; ..." from a local program, a gateway's own "X-Notes; ...") is not a
     * remote server's reply, so its words are read only in the second order, after the status code (anotherone).
     * The same holds for the status-code table: anotherone keeps a code that settles the reason for an SMTP diagnostic,
     * X-Postfix included, and reads the words over it only for the other types.
     */
    private static boolean smtpDiagnostic(Fact f) {
        return !f.diagnosticType.startsWith("X-") || f.diagnosticType.equals("X-POSTFIX");
    }

    private static Decision firstProbeSet(Ctx c) {
        return smtpDiagnostic(c.f()) ? firstDecision(PROBES, c) : null;
    }

    /** The decision of the first step that decides, or null. */
    private static Decision firstDecision(List<Step> steps, Ctx c) {
        for (Step s : steps) {
            Decision d = s.decide(c);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The reason of a fact whose text is scanned ({@code f.hits}) and command read (Engine.verdict sees to both). */
    public Decision classify(Fact f) {
        String text = f.diagnostic.isEmpty() ? f.context : f.diagnostic;
        Ctx c = new Ctx(f, f.status, byStatus(f.status), f.command, text, f.hits);
        Decision d = firstDecision(STEPS, c);
        if (d == null) {
            throw new IllegalStateException("the last step always decides");
        }
        return d;
    }

    private static Decision preset(Ctx c) {
        Fact f = c.f();
        if (f.presetReason.isEmpty()) {
            return null;
        }
        // A format decoder recognised its own wording: more specific than generic text rules.
        return new Decision(Reason.fromId(f.presetReason), f.presetRule.isEmpty() ? "decoder:" + f.decoder : f.presetRule);
    }

    private static Decision delivered(Ctx c) {
        return c.status().startsWith("2.") ? new Decision(Reason.DELIVERED, c.statusRule()) : null;
    }

    private static Decision greylisting(Ctx c) {
        if (MtaRules.greylisting(c.hits()) && !c.status().startsWith("5") && c.f().replyCode / 100 != 5) {
            // A receiver's policy of deferring unknown senders once: the retry gets through; nobody must act.
            return new Decision(Reason.BLOCKED, "text:greylisting", Fault.RECEIVER_SYSTEM);
        }
        return null;
    }

    /**
     * The per-MTA and per-receiver phrase rules. Sisimai applies an Lhost module's phrases only to the reports that
     * module decoded; here they apply to any report, so a rule naming a dead mailbox or domain is held to the same
     * BeforeRCPT guard as the generic words: a reply to a command sent before RCPT TO (AUTH, MAIL, ...) does not
     * speak of the recipient, whoever's wording it uses.
     */
    private static Decision receiverRules(Ctx c) {
        String hosts = null;
        boolean beforeRcpt = beforeRcpt(c.cmd());
        for (ReasonText.Rhost r : ReasonText.rhost()) {
            if (ReasonText.has(c.hits(), r.id())
                    && !(beforeRcpt && namesDeadAddress(r.reason()))) {
                if (r.host() != null && hosts == null) {
                    hosts = hostsOf(c.f());
                }
                if (hostMatches(r.host(), hosts)) {
                    return new Decision(r.reason(), "rhost:" + r.label());
                }
            }
        }
        return null;
    }

    /**
     * NTT docomo (Sisimai::Rhost::NTTDOCOMO, rb-sisimai lib/sisimai/rhost/nttdocomo.rb), for docomo.ne.jp
     * recipients or its mfsmax.docomo.ne.jp servers: docomo answers "550 Unknown user" both for a missing mailbox
     * and for its subscribers' reception filters, so the status and the SMTP command decide: 5.1.1 (or Sisimai's
     * 5.0.911) is an unknown user, 5.2.0 a filter; else its messages (552 too much mail data, 552 too many
     * recipients, 503/504 sequence errors); else with a bare 5.0.0 the command: RCPT is an unknown user, DATA a
     * rejection (the filter's answer after the message). Nothing else is decided here.
     */
    private static Decision nttDocomo(Ctx c) {
        Fact f = c.f();
        // most reports name no docomo host: three plain searches before the host string is built and matched
        if (Text.indexOfIgnoreCase(f.remoteMta, "docomo.ne.jp", 0) < 0
                && Text.indexOfIgnoreCase(f.recipient, "docomo.ne.jp", 0) < 0
                && Text.indexOfIgnoreCase(f.reportingMta, "docomo.ne.jp", 0) < 0
                || !hostMatches("docomo.ne.jp", hostsOf(f))) {
            return null;
        }
        String st = c.status();
        String rule = "Sisimai::Rhost::NTTDOCOMO:";
        if (st.equals("5.1.1") || st.equals("5.0.911")) {
            return new Decision(Reason.USERUNKNOWN, rule + st);
        }
        if (st.equals("5.2.0")) {
            return new Decision(Reason.FILTERED, rule + st);
        }
        String text = Text.lower(c.text());
        for (String[] m : DOCOMO_MESSAGES) {
            if (text.contains(m[0])) {
                return new Decision(Reason.fromId(m[1]), rule + m[0]);
            }
        }
        if (st.equals("5.0.0") && c.cmd().equals("RCPT")) {
            return new Decision(Reason.USERUNKNOWN, rule + "5.0.0 RCPT");
        }
        if (st.equals("5.0.0") && c.cmd().equals("DATA")) {
            return new Decision(Reason.REJECTED, rule + "5.0.0 DATA");
        }
        return null;
    }

    /** Sisimai::Rhost::NTTDOCOMO MessagesOf, in its order: {lower-case message, reason}. */
    private static final String[][] DOCOMO_MESSAGES = {
        {"552 too much mail data", "mailboxfull"},
        {"552 too many recipients", "toomanyconn"},
        {"503 bad sequence of commands", "syntaxerror"},
        {"504 command parameter not implemented", "syntaxerror"},
    };

    /** Exchange Online's own status codes, when Microsoft's servers gave them. */
    private static Decision microsoftStatus(Ctx c) {
        if (c.byStatus() != null && c.byStatus() != Reason.SECURITYERROR) {
            return null;
        }
        String r = MtaRules.microsoftStatus(c.status());
        return r == null || !hostMatches("outlook", hostsOf(c.f())) ? null
                : new Decision(Reason.fromId(r), "Sisimai::Lhost::Office365:" + c.status());
    }

    private static Decision suspend(Ctx c) {
        if (c.f().replyCode == 525 || c.byStatus() == Reason.SUSPEND) {
            return new Decision(Reason.SUSPEND, c.f().replyCode == 525 ? "replycode:525" : c.statusRule());
        }
        return c.says(Reason.SUSPEND) ? new Decision(Reason.SUSPEND, "text:suspend") : null;
    }

    /** Reasons whose words veto an X.1.x "bad address" code: the reply blames the sender, the IP or the relay. */
    private static final Reason[] USERUNKNOWN_VETOES = {Reason.NORELAYING, Reason.BLOCKED, Reason.MAILBOXFULL,
        Reason.HASMOVED, Reason.REJECTED, Reason.NOTACCEPT};

    /** The veto found for an X.1.x code (kept for the fallbacks), or null. */
    private static Reason userUnknownVeto(Ctx c) {
        if (c.byStatus() != Reason.USERUNKNOWN) {
            return null;
        }
        for (Reason other : USERUNKNOWN_VETOES) {
            if (c.says(other)) {
                return other;
            }
        }
        return null;
    }

    private static Decision userUnknown(Ctx c) {
        if (beforeRcpt(c.cmd())) {
            return null;
        }
        if (c.byStatus() == Reason.USERUNKNOWN) {
            return userUnknownVeto(c) == null ? new Decision(Reason.USERUNKNOWN, c.statusRule()) : null;
        }
        if ((c.cmd().equals("RCPT") || c.cmd().isEmpty() && c.says(Reason.USERUNKNOWN) && rcptPhaseWording(c))
                && (c.says(Reason.USERUNKNOWN)
                || Text.lower(c.text()).contains("recipient address rejected.") && (c.f().replyCode / 100 == 5))) {
            return new Decision(Reason.USERUNKNOWN, "text:userunknown");
        }
        return null;
    }

    /**
     * Wording only an RCPT-phase refusal uses, for replies whose SMTP command was not reported: Postfix's
     * {@code smtpd} says "Recipient address rejected:" only from its recipient restrictions, evaluated at RCPT TO.
     */
    private static boolean rcptPhaseWording(Ctx c) {
        return Text.lower(c.text()).contains("recipient address rejected:");
    }

    private static Decision filtered(Ctx c) {
        if (c.byStatus() == Reason.FILTERED) {
            return c.says(Reason.USERUNKNOWN) || c.says(Reason.FILTERED) ? new Decision(Reason.FILTERED, c.statusRule())
                    : null;
        }
        if (exceptData(c.cmd())) {
            return null;
        }
        if (c.says(Reason.FILTERED)) {
            return new Decision(Reason.FILTERED, "text:filtered");
        }
        if (c.says(Reason.USERUNKNOWN)) {
            // Sisimai's rule (Reason::Filtered): "user unknown" outside the RCPT phase is a filter's answer
            return new Decision(Reason.FILTERED, "text:filtered");
        }
        return null;
    }

    private static Decision requirePtr(Ctx c) {
        if (c.byStatus() == Reason.REQUIREPTR || c.says(Reason.REQUIREPTR)) {
            return new Decision(Reason.REQUIREPTR, c.byStatus() == Reason.REQUIREPTR ? c.statusRule() : "text:requireptr");
        }
        return null;
    }

    /**
     * Sisimai::Reason::ContentError: an X.6.x status or the words, unless SpamDetected would say spam (the more
     * specific answer, decided a few steps later).
     */
    private static Decision contentError(Ctx c) {
        if (SPAM_DETECTED.decide(c) != null) {
            return null;
        }
        if (c.byStatus() == Reason.CONTENTERROR) {
            return new Decision(Reason.CONTENTERROR, c.statusRule());
        }
        return c.says(Reason.CONTENTERROR) ? new Decision(Reason.CONTENTERROR, "text:contenterror") : null;
    }

    /** Rejected (the sender address). */
    private static Decision rejected(Ctx c) {
        if (c.byStatus() == Reason.REJECTED) {
            return new Decision(Reason.REJECTED, c.statusRule());
        }
        boolean vague = c.byStatus() == null || c.byStatus() == Reason.SECURITYERROR
                || c.byStatus() == Reason.SYSTEMERROR;
        if ((c.cmd().equals("MAIL") || c.cmd().equals("DATA") && c.byStatus() != Reason.USERUNKNOWN || vague)
                && c.says(Reason.REJECTED)) {
            return new Decision(Reason.REJECTED, "text:rejected");
        }
        return null;
    }

    private static Decision hostUnknown(Ctx c) {
        if (beforeRcpt(c.cmd())) {
            return null;
        }
        if (c.byStatus() == Reason.HOSTUNKNOWN) {
            return c.says(Reason.NETWORKERROR) ? null : new Decision(Reason.HOSTUNKNOWN, c.statusRule());
        }
        return c.says(Reason.HOSTUNKNOWN) ? new Decision(Reason.HOSTUNKNOWN, "text:hostunknown") : null;
    }

    private static Decision speeding(Ctx c) {
        return c.byStatus() == Reason.SPEEDING || c.says(Reason.SPEEDING) ? new Decision(Reason.SPEEDING, "text:speeding")
                : null;
    }

    /**
     * The receiver refused the STARTTLS command itself (Sisimai::Reason::FailedSTARTTLS: the command is STARTTLS;
     * Sisimai::Reason checks it right after Blocked, before the status-code table): the session never got as far as
     * the recipient, so a vague code ("454 4.7.0", "554 5.7.3") names a failed TLS start, not the address.
     */
    private static Decision starttlsRefused(Ctx c) {
        return c.cmd().equals("STARTTLS") ? new Decision(Reason.FAILEDSTARTTLS, "command:STARTTLS") : null;
    }

    /** The reasons the status-code table cannot settle are looked for in the text, in this order. */
    private static final Reason[] RECHECK_ORDER = {Reason.MAILBOXFULL, Reason.AUTHFAILURE, Reason.BADREPUTATION,
        Reason.SPEEDING, Reason.SPAMDETECTED, Reason.VIRUSDETECTED, Reason.POLICYVIOLATION, Reason.NORELAYING,
        Reason.SYSTEMERROR, Reason.NETWORKERROR, Reason.SUSPEND, Reason.CONTENTERROR, Reason.SYSTEMFULL,
        Reason.NOTACCEPT, Reason.EXPIRED, Reason.FAILEDSTARTTLS, Reason.SECURITYERROR, Reason.SUPPRESSED,
        Reason.MAILERERROR};

    /** The status-code table, with text for the reasons it cannot settle, then class and phase fallbacks. */
    private static Decision statusTableAndFallbacks(Ctx c) {
        Fact f = c.f();
        Reason byStatus = c.byStatus();
        if (byStatus != null && !byStatus.shouldBeRechecked() && smtpDiagnostic(f)) {
            return new Decision(byStatus, c.statusRule());
        }
        Decision d = recheck(c);
        return d != null ? d : fallback(c);
    }

    private static Decision recheck(Ctx c) {
        Fact f = c.f();
        String status = c.status();
        for (Reason r : RECHECK_ORDER) {
            if (c.says(r)) {
                return new Decision(r, "text:" + r.id());
            }
        }
        // The code cannot settle it and the reply says nothing known: read the report's own text too.
        if (!f.context.isEmpty() && c.text() != f.context) {
            long[] more = ReasonText.scan(f.context);
            for (Reason r : RECHECK_ORDER) {
                if (ReasonText.matches(r, more, f.context)) {
                    return new Decision(r, "context:" + r.id());
                }
            }
        }
        if (f.replyCode == 521 || f.replyCode == 556) {
            return new Decision(Reason.NOTACCEPT, "replycode:" + f.replyCode);
        }
        if (f.replyCode == 523 || f.replyCode == 524 || f.replyCode == 538) {
            // the receiver wants encryption (Sisimai::Reason::FailedSTARTTLS: reply codes 523, 524, 538)
            return new Decision(Reason.FAILEDSTARTTLS, "replycode:" + f.replyCode);
        }
        Reason vetoed = userUnknownVeto(c);
        if (vetoed != null && (vetoed != Reason.REJECTED || Text.lower(c.text()).contains("sender"))) {
            // Never call an address dead when the reply blames something else.
            return new Decision(vetoed, "text:" + vetoed.id() + "-over-" + status);
        }
        if (c.byStatus() != null) {
            return new Decision(c.byStatus(), c.statusRule());
        }
        if (status.startsWith("5.6") || status.startsWith("4.6")) {
            return new Decision(Reason.CONTENTERROR, "status-class:" + status);
        }
        if (status.startsWith("5.7") || status.startsWith("4.7")) {
            return new Decision(Reason.SECURITYERROR, "status-class:" + status);
        }
        if (f.diagnosticType.toUpperCase().startsWith("X-UNIX")) {
            return new Decision(Reason.MAILERERROR, "diagnostic-type:x-unix");
        }
        if (syntaxReplyCode(f.replyCode)) {
            return new Decision(Reason.SYNTAXERROR, "replycode:" + f.replyCode);
        }
        if (c.says(Reason.SYNTAXERROR)) {
            return new Decision(Reason.SYNTAXERROR, "text:syntaxerror");
        }
        if (f.action.equals("delayed") || f.action.equals("expired")) {
            return new Decision(Reason.EXPIRED, "action:" + f.action);
        }
        if (c.cmd().equals("EHLO") || c.cmd().equals("HELO")) {
            return new Decision(Reason.BLOCKED, "command:" + c.cmd());
        }
        return null;
    }

    /**
     * Reply codes of the "x0z" syntax group (RFC 5321 §4.2.1) that name a command the receiver could not take:
     * 401-407 and 501-507 (Sisimai::Reason::SyntaxError), and 500 "command unrecognized" (Sisimai::SMTP::Reply).
     * Read only here, after the status code and the words had their say, where Sisimai::Reason reads them.
     */
    private static boolean syntaxReplyCode(int code) {
        return code >= 401 && code <= 407 || code >= 500 && code <= 507;
    }

    private static Decision fallback(Ctx c) {
        if (c.f().action.equals("delayed")) {
            return new Decision(Reason.EXPIRED, "action:delayed");
        }
        if (c.says(Reason.VACATION)) {
            return new Decision(Reason.VACATION, "text:vacation");
        }
        if (!c.text().isBlank()) {
            return new Decision(Reason.ONHOLD, "fallback:onhold");
        }
        return new Decision(Reason.UNDEFINED, "fallback:undefined");
    }

    /** The hosts a receiver rule is matched against: remote MTA, the recipient's domain, the reporting MTA. */
    static String hostsOf(Fact f) {
        return Text.lower(f.remoteMta + " " + domainOf(f.recipient) + " " + f.reportingMta);
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
