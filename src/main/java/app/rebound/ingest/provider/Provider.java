package app.rebound.ingest.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The e-mail service providers whose webhooks Rebound reads, with their payload parser. */
public enum Provider {
    SES("ses", "Amazon SES (via SNS)"),
    SENDGRID("sendgrid", "SendGrid"),
    MAILGUN("mailgun", "Mailgun"),
    POSTMARK("postmark", "Postmark"),
    SPARKPOST("sparkpost", "SparkPost");

    private final String id;
    private final String label;

    Provider(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The lower-case name used in URLs and on the command line. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The provider named {@code id} (case-insensitive); a clear error listing the known ones otherwise. */
    public static Provider fromId(String id) {
        String k = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.id.equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + (k.length() > 40 ? k.substring(0, 40) : k)
                + "'; known: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }

    /**
     * Reads a payload as the provider posts it (no signature check: callers verify first) and returns one event
     * per recipient event that acts on a subscriber. Throws {@link PayloadException} for malformed, oversized,
     * wrong-type or hostile input.
     */
    public List<ProviderEvent> parse(byte[] body, Verdicts verdicts) {
        return switch (this) {
            case SES -> SesPayloads.parse(body, verdicts);
            case SENDGRID -> SendGridPayloads.parse(body, verdicts);
            case MAILGUN -> MailgunPayloads.parse(body, verdicts);
            case POSTMARK -> PostmarkPayloads.parse(body, verdicts);
            case SPARKPOST -> SparkPostPayloads.parse(body, verdicts);
        };
    }
}
