package app.rebound.engine;

import java.util.List;

/**
 * Headers the sending side stamps on every message so that a returned copy (message/rfc822 or
 * text/rfc822-headers part, or the inline copy of non-MIME bounces) points back to what was sent.
 * Values are plain ASCII tokens ({@code [A-Za-z0-9._-]}).
 */
public final class ReboundHeaders {
    /** Tenant code, e.g. {@code acme}. */
    public static final String TENANT = "X-Rebound-Tenant";
    /** Campaign id, e.g. {@code 42}. */
    public static final String CAMPAIGN = "X-Rebound-Campaign";
    /** Subscriber id, e.g. {@code 1001}. */
    public static final String SUBSCRIBER = "X-Rebound-Subscriber";
    /** Optional: the VERP token local part also repeated as a header, for bounces that lose the envelope. */
    public static final String VERP = "X-Rebound-Verp";

    public static final List<String> ALL = List.of(TENANT, CAMPAIGN, SUBSCRIBER, VERP);

    private ReboundHeaders() {
    }
}
