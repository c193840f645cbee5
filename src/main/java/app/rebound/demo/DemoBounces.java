package app.rebound.demo;

import app.rebound.campaign.Campaign;
import app.rebound.engine.Verp;
import app.rebound.ingest.VerpKeys;
import app.rebound.ingest.smtp.SmtpListener;
import app.rebound.subscriber.Subscriber;
import app.rebound.subscriber.SubscriberStatus;
import app.rebound.tenant.CurrentMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;

/**
 * "Send demo bounces": real bounce mails, in the words of real receivers, sent over SMTP (Angus Mail) to
 * Rebound's own listener, addressed to VERP return paths of the organisation's newest campaign. The workers then
 * record them and act, and they show up in the bounce log with their actions.
 */
@ApplicationScoped
public class DemoBounces {
    /** The issue's six acceptance rows plus a delay warning. */
    static final String[][] REPLIES = {
        {"5.1.1", "failed", "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos"},
        {"5.2.2", "failed", "552 5.2.2 The email account that you tried to reach is over quota"},
        {"5.7.1", "failed", "550 5.7.1 Message rejected: not authenticated"},
        {"5.2.5", "failed", "550 5.2.5 The message exceeded the maximum size"},
        {"4.7.0", "failed", "451 4.7.0 Greylisted, please try again later"},
        {"5.4.4", "failed", "550 5.4.4 Unable to route: DNS lookup of the recipient domain failed"},
        {"4.4.7", "delayed", "421 4.4.7 Delivery delayed, the server is still trying"},
    };

    private final SmtpListener listener;
    private final VerpKeys verpKeys;
    private final CurrentMember member;

    public DemoBounces(SmtpListener listener, VerpKeys verpKeys, CurrentMember member) {
        this.listener = listener;
        this.verpKeys = verpKeys;
        this.member = member;
    }

    /** What was sent, for the page. */
    public record Sent(long campaignId, String campaignName, List<String> recipients) {
    }

    public boolean available() {
        return listener.port() > 0;
    }

    @Transactional
    public Sent send() {
        String tenant = member.currentTenantId();
        Campaign campaign = Campaign.<Campaign>newestFirst().stream().filter(c -> c.sentAt != null).findFirst().orElse(null);
        if (campaign == null) {
            throw new IllegalStateException("This organisation has no sent campaign to bounce.");
        }
        String domain = campaign.sendingServer.returnPathDomain.toLowerCase(java.util.Locale.ROOT);
        if (!verpKeys.claimDomain(tenant, domain)) {
            throw new IllegalStateException("The return-path domain " + domain + " belongs to another organisation.");
        }
        Verp verp = verpKeys.activeKey(tenant);
        List<Subscriber> targets = Subscriber.find("list = ?1 and status = ?2 order by id desc", campaign.list,
                SubscriberStatus.SUBSCRIBED).page(0, REPLIES.length).list();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(listener.port()));
        props.put("mail.smtp.from", "MAILER-DAEMON@mx.demo-receiver.example");
        Session session = Session.getInstance(props);
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Subscriber s = targets.get(i);
            String returnPath = verp.encode(tenant, Long.toString(campaign.id), Long.toString(s.id), domain);
            byte[] dsn = dsn(returnPath, s.email, REPLIES[i], "c" + campaign.id + ".s" + s.id + "." + System.nanoTime()
                    + "@" + domain);
            try {
                MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(dsn));
                Transport.send(m, new InternetAddress[] {new InternetAddress(returnPath)});
            } catch (MessagingException e) {
                throw new IllegalStateException("The SMTP listener refused a demo bounce: " + e.getMessage(), e);
            }
            sent.add(s.email + ": " + REPLIES[i][2]);
        }
        return new Sent(campaign.id, campaign.name, sent);
    }

    static byte[] dsn(String returnPath, String recipient, String[] reply, String messageId) {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String text = String.join("\r\n",
                "From: Mail Delivery System <MAILER-DAEMON@mx.demo-receiver.example>",
                "To: " + returnPath,
                "Subject: " + ("delayed".equals(reply[1]) ? "Delivery delayed" : "Undelivered Mail Returned to Sender"),
                "Date: " + now,
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"demo\"",
                "",
                "--demo",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "This is the mail system at host mx.demo-receiver.example.",
                "",
                "--demo",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.demo-receiver.example",
                "",
                "Final-Recipient: rfc822; " + recipient,
                "Action: " + reply[1],
                "Status: " + reply[0],
                "Remote-MTA: dns; mx.demo-receiver.example",
                "Diagnostic-Code: smtp; " + reply[2],
                "Last-Attempt-Date: " + now,
                "",
                "--demo",
                "Content-Type: text/rfc822-headers",
                "",
                "Return-Path: <" + returnPath + ">",
                "Message-ID: <" + messageId + ">",
                "To: " + recipient,
                "Subject: Demo campaign",
                "",
                "--demo--",
                "");
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
