package app.rebound.engine.cli;

import app.rebound.engine.RecipientResult;
import java.util.Locale;

/** Minimal RFC 8259 string escaper (the engine stays free of library dependencies beyond mime4j). */
public final class Json {
    private Json() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * One output line of the {@code parse} and {@code webhook} commands for one recipient: {@code file, index,
     * recipient, status, replyCode, reason, type, fault, suppress, diagnostic, rule}, newline-terminated.
     */
    public static String recipientLine(String file, int index, RecipientResult x) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"file\":").append(quote(file));
        sb.append(",\"index\":").append(index);
        sb.append(",\"recipient\":").append(quote(x.recipient()));
        sb.append(",\"status\":").append(quote(x.statusText()));
        sb.append(",\"replyCode\":").append(x.replyCode() == 0 ? "null" : Integer.toString(x.replyCode()));
        sb.append(",\"reason\":").append(quote(x.reason().id()));
        sb.append(",\"type\":").append(quote(word(x.type())));
        sb.append(",\"fault\":").append(quote(word(x.fault())));
        sb.append(",\"suppress\":").append(x.suppress());
        sb.append(",\"diagnostic\":").append(quote(x.diagnostic()));
        sb.append(",\"rule\":").append(quote(x.rule()));
        return sb.append("}\n").toString();
    }

    /** The line for a file that yielded no recipient. */
    public static String emptyLine(String file) {
        return "{\"file\":" + quote(file) + ",\"index\":0}\n";
    }

    /** An enum constant as the lower-case word the output uses, like the reasons: HARD → hard, AUTO_REPLY → auto-reply. */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
