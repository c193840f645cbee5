package app.rebound.ingest;

/** Where a stored input came from. Stored lower-case in {@code inbound_message.source}. */
public enum InboundSource {
    SMTP, IMAP, API, SMTP_REJECTION, WEBHOOK_SES, WEBHOOK_SENDGRID, WEBHOOK_MAILGUN, WEBHOOK_POSTMARK, WEBHOOK_SPARKPOST;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static InboundSource fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    /** True for sources whose body is one raw RFC 5322 mail (a DSN, an ARF report, an auto-reply, ...). */
    public boolean isMail() {
        return this == SMTP || this == IMAP || this == API;
    }
}
