package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of local delivery agents (dovecot's LDA, mail.local, procmail, maildrop, vpopmail, vmailmgr), as
 * data: facts taken from Sisimai's local-delivery-agent table, {@code Sisimai::LDA} (p5-sisimai lib/Sisimai/LDA.pm,
 * go-sisimai lda/lib.go; BSD-2-Clause), each with its origin; the code that applies them is Rebound's.
 *
 * <p>An agent is known by its own wording in the diagnostic (its name as a message prefix, dovecot by its rejection
 * template), a message only counts for the agent that wrote it, and, as in Sisimai, the table is read only when the
 * reply answered no SMTP command or DATA: a local agent speaks after the message was accepted. When an agent is
 * named but none of its messages is found, the agent failed in a way it does not say: {@code mailererror}.
 */
final class LocalAgents {
    private LocalAgents() {
    }

    /** A local delivery agent: its name, the origin of its marks, and the wording (lower case) that names it. */
    record Agent(String name, String origin, String... marks) {
    }

    /** One message of an agent (lower case), the reason it means, and its origin. */
    record Message(String agent, String phrase, String reason, String origin) {
    }

    private static final String LDA = "Sisimai::LDA";

    /** In the order they are looked for (Sisimai's is a hash's: no two agents' marks overlap in practice). */
    static final List<Agent> AGENTS = List.of(
            // dovecot/src/deliver/deliver.c DEFAULT_MAIL_REJECTION_HUMAN_REASON "Your message to <%t> was
            // automatically rejected:%n%r" (go-sisimai's lower-case marks; p5's mixed-case one never matches)
            new Agent("dovecot", LDA + " (dovecot deliver.c)", "your message to <", "> was automatically rejected:"),
            new Agent("mail.local", LDA, "mail.local: "),
            new Agent("procmail", LDA, "procmail: ", "/procmail "),
            new Agent("maildrop", LDA, "maildrop: "),
            new Agent("vpopmail", LDA, "vdelivermail: "),
            new Agent("vmailmgr", LDA, "vdeliver: "));

    private static Message m(String agent, String phrase, String reason) {
        return new Message(agent, phrase, reason, LDA);
    }

    private static Message m(String agent, String phrase, String reason, String origin) {
        return new Message(agent, phrase, reason, origin);
    }

    static final List<Message> MESSAGES = List.of(
            m("dovecot", "not enough disk space", "mailboxfull", LDA + " (dovecot mail-send.c)"),
            m("dovecot", "quota exceeded (mailbox for user is full)", "mailboxfull",
                    LDA + " (dovecot plugins/quota/quota.c)"),
            m("dovecot", "quota exceeded", "mailboxfull", LDA + " (dovecot 1.2 plugins/quota/quota.c)"),
            m("dovecot", "mailbox doesn't exist: ", "userunknown"),
            m("mail.local", "disc quota exceeded", "mailboxfull"),
            m("mail.local", "mailbox full or quota exceeded", "mailboxfull"),
            m("mail.local", "temporary file write error", "systemerror"),
            m("mail.local", ": invalid mailbox path", "userunknown"),
            m("mail.local", ": unknown user:", "userunknown"),
            m("mail.local", ": user missing home directory", "userunknown"),
            m("mail.local", ": user unknown", "userunknown"),
            m("procmail", "quota exceeded while writing", "mailboxfull"),
            m("procmail", "user over quota", "mailboxfull"),
            m("procmail", "service unavailable", "systemerror"),
            m("procmail", "no space left to finish writing", "systemfull"),
            m("maildrop", "maildir over quota.", "mailboxfull"),
            m("maildrop", "invalid user specified.", "userunknown"),
            m("maildrop", "cannot find system user", "userunknown"),
            m("vpopmail", "user does not exist, but will deliver to ", "filtered"),
            m("vpopmail", "domain is over quota", "mailboxfull"),
            m("vpopmail", "user is over quota", "mailboxfull"),
            m("vpopmail", "account is locked email bounced", "suspend"),
            m("vpopmail", "sorry, no mailbox here by that name.", "userunknown"),
            m("vmailmgr", "delivery failed due to system quota violation", "mailboxfull"),
            m("vmailmgr", "invalid or unknown base user or domain", "userunknown"),
            m("vmailmgr", "invalid or unknown virtual user", "userunknown"),
            m("vmailmgr", "user name does not refer to a virtual user", "userunknown"));

    /** Every phrase used here; registered in the shared automaton. */
    static List<String> phrases() {
        List<String> out = new ArrayList<>();
        for (Agent a : AGENTS) {
            out.addAll(List.of(a.marks()));
        }
        for (Message x : MESSAGES) {
            out.add(x.phrase());
        }
        return out;
    }

    /**
     * The reason and rule id the agent named in a diagnostic gives, from the diagnostic's scanned hits: {reason,
     * rule}, or null when no agent is named or the reply answered an SMTP command other than DATA ({@code command}
     * "" when none is known).
     */
    static String[] find(long[] hits, String command) {
        if (!command.isEmpty() && !command.equals("DATA")) {
            return null;
        }
        Agent agent = null;
        for (int i = 0; i < AGENTS.size() && agent == null; i++) {
            for (int id : Ids.MARKS[i]) {
                if (ReasonText.has(hits, id)) {
                    agent = AGENTS.get(i);
                    break;
                }
            }
        }
        if (agent == null) {
            return null;
        }
        for (int i = 0; i < MESSAGES.size(); i++) {
            Message x = MESSAGES.get(i);
            if (x.agent().equals(agent.name()) && ReasonText.has(hits, Ids.MESSAGES[i])) {
                return new String[] {x.reason(), x.origin() + ":" + agent.name() + ":" + x.phrase().trim()};
            }
        }
        // procmail: Couldn't create "/var/mail/..." -- the agent failed, in words none of its messages has
        return new String[] {"mailererror", agent.origin() + ":" + agent.name()};
    }

    /** Phrase ids, resolved once (in the order of the tables above). */
    private static final class Ids {
        static final int[][] MARKS = new int[AGENTS.size()][];
        static final int[] MESSAGES = new int[LocalAgents.MESSAGES.size()];

        static {
            for (int i = 0; i < AGENTS.size(); i++) {
                MARKS[i] = ReasonText.idsOf(AGENTS.get(i).marks());
            }
            for (int i = 0; i < MESSAGES.length; i++) {
                MESSAGES[i] = ReasonText.idOf(LocalAgents.MESSAGES.get(i).phrase());
            }
        }
    }
}
