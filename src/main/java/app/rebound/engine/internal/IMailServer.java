package app.rebound.engine.internal;

/**
 * Ipswitch IMail Server's notices ("Undeliverable Mail", X-Mailer "&lt;SMTP32 v..."), as Sisimai::Lhost::IMailServer
 * reads them: its per-recipient lines ("Unknown user: a@b") carry its own wording, which it anchors at the start of
 * the diagnosis (ReFailures). Read only in a notice of this format: "Unknown user" at the start of an IMail line means
 * that the server has no such mailbox, whatever the SMTP phase, where the same words in another MTA's reply do not.
 */
final class IMailServer {
    private IMailServer() {
    }

    /** Sisimai::Lhost::IMailServer's format test: the subject "Undeliverable Mail", or X-Mailer "&lt;SMTP32 v". */
    static boolean isNotice(ParsedMail mail, String subject) {
        return subject.strip().equals("Undeliverable Mail") || mail.head.get("x-mailer").startsWith("<SMTP32 v");
    }

    /**
     * Sisimai::Lhost::IMailServer ReFailures, in its order: {reason, rule}; "Unknown host" anywhere, the others at the
     * start of the diagnosis. Its "undeliverable to" (reason undefined) decides nothing and is left out.
     */
    private static final String[][] START = {
        {"Unknown user", "userunknown"},
        {"Invalid final delivery userid", "userunknown"},
        {"User mailbox exceeds allowed size", "mailboxfull"},
        {"Requested action not taken: virus detected", "virusdetected"},
    };

    /** The reason and rule id for an IMail diagnosis, or null. */
    static String[] failure(String diagnosis) {
        if (diagnosis.contains("Unknown host")) {
            return new String[] {"hostunknown", "Sisimai::Lhost::IMailServer:Unknown host"};
        }
        for (String[] e : START) {
            if (diagnosis.startsWith(e[0])) {
                return new String[] {e[1], "Sisimai::Lhost::IMailServer:" + e[0]};
            }
        }
        if (diagnosis.matches("(?s)Delivery failed \\d+ attempts.*")) {
            return new String[] {"expired", "Sisimai::Lhost::IMailServer:Delivery failed N attempts"};
        }
        return null;
    }
}
