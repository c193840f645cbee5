package app.rebound.sendingserver;

import java.time.Instant;

/**
 * What a page may know about a sending server. Credentials are left out on purpose, so no template can
 * render them by mistake: only whether a username is set.
 */
public record SendingServerView(long id, String name, String smtpHost, int smtpPort, TlsMode tlsMode,
        boolean usernameSet, String returnPathDomain, RetryPolicy retryPolicy, Instant createdAt, boolean enabled,
        Integer sendRateLimit) {

    public static SendingServerView of(SendingServer s) {
        return new SendingServerView(s.id, s.name, s.smtpHost, s.smtpPort, s.tlsMode,
                s.username != null && !s.username.isBlank(), s.returnPathDomain, s.retryPolicy, s.createdAt, s.enabled,
                s.sendRateLimit);
    }
}
