package app.rebound.insight;

import java.util.Arrays;
import java.util.Optional;

/**
 * The symptoms the detectors recognise (issue 12's table): what it likely means, what to do, and the default
 * threshold (a tenant can override it in {@code alert_threshold}). Rates are fractions of the sends (a campaign's
 * recipients); counts are distinct recipients.
 */
public enum AlertKind {
    BAD_IMPORT("bad-import", "5.1.1 on the first send to a freshly imported batch",
            "The imported addresses came from a bad source.",
            "Pause the campaign, verify the list, and re-import only verified addresses.",
            0.10, "share of the batch's addresses answered 5.1.1 on the first campaign sent after the import"),
    DKIM_BROKEN("dkim-broken", "5.7.1 on (nearly) all messages of a sending server",
            "DKIM signing is probably broken on this sending server.",
            "Open the sending server and check its DKIM record (the DNS check on the server page).",
            0.90, "share of the server's sends answered 5.7.1"),
    DOMAIN_BLOCKS("domain-blocks", "5.7.x concentrated on one recipient domain",
            "That receiver blocks your mail.",
            "Investigate the domain (drill down into its bounces); optionally suppress it until your reputation recovers.",
            0.80, "share of all 5.7.x bounces coming from one domain (at least the minimum count)"),
    GREYLISTING("greylisting", "4.7.0 greylisting on many sends",
            "Receivers are greylisting your mail.",
            "Wait: retries handle it. No action needed.",
            0.30, "share of the campaign's sends answered 4.7.0"),
    MAILBOX_FULL_RISING("mailbox-full-rising", "4.2.2 mailbox-full rate rising over successive campaigns",
            "The list is getting stale (abandoned mailboxes fill up).",
            "Retries run, then convert to hard bounces; clean the list.",
            0.01, "4.2.2 rate of the newest of three successive campaigns, each higher than the one before"),
    REPUTATION("reputation", "4.7.1 above the threshold",
            "Your sending reputation took a hit.",
            "Watch the rate and slow the sending down.",
            0.05, "share of the campaign's sends answered 4.7.1"),
    TOO_LARGE("too-large", "5.2.5 / 5.3.4 message too large",
            "The body or the attachments are too big for receivers.",
            "Reduce inline images; host them and link to them.",
            0.01, "share of the campaign's sends answered 5.2.5 or 5.3.4"),
    ENGAGED_HARD("engaged-hard", "hard bounce on a recently engaged subscriber",
            "Probably temporary (a DNS glitch, a locked mailbox): this address took mail without bouncing shortly before.",
            "Wait 24 hours; re-activate the subscriber if they re-engage.",
            30, "days before the hard bounce in which a delivered send without a bounce, or CRM activity, counts as engagement", Unit.DAYS),
    MIN_VOLUME("min-volume", "minimum volume before a detector speaks", null, null,
            10, "minimum sends of a campaign or server, and minimum 5.7.x count of a domain", Unit.COUNT);

    /** How a threshold is written and bounded: rates are fractions (shown as percent), the others whole numbers. */
    public enum Unit {
        RATE(0, 1), COUNT(1, 1_000_000), DAYS(1, 365);

        public final double min;
        public final double max;

        Unit(double min, double max) {
            this.min = min;
            this.max = max;
        }
    }

    private final String code;
    private final String title;
    private final String cause;
    private final String fix;
    private final double defaultThreshold;
    private final String thresholdMeaning;
    private final Unit unit;

    AlertKind(String code, String title, String cause, String fix, double defaultThreshold, String thresholdMeaning) {
        this(code, title, cause, fix, defaultThreshold, thresholdMeaning, Unit.RATE);
    }

    AlertKind(String code, String title, String cause, String fix, double defaultThreshold, String thresholdMeaning,
            Unit unit) {
        this.code = code;
        this.title = title;
        this.cause = cause;
        this.fix = fix;
        this.defaultThreshold = defaultThreshold;
        this.thresholdMeaning = thresholdMeaning;
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }

    public boolean isRate() {
        return unit == Unit.RATE;
    }

    /** A threshold as people write it: "10" (percent) for a rate of 0.10, "30" for 30 days. */
    public String display(double value) {
        double shown = isRate() ? value * 100 : value;
        return java.math.BigDecimal.valueOf(shown).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /** Parses what a person typed (percent for rates); throws IllegalArgumentException with a message for people. */
    public double parse(String raw) {
        String what = isRate() ? "a percentage from 0 to 100" : unit == Unit.DAYS ? "a whole number of days from 1 to 365"
                : "a whole number from 1 to 1000000";
        String v = raw == null ? "" : raw.strip();
        if (v.length() > 12 || !v.matches(isRate() ? "[0-9]{1,3}(\\.[0-9]{1,4})?" : "[0-9]{1,7}")) {
            throw new IllegalArgumentException(title + ": expected " + what + ".");
        }
        double value = isRate() ? Double.parseDouble(v) / 100 : Double.parseDouble(v);
        if (value < unit.min || value > unit.max) {
            throw new IllegalArgumentException(title + ": expected " + what + ".");
        }
        return value;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String cause() {
        return cause;
    }

    public String fix() {
        return fix;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    public String thresholdMeaning() {
        return thresholdMeaning;
    }

    /** A kind that raises alerts (everything except the volume setting). */
    public boolean isSymptom() {
        return cause != null;
    }

    public static Optional<AlertKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
