package app.rebound.ingest.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.engine.Outcome;
import app.rebound.engine.Reason;
import app.rebound.engine.RecipientResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each provider's payloads (hand-written after the providers' documentation, with addresses of our own) map onto
 * the engine's verdicts; engagement events are ignored; malformed input is refused with a message.
 */
class ProviderPayloadsTest {
    private static final Verdicts VERDICTS = Verdicts.standard();

    static List<ProviderEvent> parse(Provider p, String resource) {
        return p.parse(SignedPayloads.resource(resource).getBytes(StandardCharsets.UTF_8), VERDICTS);
    }

    static List<ProviderEvent> parseText(Provider p, String json) {
        return p.parse(json.getBytes(StandardCharsets.UTF_8), VERDICTS);
    }

    static Map<String, ProviderEvent> byRecipient(List<ProviderEvent> events) {
        return events.stream().collect(Collectors.toMap(e -> e.verdict().recipient(), Function.identity()));
    }

    static void assertHardSuppress(RecipientResult r) {
        assertEquals(Reason.USERUNKNOWN, r.reason(), r::toString);
        assertEquals(BounceType.HARD, r.type(), r::toString);
        assertEquals(Fault.RECIPIENT, r.fault(), r::toString);
        assertTrue(r.suppress(), r::toString);
    }

    // --- Amazon SES -----------------------------------------------------------------------------------------

    @Test
    void sesBounceInsideAnSnsEnvelopeGivesOneEventPerRecipientJudgedByTheEngine() {
        String ses = SignedPayloads.resource("ses-bounce-permanent.json");
        byte[] envelope = SignedPayloads.bytes(SignedPayloads.snsNotification("msg-1", ses, "2", SignedPayloads.snsKey()));
        List<ProviderEvent> events = Provider.SES.parse(envelope, VERDICTS);
        assertEquals(2, events.size());
        Map<String, ProviderEvent> m = byRecipient(events);
        ProviderEvent gone = m.get("marta.kowalski@posta.example.pl");
        assertHardSuppress(gone.verdict());
        assertEquals("5.1.1", gone.verdict().statusText());
        assertEquals(550, gone.verdict().replyCode());
        assertEquals("Permanent/General", gone.providerClassification());
        assertEquals("acme", gone.links().tenant());
        assertEquals("4711", gone.links().campaign());
        assertEquals("90210", gone.links().subscriber());
        assertEquals("c41.7788@mail.shop.example.com", gone.links().messageId());
        assertFalse(gone.links().verpVerified());
        assertEquals(Outcome.BOUNCE, gone.toReport().outcome());

        RecipientResult full = m.get("jonas.berg@fjell.example.no").verdict();
        assertEquals(Reason.MAILBOXFULL, full.reason());
        assertEquals(BounceType.SOFT, full.type());
        assertFalse(full.suppress());
        assertNotEquals(gone.eventKey(), m.get("jonas.berg@fjell.example.no").eventKey());
        assertTrue(gone.eventKey().startsWith("ses:0102018c5e8a7b21-3c1f4e2a"), gone.eventKey());
    }

    @Test
    void sesNoEmailWithoutDsnFallsBackOnSesClassificationAndSaysSo() {
        List<ProviderEvent> events = parse(Provider.SES, "ses-bounce-noemail.json");
        assertEquals(1, events.size());
        RecipientResult r = events.get(0).verdict();
        assertHardSuppress(r);
        assertTrue(r.statusInferred());
        assertEquals("provider:ses:Permanent/NoEmail", r.rule());
        assertTrue(r.why().contains("Permanent/NoEmail"), r.why());
        assertEquals("c-77", events.get(0).links().campaign());
        assertEquals("s-3141", events.get(0).links().subscriber());
    }

    @Test
    void sesSuppressedIsNotANewBounceAndFlipsNobody() {
        RecipientResult r = parse(Provider.SES, "ses-bounce-suppressed.json").get(0).verdict();
        assertEquals(Reason.SUPPRESSED, r.reason());
        assertEquals(Fault.SENDER, r.fault());
        assertFalse(r.suppress());
    }

    @Test
    void sesComplaintIsAComplaintAndNotSpamIsNothing() {
        List<ProviderEvent> events = parse(Provider.SES, "ses-complaint.json");
        assertEquals(1, events.size());
        RecipientResult r = events.get(0).verdict();
        assertEquals(BounceType.COMPLAINT, r.type());
        assertEquals(Reason.FEEDBACK, r.reason());
        assertEquals("abuse", r.feedbackType());
        assertEquals("angry.reader@webmail.example.com", r.recipient());
        assertEquals(Outcome.COMPLAINT, events.get(0).toReport().outcome());
        assertEquals("777", events.get(0).links().subscriber());
        assertEquals(List.of(), parse(Provider.SES, "ses-complaint-not-spam.json"));
    }

