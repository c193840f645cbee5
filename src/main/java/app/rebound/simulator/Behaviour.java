package app.rebound.simulator;

import java.util.Locale;

/**
 * How the simulator answers a recipient, chosen by the start of the address's local part (e.g.
 * {@code unknown-7@example.net}, {@code greylist.ann@example.net}); any other address is accepted. The replies
 * are worded like the real receivers that give them.
 */
public enum Behaviour {
    UNKNOWN_USER("unknown", Stage.RCPT, 550, "5.1.1 The email account that you tried to reach does not exist"),
    DEAD_DOMAIN("deaddomain", Stage.RCPT, 550, "5.4.4 Unable to route: the recipient domain has no mail exchanger"),
    MAILBOX_FULL("mailboxfull", Stage.RCPT, 452, "4.2.2 The email account that you tried to reach is over quota"),
    GREYLISTED("greylist", Stage.RCPT, 451, "4.7.0 Greylisted, please try again later"),
    RATE_LIMITED("ratelimit", Stage.RCPT, 451, "4.7.1 Too many messages from your IP, rate limited, try again later"),
    AUTH_FAILURE("authfail", Stage.DATA, 550, "5.7.1 Message rejected: SPF/DKIM/DMARC authentication failed"),
    TOO_LARGE("toolarge", Stage.DATA, 552, "5.2.5 Message size exceeds the limit of this mailbox"),
    ASYNC_DSN("dsn", Stage.ACCEPT, 250, "2.0.0 OK, queued (a delivery failure follows by mail)"),
    COMPLAINT("complaint", Stage.ACCEPT, 250, "2.0.0 OK, queued (a complaint report follows by mail)"),
    ACCEPT("", Stage.ACCEPT, 250, "2.0.0 OK, queued");

    /** Where in the session the simulator answers. */
    public enum Stage {
        RCPT, DATA, ACCEPT
    }

    private final String prefix;
    private final Stage stage;
    private final int code;
    private final String text;

    Behaviour(String prefix, Stage stage, int code, String text) {
        this.prefix = prefix;
        this.stage = stage;
        this.code = code;
        this.text = text;
    }

    public String prefix() {
        return prefix;
    }

    public Stage stage() {
        return stage;
    }

    public int code() {
        return code;
    }

    /** The reply text after the code, starting with the enhanced status code. */
    public String text() {
        return text;
    }

    /** An example address that gets this behaviour. */
    public String example(String domain) {
        return (prefix.isEmpty() ? "ok" : prefix) + "@" + domain;
    }

    public static Behaviour of(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        int at = a.indexOf('@');
        String local = at < 0 ? a : a.substring(0, at);
        for (Behaviour b : values()) {
            if (!b.prefix.isEmpty() && local.startsWith(b.prefix)) {
                return b;
            }
        }
        return ACCEPT;
    }
}
