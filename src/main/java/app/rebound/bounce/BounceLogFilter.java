package app.rebound.bounce;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import io.quarkus.panache.common.Parameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bounce log's filters as they travel in the URL: type, code (a class "5", class and subject "5.1", or an exact
 * code "5.1.1"), fault, the "investigate: your side" flag and a search by address (contains). Bad values are
 * refused with a message; an empty field is no filter.
 */
public record BounceLogFilter(BounceType type, String code, Fault fault, boolean investigate, String address) {
    private static final Pattern CODE = Pattern.compile("[245](\\.\\d{1,3}){0,2}");
    public static final BounceLogFilter NONE = new BounceLogFilter(null, "", null, false, "");

    public static BounceLogFilter parse(String type, String code, String fault, String investigate, String address) {
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
        return new BounceLogFilter(t, c, f, inv, a);
    }

    public boolean isEmpty() {
        return type == null && code.isEmpty() && fault == null && !investigate && address.isEmpty();
    }

    /** The HQL conditions (after "campaign = :c") and their parameters. */
    String where(Parameters p) {
        StringBuilder w = new StringBuilder();
        if (type != null) {
            w.append(" and type = :ftype");
            p.and("ftype", type);
        }
        if (!code.isEmpty()) {
            if (code.chars().filter(ch -> ch == '.').count() == 2) {
                w.append(" and statusCode = :fcode");
                p.and("fcode", code);
            } else {
                w.append(" and statusCode like :fcode");
                p.and("fcode", code + ".%");
            }
        }
        if (fault != null) {
            w.append(" and fault = :ffault");
            p.and("ffault", fault);
        }
        if (investigate) {
            w.append(" and investigate = true");
        }
        if (!address.isEmpty()) {
            w.append(" and recipientEmail like :faddr escape '\\'");
            p.and("faddr", "%" + address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return w.toString();
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
        return String.join("&", parts);
    }

    public String typeCode() {
        return type == null ? "" : type.name().toLowerCase(Locale.ROOT);
    }

    public String faultCode() {
        return fault == null ? "" : fault.name().toLowerCase(Locale.ROOT);
    }
}