    @Test
    void sesDeliveryDelayIsSoftAndNeverSuppresses() {
        List<ProviderEvent> events = parse(Provider.SES, "ses-delay.json");
        assertEquals(1, events.size());
        RecipientResult r = events.get(0).verdict();
        assertTrue(r.delayed());
        assertEquals(BounceType.SOFT, r.type());
        assertFalse(r.suppress());
        assertEquals(Outcome.DELAYED, events.get(0).toReport().outcome());
    }

    @Test
    void sesDeliveryAndSubscriptionConfirmationHoldNoEvent() {
        assertEquals(List.of(), parse(Provider.SES, "ses-delivery.json"));
        byte[] confirm = SignedPayloads.bytes(SignedPayloads.snsSubscription(
                "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc", SignedPayloads.snsKey()));
        assertEquals(List.of(), Provider.SES.parse(confirm, VERDICTS));
    }

    @Test
    void sesMalformedInputsAreRefusedWithAMessage() {
        PayloadException e = assertThrows(PayloadException.class, () -> parseText(Provider.SES,
                "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\":\"this is not json\"}"));
        assertTrue(e.getMessage().contains("SNS Message"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SES,
                "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":\"x@y.example\"},\"mail\":{\"messageId\":\"m\"}}"));
        assertTrue(e.getMessage().contains("bouncedRecipients"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SES, "[1,2]"));
        assertTrue(e.getMessage().contains("object"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SES, "{\"foo\":1}"));
        assertTrue(e.getMessage().contains("notificationType"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SES, "{\"Type\":\"Notification\",\"Type\":\"x\"}"));
        assertTrue(e.getMessage().toLowerCase().contains("duplicate"), e.getMessage());
    }

    // --- SendGrid -------------------------------------------------------------------------------------------

    @Test
    void sendGridBatchMapsBouncesComplaintsAndUnsubscribesAndIgnoresEngagement() {
        List<ProviderEvent> events = parse(Provider.SENDGRID, "sendgrid-batch.json");
        assertEquals(List.of("bounce", "bounce", "deferred", "dropped", "spamreport", "unsubscribe"),
                events.stream().map(ProviderEvent::event).toList());
        Map<String, ProviderEvent> m = byRecipient(events);

        ProviderEvent hard = m.get("tomas.novak@seznam.example.cz");
        assertHardSuppress(hard.verdict());
        assertEquals("sendgrid:Ym91bmNlLTIy", hard.eventKey());
        assertEquals("bounce/Invalid Address", hard.providerClassification());
        assertEquals("acme", hard.links().tenant());
        assertEquals("9002", hard.links().subscriber());
        assertEquals("sg.2222@ismtpd.example", hard.links().messageId());

        RecipientResult blocked = m.get("ops@corp.example.com").verdict();
        assertEquals(Fault.SENDER, blocked.fault());
        assertFalse(blocked.suppress());

        RecipientResult grey = m.get("eva.lind@post.example.se").verdict();
        assertEquals(BounceType.SOFT, grey.type());
        assertTrue(grey.delayed());
        assertFalse(grey.suppress());

        RecipientResult dropped = m.get("old.friend@legacy.example.net").verdict();
        assertEquals(Reason.SUPPRESSED, dropped.reason());
        assertFalse(dropped.suppress());

        assertEquals(BounceType.COMPLAINT, m.get("not.amused@inbox.example.fr").verdict().type());
        assertEquals("9003", m.get("not.amused@inbox.example.fr").links().subscriber());
        RecipientResult unsub = m.get("bye.now@inbox.example.fr").verdict();
        assertEquals(BounceType.COMPLAINT, unsub.type());
        assertEquals("unsubscribe", unsub.feedbackType());
    }

