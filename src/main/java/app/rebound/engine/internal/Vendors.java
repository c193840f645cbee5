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
        long[] headHits = facts.isEmpty() ? null : ReasonText.scan(Text.clip(Decoders.humanHead(mail, human), 20_000));
        boolean delayNotice = headHits != null && MtaRules.anyDelayNotice(headHits);
        for (Fact f : facts) {
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
        long[] h = f.hits != null ? f.hits
                : (f.hits = ReasonText.scan(f.diagnostic.isEmpty() ? f.context : f.diagnostic));
        if (hit(h, "retry timeout exceeded") || hit(h, "retry time not reached for any host after a long")) {
            preset(f, "expired", "exim:retry-timeout");
        }
        // qmail-send wording (qmail-remote/qmail-local messages), more specific than its closing sentence
        // "this message has been in the queue too long".
        for (String[] q : QMAIL) {
            if (hit(h, q[0])) {
                preset(f, q[1], "qmail:" + q[1]);
                break;
            }
        }
        for (String[] x : EXCHANGE) {
            if (hit(h, x[0])) {
                preset(f, x[1], "exchange:" + x[1]);
                break;
            }
        }
        if (hit(h, "interscan messaging security suite") && hit(h, "please check if address is correct")) {
            preset(f, "userunknown", "interscan:check-address");
        }
        if (hit(h, "not listed in public name & address book") || hit(h, "not listed in domino directory")) {
            preset(f, "userunknown", "domino:not-listed");
        }
        if (f.presetReason.isEmpty()) {
            MtaRules.Rule rule = MtaRules.first(h, Classifier.hostsOf(f) + " " + Text.lower(reportDomain));
            if (rule != null) {
                preset(f, rule.reason(), rule.origin() + ":" + rule.phrase().trim());
            }
        }
        if (f.presetReason.isEmpty()) {
            String[] byCode = MtaRules.byCode(Text.lower(f.diagnostic.isEmpty() ? f.context : f.diagnostic));
            if (byCode != null) {
                preset(f, byCode[0], byCode[1]);
            }
        }
    }

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
        return out;
    }

    private static boolean hit(long[] hits, String phrase) {
        return ReasonText.has(hits, ReasonText.idOf(phrase));
    }

    private static void preset(Fact f, String reason, String rule) {
        if (f.presetReason.isEmpty()) {
            f.presetReason = reason;
            f.presetRule = rule;
        }
    }
}
