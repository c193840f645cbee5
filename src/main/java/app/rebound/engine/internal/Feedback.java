package app.rebound.engine.internal;

import java.util.ArrayList;
import java.util.List;

/** RFC 5965 ARF reports and the non-ARF complaint formats of docs §4. */
final class Feedback {
    private Feedback() {
    }

    record Result(String format, String feedbackType, List<String> recipients, String diagnostic, String reportingMta,
                  String arrivalDate) {
        /** not-spam and auth-failure reports are feedback, not complaints. */
        boolean isComplaint() {
            return !feedbackType.equals("not-spam") && !feedbackType.equals("auth-failure");
        }
    }

    static Result detect(ParsedMail mail, String subject, String from) {
        for (Part p : mail.parts) {
            if (p.isFeedbackReport()) {
                Headers h = Headers.parseBlock(p.text(), 0, 200);
                String type = Text.lower(h.get("feedback-type")).trim();
                if (type.isEmpty()) {
                    type = "other";
                }
                List<String> rcpts = new ArrayList<>();
                for (String v : h.all("original-rcpt-to")) {
                    addAll(rcpts, v);
                }
                for (String v : h.all("removal-recipient")) {
                    addAll(rcpts, v);
                }
                if (rcpts.isEmpty()) {
                    rcpts.addAll(originalTo(mail));
                }
                String diag = "Feedback-Type: " + type;
                String ua = h.get("user-agent");
                if (!ua.isEmpty()) {
                    diag += "; User-Agent: " + ua;
                }
                String src = h.get("source-ip");
                if (!src.isEmpty()) {
                    diag += "; Source-IP: " + src;
                }
                String arrival = h.get("arrival-date");
                if (arrival.isEmpty()) {
                    arrival = h.get("received-date");
                }
                return new Result("arf", type, rcpts, diag, Decoders.afterSemicolon(h.get("reporting-mta")), arrival);
            }
        }
        String subj = Text.lower(subject);
        boolean microsoft = from.equals("staff@hotmail.com") && subj.contains("complaint about message from");
        boolean ses = from.startsWith("complaints@") && from.contains("amazonses.com");
        boolean apple = Text.lower(mail.head.get("x-apple-unsubscribe")).trim().equals("true");
        if (microsoft || ses || apple) {
            String fmt = microsoft ? "microsoft-jmrp" : ses ? "amazonses" : "apple";
            return new Result(fmt, apple ? "opt-out" : "abuse", originalTo(mail), Text.clip(subject, 300), "",
                    mail.head.get("date"));
        }
        return null;
    }

    private static void addAll(List<String> out, String v) {
        for (int[] a : Text.findAddresses(v, 50)) {
            String addr = Text.addressAt(v, a);
            if (!out.contains(addr)) {
                out.add(addr);
            }
        }
    }

    private static List<String> originalTo(ParsedMail mail) {
        List<String> out = new ArrayList<>();
        if (mail.original != null) {
            for (String v : mail.original.all("to")) {
                addAll(out, v);
            }
        }
        return out;
    }
}
