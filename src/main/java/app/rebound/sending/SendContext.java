package app.rebound.sending;

import app.rebound.engine.ReboundHeaders;
import app.rebound.engine.Verp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a send of one campaign needs, loaded once: the server's SMTP target and limits, the VERP key and
 * return-path domain, and the message's subject and text.
 */
record SendContext(String tenant, long campaignId, long serverId, SmtpTarget target, Integer rateLimit,
                   String returnPathDomain, Verp verp, String from, String subject, String text) {

    /** The message for one subscriber: VERP return path, Rebound's headers, a Message-ID that links back. */
    OutgoingMail mailFor(long subscriberId, String email) {
        String verpAddress = verp.encode(tenant, Long.toString(campaignId), Long.toString(subscriberId), returnPathDomain);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Message-ID", messageId(subscriberId));
        h.put(ReboundHeaders.TENANT, tenant);
        h.put(ReboundHeaders.CAMPAIGN, Long.toString(campaignId));
        h.put(ReboundHeaders.SUBSCRIBER, Long.toString(subscriberId));
        h.put(ReboundHeaders.VERP, verpAddress);
        return new OutgoingMail(verpAddress, from, email, subject, text, h);
    }

    String messageId(long subscriberId) {
        return "<c" + campaignId + ".s" + subscriberId + "." + UUID.randomUUID().toString().substring(0, 8) + "@"
                + returnPathDomain + ">";
    }
}
