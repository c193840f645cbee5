package app.rebound.engine;

import java.nio.charset.StandardCharsets;

/** Builders of realistic test mails (fixtures, not copies of the corpus). */
final class Mails {
    private Mails() {
    }

    static final String ORIGINAL = String.join("\r\n",
            "Return-Path: <bounce+acme.42.1001.0000000000000000@bounces.rebound.example>",
            "Message-ID: <c42.s1001@rebound.example>",
            "From: News <news@shop.example>",
            "To: {RCPT}",
            "Subject: Our November offers",
            "X-Rebound-Tenant: acme",
            "X-Rebound-Campaign: 42",
            "X-Rebound-Subscriber: 1001",
            "",
            "Hello!",
            "");

    /** A multipart/report DSN as Postfix, Gmail or Exchange would send it. */
    static byte[] dsn(String reportFrom, String subject, String human, String rcpt, String action, String status,
                      String remoteMta, String diagnostic) {
        StringBuilder sb = new StringBuilder();
        sb.append("Return-Path: <>\r\n");
        sb.append("From: ").append(reportFrom).append("\r\n");
        sb.append("To: bounce+acme.42.1001.0000000000000000@bounces.rebound.example\r\n");
        sb.append("Subject: ").append(subject).append("\r\n");
        sb.append("Date: Sat, 28 Nov 2026 09:00:00 +0000\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n\r\n");
        sb.append("--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").append(human).append("\r\n\r\n");
        sb.append("--B1\r\nContent-Type: message/delivery-status\r\n\r\n");
        sb.append("Reporting-MTA: dns; mta1.rebound.example\r\n");
        sb.append("Arrival-Date: Sat, 28 Nov 2026 08:59:58 +0000\r\n\r\n");
        sb.append("Final-Recipient: rfc822; ").append(rcpt).append("\r\n");
        sb.append("Original-Recipient: rfc822; ").append(rcpt).append("\r\n");
        sb.append("Action: ").append(action).append("\r\n");
        sb.append("Status: ").append(status).append("\r\n");
        if (remoteMta != null) {
            sb.append("Remote-MTA: dns; ").append(remoteMta).append("\r\n");
        }
        if (diagnostic != null) {
            sb.append("Diagnostic-Code: smtp; ").append(diagnostic).append("\r\n");
        }
        sb.append("Last-Attempt-Date: Sat, 28 Nov 2026 09:00:00 +0000\r\n\r\n");
        sb.append("--B1\r\nContent-Type: message/rfc822\r\n\r\n").append(ORIGINAL.replace("{RCPT}", rcpt));
        sb.append("\r\n--B1--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A whole raw mail written as a text block (header fields, blank line, body), sent with CRLF line ends. */
    static byte[] raw(String mail) {
        return mail.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] plain(String headers, String body) {
        return (headers.replace("\n", "\r\n") + "\r\n\r\n" + body.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
    }
}
