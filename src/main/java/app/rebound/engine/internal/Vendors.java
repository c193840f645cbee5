package app.rebound.engine.internal;

import java.util.List;

/** Format-specific adjustments for MTAs whose wording says more than their codes. */
final class Vendors {
    private Vendors() {
    }

    static void refine(ParsedMail mail, String subject, String from, String human, List<Fact> facts) {
        String lowerSubject = Text.lower(subject);
        for (Fact f : facts) {
            String d = Text.lower(f.diagnostic);
            if (lowerSubject.contains("warning") && lowerSubject.contains("delay") && f.action.equals("failed")
                    && f.decoder.equals("text")) {
                f.action = "delayed";
            }
            if (d.contains("retry timeout exceeded") || d.contains("retry time not reached for any host after a long")) {
                f.presetReason = "expired";
                f.presetRule = "exim:retry-timeout";
            }
        }
    }
}
