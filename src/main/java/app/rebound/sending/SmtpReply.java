package app.rebound.sending;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP server reply as the server sent it: the three-digit code, the enhanced status code when the server
 * gave one (RFC 3463, e.g. {@code 5.1.1}), and the verbatim text (all lines, CRLF-separated, codes included).
 */
public record SmtpReply(int code, Optional<String> enhancedCode, String text) {
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");

    /** Parses a server reply; {@code code} wins over the first digits of the text when both are given. */
    public static SmtpReply parse(int code, String text) {
        String verbatim = text == null ? "" : text.strip();
        Matcher m = ENHANCED.matcher(verbatim);
        return new SmtpReply(code, m.find() ? Optional.of(m.group(1)) : Optional.empty(), verbatim);
    }

    /** 5xx: the server refused for good. */
    public boolean permanent() {
        return code >= 500 && code < 600;
    }

    /** 4xx: the server refused for now; a later try may succeed. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? Integer.toString(code) : text;
    }
}
