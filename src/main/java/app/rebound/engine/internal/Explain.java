package app.rebound.engine.internal;

import app.rebound.engine.Reason;
import app.rebound.engine.StatusCode;

/** One sentence a support person understands. */
final class Explain {
    private Explain() {
    }

    static String receiver(Fact f) {
        String h = Text.lower(f.remoteMta + " " + Classifier.domainOf(f.recipient));
        if (h.contains("google") || h.contains("gmail")) {
            return "Gmail";
        }
        if (h.contains("outlook") || h.contains("hotmail") || h.contains("live.com") || h.contains("msn.com")) {
            return "Microsoft";
        }
        if (h.contains("yahoo")) {
            return "Yahoo";
        }
        if (h.contains("aol")) {
            return "AOL";
        }
        if (h.contains("icloud") || h.contains("me.com") || h.contains("mac.com")) {
            return "iCloud";
        }
        if (h.contains("mimecast")) {
            return "Mimecast";
        }
        if (h.contains("pphosted") || h.contains("proofpoint")) {
            return "Proofpoint";
        }
        if (h.contains("barracuda")) {
            return "Barracuda";
        }
        if (!f.remoteMta.isEmpty()) {
            return "The receiving server " + Text.clip(f.remoteMta, 80);
        }
        return "The receiving side";
    }

    static String why(Fact f, Reason reason, StatusCode status, boolean inferred, int reply) {
        String codes = (reply != 0 ? reply + " " : "") + (status != null && !inferred ? status.toString() : "");
        codes = codes.trim();
        String tail = codes.isEmpty() ? "" : " (" + codes + ")";
        if (reason == Reason.DELIVERED) {
            return "The message was delivered" + tail + ".";
        }
        String s = receiver(f) + " said " + reason.phrase() + tail;
        if (f.action.equals("delayed")) {
            return s + "; the sending server is still retrying.";
        }
        return switch (reason) {
            case USERUNKNOWN, HOSTUNKNOWN, HASMOVED -> s + "; stop mailing this address.";
            case NOTACCEPT -> s + (status != null && status.isTransient() ? "." : "; stop mailing this address.");
            case MAILBOXFULL -> s + "; retry later, the address is still valid.";
            case BLOCKED, BADREPUTATION, SPAMDETECTED, AUTHFAILURE, REQUIREPTR, POLICYVIOLATION, REJECTED ->
                    s + "; fix the sending side, the address is not at fault.";
            case ONHOLD, UNDEFINED -> "The report did not say clearly why delivery failed" + tail + ".";
            default -> s + ".";
        };
    }
}
