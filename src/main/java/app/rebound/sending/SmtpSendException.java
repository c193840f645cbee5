package app.rebound.sending;

import java.util.Optional;

/**
 * A send that did not complete. When the server refused (at the greeting, AUTH, MAIL, RCPT or DATA), {@link #reply()}
 * carries its verbatim reply; when the server could not be reached or the connection broke, there is no reply.
 */
public class SmtpSendException extends Exception {
    /** Where in the SMTP session the send stopped. */
    public enum Stage {
        CONNECT, AUTH, MAIL, RCPT, DATA
    }

    private final Stage stage;
    private final transient SmtpReply reply;

    public SmtpSendException(Stage stage, SmtpReply reply, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.reply = reply;
    }

    public Stage stage() {
        return stage;
    }

    /** The server's reply, when it answered with a refusal; empty for network failures and timeouts. */
    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }

    /** A refusal by the receiving server about this recipient or message (RCPT or DATA), i.e. a bounce. */
    public boolean isRecipientRejection() {
        return reply != null && (stage == Stage.RCPT || stage == Stage.DATA) && (reply.permanent() || reply.transientFailure());
    }
}
