package app.rebound.bounce;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an enhanced status code means and what to do about it, for the bounce log's row detail. Names come from
 * the IANA "SMTP Enhanced Status Codes" registry (RFC 3463 and successors; /work/shared/docs/bounce-reference.md §2);
 * the advice for the codes people meet most is the product's. Any other well-formed code is explained by its
 * structure: class (2 success, 4 transient, 5 permanent), subject and detail.
 */
public record CodeMeaning(String code, String klass, String subject, String meaning, String whatToDo, boolean registered) {
    private static final Pattern CODE = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    private static final Map<String, String> CLASSES = Map.of(
            "2", "Success",
            "4", "Persistent transient failure: sending later may succeed",
            "5", "Permanent failure: resending unchanged will not succeed");

    private static final Map<String, String> SUBJECTS = Map.of(
            "0", "Other or undefined",
            "1", "Addressing (the address itself)",
            "2", "Mailbox (under the recipient's control)",
            "3", "Mail system (the destination system)",
            "4", "Network and routing",
            "5", "Mail delivery protocol",
            "6", "Message content or media",
            "7", "Security or policy");

    /** Registered names of X.subject.detail. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("0.0", "Other undefined status"),
            Map.entry("1.0", "Other address status"),
            Map.entry("1.1", "Bad destination mailbox address: the mailbox does not exist"),
            Map.entry("1.2", "Bad destination system address: the domain does not exist or accepts no mail"),
            Map.entry("1.3", "Bad destination mailbox address syntax"),
            Map.entry("1.4", "Destination mailbox address ambiguous"),
            Map.entry("1.6", "Destination mailbox has moved, no forwarding address"),
            Map.entry("1.7", "Bad sender's mailbox address syntax"),
            Map.entry("1.8", "Bad sender's system address"),
            Map.entry("1.10", "Recipient address has a null MX: the domain accepts no mail"),
            Map.entry("2.0", "Other or undefined mailbox status"),
            Map.entry("2.1", "Mailbox disabled, not accepting messages"),
            Map.entry("2.2", "Mailbox full"),
            Map.entry("2.3", "Message length exceeds the mailbox's limit"),
            Map.entry("2.4", "Mailing list expansion problem"),
            Map.entry("3.0", "Other or undefined mail system status"),
            Map.entry("3.1", "Mail system full"),
            Map.entry("3.2", "System not accepting network messages"),
            Map.entry("3.4", "Message too big for the system"),
            Map.entry("3.5", "System incorrectly configured"),
            Map.entry("4.0", "Other or undefined network or routing status"),
            Map.entry("4.1", "No answer from host"),
            Map.entry("4.2", "Bad connection"),
            Map.entry("4.3", "Directory server failure (e.g. DNS unavailable)"),
            Map.entry("4.4", "Unable to route: the domain has no usable mail server"),
            Map.entry("4.5", "Mail system congestion"),
            Map.entry("4.6", "Routing loop detected"),
            Map.entry("4.7", "Delivery time expired"),
            Map.entry("5.0", "Other or undefined protocol status"),
            Map.entry("5.1", "Invalid command"),
            Map.entry("5.2", "Syntax error"),
            Map.entry("5.3", "Too many recipients"),
            Map.entry("5.4", "Invalid command arguments"),
            Map.entry("6.0", "Other or undefined media error"),
            Map.entry("6.1", "Media not supported"),
            Map.entry("7.0", "Other or undefined security status"),
            Map.entry("7.1", "Delivery not authorized, message refused (filtering or policy)"),
            Map.entry("7.8", "Authentication credentials invalid"),
            Map.entry("7.20", "No passing DKIM signature found"),
            Map.entry("7.23", "SPF validation failed"),
            Map.entry("7.25", "Reverse DNS validation failed"),
            Map.entry("7.26", "Multiple authentication checks failed"),
            Map.entry("7.28", "Mail flood detected"));

    /** What to do, by full code; 5.7.x has a family rule below. */
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("5.1.1", "The mailbox does not exist: the address is dead. Rebound marks the subscriber bounced; do not re-add without fresh confirmation."),
            Map.entry("5.1.2", "The domain does not exist: the address is dead. Check for a typo in the domain (gmial.com)."),
            Map.entry("5.1.10", "The domain publishes a null MX and accepts no mail: the address is dead."),
            Map.entry("5.2.0", "The mailbox refuses mail (often the recipient's own filter): treat the address as dead."),
            Map.entry("5.2.1", "The mailbox is disabled: stop sending; it may come back only if the owner re-enables it."),
            Map.entry("5.2.2", "The mailbox is full: a transient condition even with a 5 class; retries handle it, repeated fulls mean an abandoned mailbox."),
            Map.entry("5.4.1", "The receiver's server refused the recipient (Microsoft: 'Recipient address rejected: Access denied', often the address does not exist). Treat it as dead unless it recurs across many addresses of one domain."),
            Map.entry("5.4.4", "The domain has no usable mail server (DNS): the address is dead unless the domain is only temporarily broken."),
            Map.entry("5.7.1", "Refused by policy: usually your side (reputation, content, authentication). Investigate before sending more; the address is not at fault."),
            Map.entry("5.2.5", "The message is too large for the receiver: reduce the message size (host images, drop attachments)."),
            Map.entry("5.3.4", "The message is too big for the receiving system: reduce the message size."),
            Map.entry("4.2.2", "The mailbox is full: retries handle it; after the retry policy is exhausted it converts to hard."),
            Map.entry("4.3.1", "The receiving mail system is out of space: wait, retries handle it."),
            Map.entry("4.4.1", "No answer from the receiving host: wait, retries handle it."),
            Map.entry("4.5.3", "Too many recipients or connections at once: lower the recipients per message or connections."),
            Map.entry("4.7.0", "Greylisting or a temporary policy deferral: wait, the retry usually succeeds."),
            Map.entry("4.7.1", "Rate limited or temporarily refused for reputation: slow down and watch the rate."));

    /** The meaning of {@code code}, or null when it is not a well-formed X.Y.Z code. */
    public static CodeMeaning of(String code) {
        if (code == null) {
            return null;
        }
        Matcher m = CODE.matcher(code.strip());
        if (!m.matches()) {
            return null;
        }
        String c = m.group(1);
        String s = Integer.toString(Integer.parseInt(m.group(2)));
        String d = Integer.toString(Integer.parseInt(m.group(3)));
        String full = c + "." + s + "." + d;
        String name = NAMES.get(s + "." + d);
        String advice = ADVICE.get(full);
        if (advice == null && c.equals("5") && s.equals("7")) {
            advice = "Refused for security or policy: your side (authentication, reputation, content). Investigate; the address is not at fault.";
        }
        if (advice == null) {
            advice = switch (c) {
                case "2" -> "Nothing: the message was delivered.";
                case "4" -> "Wait: retries handle transient failures; act only if it persists.";
                default -> "Permanent: read the reason text; if it names the address, stop sending to it, otherwise investigate.";
            };
        }
        return new CodeMeaning(full, CLASSES.get(c), SUBJECTS.getOrDefault(s, "Unregistered subject " + s),
                name == null ? "Not in the registry (detail " + d + " of subject " + s + "): read the receiver's text" : name,
                advice, name != null);
    }
}
