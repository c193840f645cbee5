package app.rebound.sendingserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings form of a sending server as typed (strings, so a form with mistakes can be shown back), and its
 * validation. The secret is never shown back: an empty secret on an edit keeps the stored one.
 */
public record ServerSettings(String name, String host, String port, String tls, String username, String secret,
        String returnPathDomain, String rateLimit, String retryPolicy) {
    private static final Pattern HOST = Pattern.compile("(?i)^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final Pattern DOMAIN = Pattern.compile("(?i)^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$");
    public static final int MAX_RATE = 100_000;

    public ServerSettings {
        name = strip(name);
        host = strip(host);
        port = strip(port);
        tls = strip(tls);
        username = strip(username);
        secret = secret == null ? "" : secret; // a secret may legitimately start or end with a space
        returnPathDomain = strip(returnPathDomain);
        rateLimit = strip(rateLimit);
        retryPolicy = strip(retryPolicy);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** What an edit form starts from: the stored settings, the secret left empty (kept unless one is typed). */
    public static ServerSettings of(SendingServer s) {
        return new ServerSettings(s.name, s.smtpHost, Integer.toString(s.smtpPort), s.tlsMode.code(), s.username, "",
                s.returnPathDomain, s.sendRateLimit == null ? "" : s.sendRateLimit.toString(), s.retryPolicy.code());
    }

    /** A new server's form: STARTTLS on 587, the default policy. */
    public static ServerSettings blank() {
        return new ServerSettings("", "", "587", TlsMode.STARTTLS.code(), "", "", "", "", RetryPolicy.DEFAULT.code());
    }

    /** Everything wrong with the form, for people; empty when it can be saved. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200) {
            out.add("Name: required, at most 200 characters.");
        }
        if (host.isEmpty() || host.length() > 255 || !HOST.matcher(host).matches()) {
            out.add("SMTP host: a host name or IPv4 address such as smtp.example.com, at most 255 characters.");
        }
        if (parsePort() == null) {
            out.add("Port: a number from 1 to 65535.");
        }
        if (tlsMode() == null) {
            out.add("TLS mode: choose none, STARTTLS or implicit TLS.");
        }
        if (username.length() > 255 || username.chars().anyMatch(Character::isISOControl)) {
            out.add("User: at most 255 characters, no control characters.");
        }
        if (secret.length() > 500 || secret.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            out.add("Secret: at most 500 characters, on one line.");
        }
        if (!secret.isEmpty() && username.isEmpty()) {
            out.add("Secret: set a user too (the secret is only used to log in as that user).");
        }
        if (returnPathDomain.isEmpty() || returnPathDomain.length() > 255 || !DOMAIN.matcher(returnPathDomain).matches()) {
            out.add("Return-path (VERP) domain: a domain such as bounces.example.com whose mail reaches Rebound.");
        }
        if (!rateLimit.isEmpty() && parseRate() == null) {
            out.add("Send rate limit: empty (no limit) or a whole number of messages per second from 1 to " + MAX_RATE + ".");
        }
        if (policy() == null) {
            out.add("Retry policy: choose default, aggressive or conservative.");
        }
        return out;
    }

    public Integer parsePort() {
        return parseInt(port, 1, 65535);
    }

    public Integer parseRate() {
        return rateLimit.isEmpty() ? null : parseInt(rateLimit, 1, MAX_RATE);
    }

    public TlsMode tlsMode() {
        for (TlsMode m : TlsMode.values()) {
            if (m.code().equals(tls.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    public RetryPolicy policy() {
        for (RetryPolicy p : RetryPolicy.values()) {
            if (p.code().equals(retryPolicy.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    /** Copies valid settings onto the entity, except the secret, which is sealed by the caller. */
    public void applyTo(SendingServer s) {
        s.name = name;
        s.smtpHost = host.toLowerCase(Locale.ROOT);
        s.smtpPort = parsePort();
        s.tlsMode = tlsMode();
        s.username = username.isEmpty() ? null : username;
        s.returnPathDomain = returnPathDomain.toLowerCase(Locale.ROOT);
        s.sendRateLimit = parseRate();
        s.retryPolicy = policy();
    }

    /** The same form without the secret: what may be shown back after a refused save. */
    public ServerSettings withoutSecret() {
        return new ServerSettings(name, host, port, tls, username, "", returnPathDomain, rateLimit, retryPolicy);
    }

    /** Never shows the secret (records print every field by default). */
    @Override
    public String toString() {
        return "ServerSettings[" + name + ", " + host + ":" + port + " " + tls + ", user " + (username.isEmpty() ? "none" : "set")
                + ", secret " + (secret.isEmpty() ? "empty" : "***") + ", " + returnPathDomain + ", rate " + rateLimit + ", "
                + retryPolicy + "]";
    }

    private static Integer parseInt(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n < min || n > max ? null : n;
    }
}
