package app.rebound.engine;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What happened to one recipient of one message, and what to do about it.
 *
 * @param recipient         the address that failed (Final-Recipient or as found in the text); may be empty for
 *                          redacted complaints
 * @param originalRecipient ORCPT / Original-Recipient when given, else empty
 * @param action            DSN action (failed, delayed, delivered, relayed, expanded) or a derived one
 * @param status            enhanced status code, or null when the mail carries none
 * @param statusInferred    true when {@code status} was derived from the reason, not read from the mail
 * @param replyCode         SMTP reply code (550) or 0
 * @param diagnostic        verbatim diagnostic text (unfolded, bounded length)
 * @param remoteMta         MTA that gave the answer, or empty
 * @param reportingMta      MTA that wrote the report, or empty
 * @param smtpCommand       SMTP command the failure answered (RCPT, DATA, ...), or empty
 * @param arrivalDate       when the message arrived at the reporting MTA, or null
 * @param lastAttemptDate   last delivery attempt, or null
 * @param reason            classification in Sisimai's vocabulary
 * @param type              hard/soft/complaint/...
 * @param delayed           true for deferral warnings (Action: delayed); type is then SOFT
 * @param fault             whose side must act
 * @param suppress          true only for recipient-fault permanent failures: stop mailing the address
 * @param trapSuspicion     the reply shows blocklist / spam-trap signals
 * @param feedbackType      ARF Feedback-Type for complaints, else empty
 * @param rule              machine id of the deciding rule, e.g. {@code status:5.1.1} or {@code text:mailboxfull}
 * @param why               one sentence a support person understands
 */
public record RecipientResult(String recipient, String originalRecipient, String action, StatusCode status,
                              boolean statusInferred, int replyCode, String diagnostic, String remoteMta,
                              String reportingMta, String smtpCommand, OffsetDateTime arrivalDate,
                              OffsetDateTime lastAttemptDate, Reason reason, BounceType type, boolean delayed,
                              Fault fault, boolean suppress, boolean trapSuspicion, String feedbackType, String rule,
                              String why) {

    public RecipientResult {
        recipient = Objects.requireNonNullElse(recipient, "");
        originalRecipient = Objects.requireNonNullElse(originalRecipient, "");
        action = Objects.requireNonNullElse(action, "");
        diagnostic = Objects.requireNonNullElse(diagnostic, "");
        remoteMta = Objects.requireNonNullElse(remoteMta, "");
        reportingMta = Objects.requireNonNullElse(reportingMta, "");
        smtpCommand = Objects.requireNonNullElse(smtpCommand, "");
        feedbackType = Objects.requireNonNullElse(feedbackType, "");
        rule = Objects.requireNonNullElse(rule, "");
        why = Objects.requireNonNullElse(why, "");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fault, "fault");
        if (replyCode != 0 && (replyCode < 200 || replyCode > 599)) {
            throw new IllegalArgumentException("reply code out of range: " + replyCode);
        }
        if (suppress && (reason.isNonFailure() || fault != Fault.RECIPIENT)) {
            throw new IllegalArgumentException("only recipient-fault failures may suppress: " + reason);
        }
    }

    /** The status as text, empty when unknown. */
    public String statusText() {
        return status == null ? "" : status.toString();
    }
}
