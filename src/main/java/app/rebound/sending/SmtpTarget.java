package app.rebound.sending;

import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.TlsMode;
import java.util.Objects;

/**
 * Where and how to connect: host, port, TLS mode and (optional) credentials, with the secret already in clear.
 * {@link #toString()} never shows the secret.
 */
public record SmtpTarget(String host, int port, TlsMode tlsMode, String username, String password, String heloName) {
    public SmtpTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsMode, "tlsMode");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port out of range: " + port);
        }
        username = username == null || username.isBlank() ? null : username;
        heloName = heloName == null || heloName.isBlank() ? "localhost" : heloName;
    }

    /** The target of a sending server, given its secret in clear (decrypted by the caller). */
    public static SmtpTarget of(SendingServer server, String clearPassword) {
        return new SmtpTarget(server.smtpHost, server.smtpPort, server.tlsMode, server.username, clearPassword,
                server.returnPathDomain);
    }

    public boolean authenticates() {
        return username != null;
    }

    @Override
    public String toString() {
        return "smtp://" + (username == null ? "" : username + ":***@") + host + ":" + port + " (" + tlsMode.code() + ")";
    }
}
