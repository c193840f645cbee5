package app.rebound.ingest;

import app.rebound.engine.AnalysisReport;

/**
 * One parsed event from one stored input.
 *
 * @param eventKey               stable key for dedupe of the resulting bounce (provider event id, or
 *                               message-id + recipient + status for mail)
 * @param providerClassification the provider's own words for the event ("" for mail)
 * @param report                 what the event says, in the engine's vocabulary (links included); each recipient
 *                               result is recorded (with several, "|recipient" is appended to the event key)
 * @param sendingIp              the IP address the original was sent from, when the input says ("" when not)
 */
public record ParsedEvent(String eventKey, String providerClassification, AnalysisReport report, String sendingIp) {
    public ParsedEvent {
        providerClassification = providerClassification == null ? "" : providerClassification;
        sendingIp = sendingIp == null ? "" : sendingIp;
    }

    public ParsedEvent(String eventKey, String providerClassification, AnalysisReport report) {
        this(eventKey, providerClassification, report, "");
    }
}
