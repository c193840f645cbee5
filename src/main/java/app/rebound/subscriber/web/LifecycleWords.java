package app.rebound.subscriber.web;

import app.rebound.engine.Fault;
import app.rebound.engine.Reason;
import app.rebound.subscriber.SubscriberStatus;
import io.quarkus.qute.TemplateExtension;

/** Engine words shown as phrases people read: {@code userunknown} → "mailbox does not exist", recipient → "their side". */
@TemplateExtension
public class LifecycleWords {
    private LifecycleWords() {
    }

    /** {@code {b.reason.reasonPhrase}}: the engine's reason id as a phrase; an unknown id is shown as it is. */
    static String reasonPhrase(String reasonId) {
        if (reasonId == null || reasonId.isBlank()) {
            return "";
        }
        try {
            String p = Reason.fromId(reasonId).phrase();
            return p.startsWith("the ") ? p.substring(4) : p;
        } catch (IllegalArgumentException e) {
            return reasonId;
        }
    }

    /** {@code {b.fault.side}}: whose side has to act. */
    static String side(Fault fault) {
        return switch (fault) {
            case RECIPIENT -> "their side (the address)";
            case SENDER -> "your side";
            case RECEIVER_SYSTEM -> "the receiving system";
            case NETWORK -> "the network between you";
            case UNKNOWN -> "not known";
        };
    }

    /** {@code {s.status.plainWords}}: the status as a sentence. */
    static String plainWords(SubscriberStatus status) {
        return switch (status) {
            case SUBSCRIBED -> "Subscribed: receives mail.";
            case UNSUBSCRIBED -> "Unsubscribed: receives no mail.";
            case BOUNCED -> "Bounced: the address does not accept mail, so sends skip it.";
            case COMPLAINED -> "Complained: reported a message as spam, so sends skip it.";
        };
    }
}
