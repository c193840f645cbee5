package app.rebound.simulator;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The mails a receiver sends back after accepting: an RFC 3464 DSN and an RFC 5965 (ARF) complaint report. */
final class Reports {
    private Reports() {
    }

    /** The original's header block (up to the blank line), for the text/rfc822-headers or message/rfc822 part. */
    static String headersOf(byte[] original) {
        String s = new String(original, StandardCharsets.UTF_8);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            end = s.indexOf("\n\n");
        }
        String h = end < 0 ? s : s.substring(0, end);
        return h.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
    }

    /** The report's own header block, up to and including the blank line. */
    private static String head(String from, String to, String subject, String date, String hostName, String reportType,
                               String boundary) {
        return "From: " + from + "\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + hostName + ">\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=" + reportType + "; boundary=\"" + boundary + "\"\r\n\r\n";
    }

    static byte[] dsn(String hostName, String returnPath, String recipient, byte[] original) {
        String boundary = "dsn-" + UUID.randomUUID();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        String s = head("Mail Delivery System <MAILER-DAEMON@" + hostName + ">", returnPath,
                "Undelivered Mail Returned to Sender", date, hostName, "delivery-status", boundary)
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host " + hostName + ".\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not\r\n"
                + "be delivered to one or more recipients.\r\n\r\n"
                + "<" + recipient + ">: host " + hostName + " said: 550 5.1.1 <" + recipient + ">:\r\n"
                + "    Recipient address rejected: User unknown in virtual mailbox table\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; " + hostName + "\r\n"
                + "Arrival-Date: " + date + "\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Original-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: failed\r\n"
                + "Status: 5.1.1\r\n"
                + "Remote-MTA: dns; " + hostName + "\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in"
                + " virtual mailbox table\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + headersOf(original)
                + "\r\n--" + boundary + "--\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] arf(String hostName, String returnPath, String recipient, byte[] original) {
        String boundary = "arf-" + UUID.randomUUID();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        String s = head("Feedback Loop <fbl@" + hostName + ">", returnPath, "Complaint about a message you sent", date,
                hostName, "feedback-report", boundary)
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is an email abuse report for an email message received from you.\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: message/feedback-report\r\n\r\n"
                + "Feedback-Type: abuse\r\n"
                + "User-Agent: Rebound-Simulator/1.0\r\n"
                + "Version: 1\r\n"
                + "Original-Mail-From: <" + returnPath + ">\r\n"
                + "Original-Rcpt-To: <" + recipient + ">\r\n"
                + "Arrival-Date: " + date + "\r\n"
                + "Reported-Domain: " + domainOf(returnPath) + "\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + headersOf(original)
                + "\r\n--" + boundary + "--\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1);
    }
}
