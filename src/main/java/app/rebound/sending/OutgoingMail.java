package app.rebound.sending;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message to one recipient. {@code envelopeFrom} is the SMTP MAIL FROM (the VERP return path for campaign
 * mail); {@code headers} are added as given (e.g. {@code X-Rebound-Campaign}); the body is plain text, UTF-8.
 */
public record OutgoingMail(String envelopeFrom, String from, String to, String subject, String textBody,
        Map<String, String> headers) {
    public OutgoingMail {
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        subject = subject == null ? "" : subject;
        textBody = textBody == null ? "" : textBody;
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9-]{1,76}") || h.getValue() == null || h.getValue().matches("(?s).*[\\r\\n].*")) {
                throw new IllegalArgumentException("Not a valid header line: " + h.getKey());
            }
        }
    }
}
