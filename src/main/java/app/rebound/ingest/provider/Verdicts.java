package app.rebound.ingest.provider;

import app.rebound.engine.BounceAnalyzer;
import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.engine.Reason;
import app.rebound.engine.RecipientResult;
import app.rebound.engine.StatusCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Turns a provider's recipient event into Rebound's verdict. Failures go through the engine
 * ({@link BounceAnalyzer#classifyReply}) on the status code and reply text the provider passed on, so a webhook
 * bounce is judged exactly like the same reply in a bounce mail. Only when the provider gives no usable reply
 * (the engine finds no reason) does the provider's own classification supply a status, which is then marked as
 * inferred and named in the rule. Complaints, unsubscribes, auto-replies and sends the provider itself refused
 * (its own suppression list) are built directly in the engine's vocabulary.
 */
public final class Verdicts {
    private final BounceAnalyzer engine;

    public Verdicts(BounceAnalyzer engine) {
        this.engine = engine;
    }

    public static Verdicts standard() {
        return new Verdicts(BounceAnalyzer.standard());
    }

    /**
     * A failure or deferral from the receiver's reply.
     *
     * @param fallbackStatus status implied by the provider's classification, used only when the reply says
     *                       nothing the engine can classify; null for none
     */
    RecipientResult reply(Provider p, String recipient, boolean delayed, String status, int replyCode, String text,
            String remoteMta, String fallbackStatus, String classification, Instant at) {
        String action = delayed ? "delayed" : "failed";
        RecipientResult r = engine.classifyReply(recipient, action, blankToNull(status), replyCode, text, remoteMta);
        if (fallbackStatus != null && undecided(r)) {
            String fb = delayed && fallbackStatus.startsWith("5") ? "4" + fallbackStatus.substring(1) : fallbackStatus;
            RecipientResult f = engine.classifyReply(recipient, action, fb, replyCode, text, remoteMta);
            if (!undecided(f)) {
                r = copy(f, true, "provider:" + p.id() + ":" + classification,
                        f.why() + " (" + p.label() + " classified it as " + classification + ".)");
            }
        }
        return at(r, at);
    }

    /** The recipient reported the message as spam (a feedback loop report forwarded by the provider). */
    RecipientResult complaint(Provider p, String recipient, String feedbackType, String classification, Instant at) {
        String ft = feedbackType == null || feedbackType.isBlank() ? "abuse" : feedbackType.trim().toLowerCase();
        return new RecipientResult(recipient, "", "", null, false, 0, "", "", "", "", null, utc(at), Reason.FEEDBACK,
                BounceType.COMPLAINT, false, Fault.UNKNOWN, false, false, ft, "provider:" + p.id() + ":complaint",
                "The recipient marked the message as spam; " + p.label() + " reported it (" + classification + ").");
    }

    /**
     * The recipient unsubscribed through the provider (list-unsubscribe or its unsubscribe link). Expressed as a
     * complaint-type verdict with feedback type {@code unsubscribe}: like a complaint, it makes the subscriber
     * unsubscribed and is not a bounce.
     */
    RecipientResult unsubscribe(Provider p, String recipient, String classification, Instant at) {
        return new RecipientResult(recipient, "", "", null, false, 0, "", "", "", "", null, utc(at), Reason.FEEDBACK,
                BounceType.COMPLAINT, false, Fault.UNKNOWN, false, false, "unsubscribe",
                "provider:" + p.id() + ":unsubscribe",
                "The recipient unsubscribed; " + p.label() + " reported it (" + classification + ").");
    }

    /** An automatic reply (out of office) the provider passed on: recorded, never a bounce. */
    RecipientResult autoReply(Provider p, String recipient, String text, String classification, Instant at) {
        return new RecipientResult(recipient, "", "", null, false, 0, clip(text), "", "", "", null, utc(at),
                Reason.VACATION, BounceType.AUTO_REPLY, false, Fault.UNKNOWN, false, false, "",
                "provider:" + p.id() + ":auto-reply",
                "The recipient's system sent an automatic reply; " + p.label() + " reported it (" + classification + ").");
    }

    /**
     * The provider did not send at all because the address is on its own suppression list or its policy refused
     * it: no new answer from the receiver, so the subscriber is not flipped on this alone; sending to it anyway is
     * the sender's side to look at.
     */
    RecipientResult providerRefused(Provider p, String recipient, String text, String classification, Instant at) {
        return new RecipientResult(recipient, "", "failed", StatusCode.parse("5.0.0"), true, 0, clip(text), "", "",
                "", null, utc(at), Reason.SUPPRESSED, BounceType.HARD, false, Fault.SENDER, false, false, "",
                "provider:" + p.id() + ":suppressed",
                p.label() + " did not send to this address (" + classification + "): it is on the provider's own "
                        + "suppression list or its policy refused it; no receiver answered.");
    }

    private static boolean undecided(RecipientResult r) {
        return r.reason() == Reason.ONHOLD || r.reason() == Reason.UNDEFINED;
    }

    private static RecipientResult copy(RecipientResult r, boolean statusInferred, String rule, String why) {
        return new RecipientResult(r.recipient(), r.originalRecipient(), r.action(), r.status(), statusInferred,
                r.replyCode(), r.diagnostic(), r.remoteMta(), r.reportingMta(), r.smtpCommand(), r.arrivalDate(),
                r.lastAttemptDate(), r.reason(), r.type(), r.delayed(), r.fault(), r.suppress(), r.trapSuspicion(),
                r.feedbackType(), rule, why);
    }

    private static RecipientResult at(RecipientResult r, Instant at) {
        if (at == null || r.lastAttemptDate() != null) {
            return r;
        }
        return new RecipientResult(r.recipient(), r.originalRecipient(), r.action(), r.status(), r.statusInferred(),
                r.replyCode(), r.diagnostic(), r.remoteMta(), r.reportingMta(), r.smtpCommand(), r.arrivalDate(),
                utc(at), r.reason(), r.type(), r.delayed(), r.fault(), r.suppress(), r.trapSuspicion(),
                r.feedbackType(), r.rule(), r.why());
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String clip(String s) {
        String t = s == null ? "" : s;
        return t.length() > 4000 ? t.substring(0, 4000) : t;
    }
}
