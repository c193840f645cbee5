/**
 * Rebound's bounce engine: from the raw bytes of a bounce, complaint, auto-reply or any other mail, tell for each
 * recipient what happened, why, whose fault it is and what to do. Plain Java (mime4j for MIME, Jackson only to read
 * Amazon SES JSON notifications); no Quarkus, CDI or Hibernate, so it runs in tests, benchmarks and the
 * {@code parse} command on its own.
 *
 * <h2>Entry point</h2>
 * {@code BounceAnalyzer.standard().analyze(bytes)} returns an {@link app.rebound.engine.AnalysisReport}: the
 * message-level {@link app.rebound.engine.Outcome} (BOUNCE, DELAYED, COMPLAINT, AUTO_REPLY, DELIVERED,
 * NOT_A_BOUNCE, UNPARSEABLE with errors), one immutable {@link app.rebound.engine.RecipientResult} per recipient,
 * and the {@link app.rebound.engine.MessageLinks} back to what was sent. {@code analyzeAll} handles mbox files.
 * No input makes it throw.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>Line endings normalised (CRLF, bare CR), mbox split on {@code From } lines.</li>
 *   <li>mime4j pull parser ({@code MimeTokenStream}, no DOM, no recursion into the returned message): report
 *       headers, decoded text of the report's parts (any charset/transfer encoding), only the header block of the
 *       returned original (message/rfc822, message/global, text/rfc822-headers, message/global-headers, or the copy
 *       inlined after a marker line in plain text); parsing stops after the returned original.</li>
 *   <li>Complaints first: RFC 5965 ARF ({@code message/feedback-report}), Microsoft JMRP, Amazon SES complaints,
 *       Apple {@code X-Apple-Unsubscribe}. Feedback-Type {@code not-spam} and {@code auth-failure} are feedback,
 *       not complaints (type UNDETERMINED).</li>
 *   <li>RFC 3464 / RFC 6533 delivery-status parts (also delivery-status blocks pasted into text), one result per
 *       recipient block; the human-readable part near each recipient supplies the SMTP reply when the
 *       Diagnostic-Code is missing or thin, and the SMTP phase ("in reply to RCPT TO").</li>
 *   <li>Otherwise, if the mail looks like a bounce (MAILER-DAEMON/postmaster sender, null return path, bounce
 *       subject or wording), plain-text decoding: each failed address (X-Failed-Recipients, or addresses in the
 *       text before the returned original, minus the report's own From/To) with the text that follows it. Not
 *       taken: help addresses ("contact", "forward this message to"), the alias an address was "expanded from",
 *       an address inside another's reply ("please try &lt;new@b&gt;"), and, when another address has a reply
 *       code, status or reason words of its own, an address in a sentence with none of them. Format wording of
 *       qmail, Exim, Exchange, Domino, InterScan and Google Groups is recognised explicitly.</li>
 *   <li>RFC 3834 auto-replies (Auto-Submitted, X-Autoreply, Precedence: auto_reply, out-of-office subjects) are
 *       AUTO_REPLY with reason {@code vacation}, never bounces. Everything else is NOT_A_BOUNCE.</li>
 * </ol>
 *
 * <h2>Classification rules</h2>
 * The status code is the Status field unless it is vague (X.0.0, X.Y.0, 4.4.7, 4.7.0, 5.3.x, X.5.1/2/4/5) and the
 * reply text carries a more specific one; a code whose class matches the SMTP reply code wins. A reply code whose
 * class disagrees with the status is dropped. The {@link app.rebound.engine.Reason} is decided in this order, after
 * Sisimai's published pipeline: a reason the format decoder knows; 2.x.x = delivered; receiver rules (Gmail,
 * Microsoft S3150/5.7.509/RESOLVER.ADR, Yahoo TSS/BL/PH tags, iCloud, Mimecast, Cox, Proofpoint, Barracuda);
 * probes where status code and text count together (mailboxfull, mesgtoobig, exceedlimit, suspend, hasmoved,
 * norelaying, authfailure, userunknown, filtered, requireptr, notcompliantrfc, badreputation, contenterror,
 * rejected, hostunknown, spamdetected, speeding, toomanyconn, blocked) with SMTP-phase guards ("user unknown" in
 * text alone counts only at RCPT; after DATA it is a recipient filter; spam filters only after DATA); then the
 * status-code table, with text again for codes that cannot settle it; then X.6 = contenterror, X.7 =
 * securityerror, delayed = expired, EHLO refusal = blocked; else onhold (some text) or undefined. All text
 * matching is one linear Aho-Corasick pass per diagnostic; no backtracking regular expressions.
 *
 * <h2>Verdict</h2>
 * <ul>
 *   <li>type: HARD for permanent (5.x.x) failures, SOFT for transient ones, Action: delayed (flag
 *       {@code delayed}) and mailbox full even with 5.2.2; COMPLAINT, AUTO_REPLY, DELIVERED; UNDETERMINED when
 *       nothing says.</li>
 *   <li>fault: the reason's default ({@link app.rebound.engine.Reason#defaultFault()}); any X.7.x answer that is
 *       not about a dead address is the SENDER's.</li>
 *   <li>suppress: only recipient-fault permanent failures: userunknown, hostunknown, hasmoved, and notaccept with
 *       a permanent answer. Never for blocks, authentication, policy, mailbox full or delays.</li>
 *   <li>trapSuspicion: the reply names a blocklist or trap signal (Spamhaus, Spamcop, Barracuda, Cloudmark,
 *       Proofpoint, Microsoft S3150/S3140, Yahoo TSS04 "user complaints", ...). A suspicion, not a proof.</li>
 *   <li>rule / why: machine id of the deciding rule ({@code status:5.1.1}, {@code rhost:google:NoSuchUser},
 *       {@code text:mailboxfull}, {@code qmail:networkerror}, ...) and a sentence for support staff.</li>
 * </ul>
 *
 * <h2>Links back to what was sent</h2>
 * <ul>
 *   <li>VERP return path ({@link app.rebound.engine.Verp}):
 *       {@code bounce+<tenant>.<campaign>.<subscriber>.<mac>@<return-path-domain>}, ids of {@code [a-z0-9_-]},
 *       mac = first 8 bytes of HMAC-SHA256(key, "tenant.campaign.subscriber") as 16 lower-case hex digits. Looked
 *       for in the report's To/Delivered-To/X-Original-To, the original's Return-Path and X-Rebound-Verp, and ARF
 *       Original-Mail-From. A token whose MAC does not verify is ignored.</li>
 *   <li>The original Message-ID (returned headers, or Google's X-Original-Message-ID).</li>
 *   <li>Headers stamped on every sent message ({@link app.rebound.engine.ReboundHeaders}):
 *       {@code X-Rebound-Tenant}, {@code X-Rebound-Campaign}, {@code X-Rebound-Subscriber}, and optionally
 *       {@code X-Rebound-Verp}; read from the returned original when present. They are not authenticated: use
 *       them to find the send, not to suppress without the VERP check.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * {@link app.rebound.engine.Limits}: 10 MiB per input, 200 parts, nesting depth 12, 1000 header fields per entity,
 * 1 MiB decoded text per part, 1000 results per message, 10000 messages per mbox. Over the size limit the outcome
 * is UNPARSEABLE with the reason; beyond the other limits the rest is ignored and an error is recorded.
 */
package app.rebound.engine;
