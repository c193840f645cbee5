package app.rebound.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Realistic bounce mails for ingestion tests: an RFC 3464 report returned to a VERP address, with the original. */
public final class BounceMails {
    private BounceMails() {
    }

    /** What the bounce is about: where it was returned to, which original it carries, what the receiver said. */
    public record Spec(String returnPath, String recipient, String status, String diagnostic, String messageId,
                       String campaign, String subscriber, String sendingIp) {
        public Spec withMessageId(String id) {
            return new Spec(returnPath, recipient, status, diagnostic, id, campaign, subscriber, sendingIp);
        }
    }

    public static Spec aBounce(String returnPath, String recipient, String status, String diagnostic) {
        return new Spec(returnPath, recipient, status, diagnostic, "m-" + Math.abs(recipient.hashCode()) + "@rebound.test",
                "", "", "192.0.2.25");
    }

    public static byte[] dsn(Spec s) {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        boolean delayed = s.status().startsWith("4") && s.diagnostic().toLowerCase().contains("delay");
        StringBuilder b = new StringBuilder();
        b.append("Return-Path: <>\r\n")
                .append("From: Mail Delivery System <MAILER-DAEMON@mx.receiver.example>\r\n")
                .append("To: ").append(s.returnPath()).append("\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ").append(now).append("\r\n")
                .append("Message-ID: <dsn-").append(Math.abs((s.recipient() + s.status() + s.diagnostic()).hashCode()))
                .append("@mx.receiver.example>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n\r\n")
                .append("--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("I'm sorry to have to inform you that your message could not be delivered.\r\n\r\n")
                .append("--B1\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; mx.receiver.example\r\n\r\n")
                .append("Final-Recipient: rfc822; ").append(s.recipient()).append("\r\n")
                .append("Action: ").append(delayed ? "delayed" : "failed").append("\r\n")
                .append("Status: ").append(s.status()).append("\r\n")
                .append("Remote-MTA: dns; mx.receiver.example\r\n")
                .append("Diagnostic-Code: smtp; ").append(s.diagnostic()).append("\r\n")
                .append("Last-Attempt-Date: ").append(now).append("\r\n\r\n")
                .append("--B1\r\nContent-Type: message/rfc822\r\n\r\n")
                .append("Received: from mta.sender.test (mta.sender.test [").append(s.sendingIp())
                .append("]) by mx.receiver.example with ESMTP; ").append(now).append("\r\n")
                .append("Return-Path: <").append(s.returnPath()).append(">\r\n")
                .append("Message-ID: <").append(s.messageId()).append(">\r\n")
                .append("From: News <news@shop.test>\r\n")
                .append("To: ").append(s.recipient()).append("\r\n")
                .append("Subject: Our offers\r\n");
        if (!s.campaign().isEmpty()) {
            b.append("X-Rebound-Campaign: ").append(s.campaign()).append("\r\n");
        }
        if (!s.subscriber().isEmpty()) {
            b.append("X-Rebound-Subscriber: ").append(s.subscriber()).append("\r\n");
        }
        b.append("\r\nHello!\r\n\r\n--B1--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
