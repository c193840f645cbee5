package app.rebound.bounce;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bounce log's filters as they travel in the URL: type, code (a class "5", class and subject "5.1", or an exact
 * code "5.1.1"), fault, the "investigate: your side" flag, a search by address (starts with, over the whole
 * campaign; "@part" matches the domain part anywhere), the reason text
 * (contains, case-insensitive, on the receiver's verbatim reply), the recipient's registrable domain (exact) and a
 * date range (UTC days, both ends included; a bound on the partition key). Bad values are refused with a message;
 * an empty field is no filter.
 */
public record BounceLogFilter(BounceType type, String code, Fault fault, boolean investigate, String address,
        String reason, String domain, LocalDate from, LocalDate to) {
    private static final Pattern CODE = Pattern.compile("[245](\\.\\d{1,3}){0,2}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final LocalDate EARLIEST_DAY = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST_DAY = LocalDate.of(9999, 12, 30);
    public static final int MAX_REASON = 200;
    public static final BounceLogFilter NONE = new BounceLogFilter(null, "", null, false, "", "", "", null, null);

    public static BounceLogFilter parse(String type, String code, String fault, String investigate, String address) {
        return parse(type, code, fault, investigate, address, null, null, null, null);
    }

    public static BounceLogFilter parse(String type, String code, String fault, String investigate, String address,
            String reason, String domain, String from, String to) {
        BounceType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = BounceType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown bounce type filter: use hard, soft, complaint or auto_reply.");
            }
        }
        String c = code == null ? "" : code.strip();
        if (!c.isEmpty() && !CODE.matcher(c).matches()) {
            throw new IllegalArgumentException("The code filter must look like 5, 5.1 or 5.1.1.");
        }
        Fault f = null;
        if (fault != null && !fault.isBlank()) {
            try {
                f = Fault.valueOf(fault.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown fault filter: use recipient, sender, receiver_system, network or unknown.");
            }
        }
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (a.length() > 320 || a.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The address search must be at most 320 characters, without control characters.");
        }
        boolean inv = investigate != null && (investigate.equals("1") || investigate.equalsIgnoreCase("true") || investigate.equals("on"));
        String r = reason == null ? "" : reason.strip();
        if (r.length() > MAX_REASON || r.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The reason search must be at most " + MAX_REASON
                    + " characters, without control characters.");
        }
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("@")) {
            d = d.substring(1);
        }
        if (!d.isEmpty() && (d.length() > 253 || !DOMAIN.matcher(d).matches())) {
            throw new IllegalArgumentException("The domain filter must be a domain name such as gmail.com.");
        }
        LocalDate fd = day(from, "from");
        LocalDate td = day(to, "to");
        if (fd != null && td != null && fd.isAfter(td)) {
            throw new IllegalArgumentException("The date range ends before it starts: 'from' must not be after 'to'.");
        }
        return new BounceLogFilter(t, c, f, inv, a, r, d, fd, td);
    }

    private static LocalDate day(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.isBefore(EARLIEST_DAY) || d.isAfter(LATEST_DAY)) {
                throw new IllegalArgumentException("The '" + name + "' date must be between 1970-01-01 and 9999-12-30.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The '" + name + "' date must look like 2026-11-30 (year-month-day).");
        }
    }

    public boolean isEmpty() {
        return type == null && code.isEmpty() && fault == null && !investigate && address.isEmpty() && reason.isEmpty()
                && domain.isEmpty() && from == null && to == null;
    }

    /**
     * Whether it searches text no index serves (reason words, or an address part after its start: "@example.org"):
     * a page reads a bounded scan. An address search from the start ("jane", "jane@example.org") reads the campaign's
     * address index instead and covers the whole campaign ({@link #addressFromStart}), unless the beginning is so
     * common that the bounded scan is cheaper (CampaignService decides by counting the index's matches).
     */
    public boolean searchesText() {
        return !reason.isEmpty() || (!address.isEmpty() && !addressFromStart());
    }

    /**
     * Whether the address search matches addresses that start with the words (the local part's beginning, or the
     * whole address): every term but one that starts with "@", which matches the domain part anywhere.
     */
    public boolean addressFromStart() {
        return !address.isEmpty() && address.charAt(0) != '@';
    }

    /** This filter's address search and date range alone (what the address index holds, {@link BounceLogSql#addressPage}). */
    public BounceLogFilter addressAndDates() {
        return new BounceLogFilter(null, "", null, false, address, "", "", from, to);
    }

    /** This filter's date range alone (a text search's scan limit counts every row in range). */
    public BounceLogFilter datesOnly() {
        return new BounceLogFilter(null, "", null, false, "", "", "", from, to);
    }

    /** Start of the date range (UTC), or null. */
    public Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** End of the date range, exclusive: the day after 'to' (UTC), or null. */
    public Instant toInstantExclusive() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The filter's column conditions in SQL (after "campaign_id = ?"), their values appended to {@code args}. */
    String sqlWhere(List<Object> args) {
        StringBuilder w = new StringBuilder();
        if (type != null) {
            w.append(" and type = ?");
            args.add(type.name().toLowerCase(Locale.ROOT));
        }
        if (!code.isEmpty()) {
            if (code.chars().filter(ch -> ch == '.').count() == 2) {
                w.append(" and status_code = ?");
                args.add(code);
            } else {
                w.append(" and status_code like ?");
                args.add(code + ".%");
            }
        }
        if (fault != null) {
            w.append(" and fault = ?");
            args.add(fault.name().toLowerCase(Locale.ROOT));
        }
        if (investigate) {
            w.append(" and investigate");
        }
        if (!address.isEmpty()) {
            // lower(...) as the address index (V076) states it: text_pattern_ops serves the prefix LIKE
            w.append(" and lower(recipient_email) like ? escape '\\'");
            args.add((addressFromStart() ? "" : "%") + likeEscaped(address) + "%");
        }
        if (!reason.isEmpty()) {
            w.append(" and lower(diagnostic) like ? escape '\\'");
            args.add("%" + likeEscaped(reason.toLowerCase(Locale.ROOT)) + "%");
        }
        if (!domain.isEmpty()) {
            w.append(" and recipient_domain = ?");
            args.add(domain);
        }
        return w.toString();
    }

    static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The filter as query parameters ("type=hard&code=5.1"), empty without filters; for links that keep the filter. */
    public String query() {
        List<String> parts = new ArrayList<>();
        if (type != null) {
            parts.add("type=" + type.name().toLowerCase(Locale.ROOT));
        }
        if (!code.isEmpty()) {
            parts.add("code=" + code);
        }
        if (fault != null) {
            parts.add("fault=" + fault.name().toLowerCase(Locale.ROOT));
        }
        if (investigate) {
            parts.add("investigate=1");
        }
        if (!address.isEmpty()) {
            parts.add("address=" + URLEncoder.encode(address, StandardCharsets.UTF_8));
        }
        if (!reason.isEmpty()) {
            parts.add("reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
        if (!domain.isEmpty()) {
            parts.add("domain=" + domain);
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        return String.join("&", parts);
    }

    public String typeCode() {
        return type == null ? "" : type.name().toLowerCase(Locale.ROOT);
    }

    public String faultCode() {
        return fault == null ? "" : fault.name().toLowerCase(Locale.ROOT);
    }
}