    @Test
    void sendGridRefusesWhatIsNotAnEventArray() {
        PayloadException e = assertThrows(PayloadException.class, () -> parseText(Provider.SENDGRID, "{\"event\":\"bounce\"}"));
        assertTrue(e.getMessage().contains("array"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SENDGRID, "[{\"event\":\"bounce\"}, 42]"));
        assertTrue(e.getMessage().contains("event[1]"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SENDGRID, "[{\"event\":{\"x\":1}}]"));
        assertTrue(e.getMessage().contains("event[0].event"), e.getMessage());
        String many = "[" + "{\"event\":\"open\"},".repeat(SendGridPayloads.MAX_EVENTS) + "{\"event\":\"open\"}]";
        e = assertThrows(PayloadException.class, () -> parseText(Provider.SENDGRID, many));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    // --- Mailgun --------------------------------------------------------------------------------------------

    @Test
    void mailgunFailedEventsAreJudgedFromDeliveryStatus() {
        ProviderEvent hard = parse(Provider.MAILGUN, "mailgun-failed-permanent.json").get(0);
        assertHardSuppress(hard.verdict());
        assertEquals("failed/permanent/bounce", hard.providerClassification());
        assertEquals("mx1.post.example.nl", hard.verdict().remoteMta());
        assertEquals("601", hard.links().campaign());
        assertEquals("20261130094100.1.ABCDEF@mg.shop.example.com", hard.links().messageId());
        assertEquals("mailgun:G9Bn5sl1TC6nu79C8C0bwg:1764496800.112233", hard.eventKey());

        RecipientResult temp = parse(Provider.MAILGUN, "mailgun-failed-temporary.json").get(0).verdict();
        assertEquals(Reason.MAILBOXFULL, temp.reason());
        assertEquals(BounceType.SOFT, temp.type());
        assertFalse(temp.suppress());

        RecipientResult sup = parse(Provider.MAILGUN, "mailgun-suppress-bounce.json").get(0).verdict();
        assertEquals(Reason.SUPPRESSED, sup.reason());
        assertFalse(sup.suppress());
    }

    @Test
    void mailgunComplaintActsAndDeliveryIsIgnored() {
        ProviderEvent c = parse(Provider.MAILGUN, "mailgun-complained.json").get(0);
        assertEquals(BounceType.COMPLAINT, c.verdict().type());
        assertEquals("7002", c.links().subscriber());
        assertEquals(List.of(), parse(Provider.MAILGUN, "mailgun-delivered.json"));
        PayloadException e = assertThrows(PayloadException.class, () -> parseText(Provider.MAILGUN, "{\"signature\":{}}"));
        assertTrue(e.getMessage().contains("event-data"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.MAILGUN, "timestamp=1&token=x&signature=y"));
        assertTrue(e.getMessage().contains("legacy") && e.getMessage().contains("JSON webhooks"), e.getMessage());
        e = assertThrows(PayloadException.class, () -> parseText(Provider.MAILGUN, "{\"event-data\": "));
        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
    }

    // --- Postmark -------------------------------------------------------------------------------------------

    @Test
    void postmarkBounceTypesMapByTheReplyText() {
        ProviderEvent hard = parse(Provider.POSTMARK, "postmark-hardbounce.json").get(0);
        assertHardSuppress(hard.verdict());
        assertEquals("HardBounce (1)", hard.providerClassification());
        assertEquals("postmark:Bounce:4323372036", hard.eventKey());
        assertEquals("8001", hard.links().subscriber());

        RecipientResult soft = parse(Provider.POSTMARK, "postmark-softbounce.json").get(0).verdict();
        assertEquals(BounceType.SOFT, soft.type());
        assertFalse(soft.suppress());

        RecipientResult spam = parse(Provider.POSTMARK, "postmark-spamcomplaint.json").get(0).verdict();
        assertEquals(BounceType.COMPLAINT, spam.type());

        ProviderEvent unsub = parse(Provider.POSTMARK, "postmark-subscription-change.json").get(0);
        assertEquals("unsubscribe", unsub.verdict().feedbackType());
        assertEquals("leaving.now@mail.example.com", unsub.verdict().recipient());

        assertEquals(List.of(), parse(Provider.POSTMARK, "postmark-open.json"));
    }

    @Test
    void postmarkAutoResponderIsRecordedAsAnAutoReplyNotABounce() {
        RecipientResult r = parseText(Provider.POSTMARK, """
                {"RecordType":"Bounce","ID":99,"Type":"AutoResponder","TypeCode":64,"Email":"away@mail.example.com",
                 "Details":"I am out of the office until Monday.","BouncedAt":"2026-11-30T10:00:00Z"}""").get(0).verdict();
        assertEquals(BounceType.AUTO_REPLY, r.type());
        assertFalse(r.suppress());
    }

    @Test
    void postmarkHardBounceWithoutReplyTextFallsBackOnTheTypeCode() {
        RecipientResult r = parseText(Provider.POSTMARK, """
                {"RecordType":"Bounce","ID":100,"Type":"HardBounce","TypeCode":1,"Email":"no.such@mail.example.com",
                 "Details":"","Description":"","BouncedAt":"2026-11-30T10:00:00Z"}""").get(0).verdict();
        assertHardSuppress(r);
        assertTrue(r.statusInferred());
        assertEquals("provider:postmark:HardBounce (1)", r.rule());
    }

    // --- SparkPost ------------------------------------------------------------------------------------------

    @Test
    void sparkPostBatchMapsMessageAndUnsubscribeEvents() {
        List<ProviderEvent> events = parse(Provider.SPARKPOST, "sparkpost-batch.json");
        assertEquals(List.of("bounce", "bounce", "delay", "spam_complaint", "list_unsubscribe"),
                events.stream().map(ProviderEvent::event).toList());
        Map<String, ProviderEvent> m = byRecipient(events);
        ProviderEvent hard = m.get("ingrid.olsen@post.example.dk");
        assertHardSuppress(hard.verdict());
        assertEquals("bounce/bounce_class 10", hard.providerClassification());
        assertEquals("sparkpost:92356927693813856", hard.eventKey());
        assertEquals("6001", hard.links().subscriber());

        RecipientResult block = m.get("postmaster-watch@isp.example.com").verdict();
        assertEquals(Fault.SENDER, block.fault());
        assertFalse(block.suppress());
        assertTrue(m.get("too.much.mail@mail.example.pt").verdict().delayed());
        assertEquals(BounceType.COMPLAINT, m.get("complainer@mail.example.com").verdict().type());
        assertEquals("unsubscribe", m.get("opting.out@mail.example.com").verdict().feedbackType());
    }

    @Test
    void sparkPostRefusesItemsWithoutMsys() {
        PayloadException e = assertThrows(PayloadException.class, () -> parseText(Provider.SPARKPOST, "[{\"foo\":{}}]"));
        assertTrue(e.getMessage().contains("msys"), e.getMessage());
        assertEquals(List.of(), parseText(Provider.SPARKPOST, "[{\"msys\":{}}]"));
    }

    // --- acceptance rows of the issue through a webhook ----------------------------------------------------

    static RecipientResult mailgunReply(int code, String enhanced, String text, String severity) {
        String json = """
                {"signature":{},"event-data":{"id":"acc-%s","timestamp":1764496800,"event":"failed","severity":"%s",
                 "reason":"bounce","recipient":"row@accept.example.com",
                 "delivery-status":{"code":%d,"enhanced-code":"%s","message":"%s"}}}"""
                .formatted(enhanced, severity, code, enhanced, text);
        return parseText(Provider.MAILGUN, json).get(0).verdict();
    }

    @Test
    void theIssuesAcceptanceRepliesMapAsTheProductRulesSay() {
        assertHardSuppress(mailgunReply(550, "5.1.1", "The email account that you tried to reach does not exist", "permanent"));

        RecipientResult quota = mailgunReply(550, "5.2.2", "The email account that you tried to reach is over quota", "permanent");
        assertEquals(BounceType.SOFT, quota.type());
        assertFalse(quota.suppress());

        RecipientResult auth = mailgunReply(550, "5.7.1", "Message rejected: not authenticated", "permanent");
        assertEquals(BounceType.HARD, auth.type());
        assertEquals(Fault.SENDER, auth.fault());
        assertFalse(auth.suppress());

        RecipientResult size = mailgunReply(550, "5.2.5", "The message exceeded the maximum size", "permanent");
        assertFalse(size.suppress());

        RecipientResult grey = mailgunReply(451, "4.7.0", "Greylisted", "temporary");
        assertEquals(BounceType.SOFT, grey.type());
        assertFalse(grey.suppress());
    }

    // --- hostile input --------------------------------------------------------------------------------------

    @Test
    void hostileJsonIsRefusedByEveryProvider() {
        String deep = "[".repeat(100) + "]".repeat(100);
        for (Provider p : Provider.values()) {
            assertThrows(PayloadException.class, () -> parseText(p, deep), p::id);
            assertThrows(PayloadException.class, () -> parseText(p, ""), p::id);
            assertThrows(PayloadException.class, () -> parseText(p, "{\"a\":1} trailing"), p::id);
            assertThrows(PayloadException.class, () -> p.parse(new byte[PayloadJson.MAX_BYTES + 1], VERDICTS), p::id);
            assertThrows(PayloadException.class, () -> parseText(p, "{\"a\":" + "9".repeat(500) + "}"), p::id);
        }
    }
}
