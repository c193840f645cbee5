package app.rebound.engine;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rebound's VERP return path: {@code bounce+<tenant>.<campaign>.<subscriber>.<mac>@<return-path-domain>}.
 * <ul>
 *   <li>tenant, campaign, subscriber: 1..64 characters of {@code [a-z0-9_-]} (lower case, since some MTAs
 *       lower-case local parts);</li>
 *   <li>mac: the first 8 bytes of HMAC-SHA256(key, "tenant.campaign.subscriber"), as 16 lower-case hex
 *       digits. A token whose MAC does not verify is rejected, so a forged bounce cannot suppress an address.</li>
 * </ul>
 * The key is supplied by the caller (per installation or per tenant); this class keeps no state besides it.
 */
public final class Verp {
    public static final String PREFIX = "bounce+";
    private static final int MAC_HEX = 16;

    /** A decoded, verified token. */
    public record Token(String tenant, String campaign, String subscriber) {
        public Token {
            requireId(tenant, "tenant");
            requireId(campaign, "campaign");
            requireId(subscriber, "subscriber");
        }
    }

    private final byte[] key;

    public Verp(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("VERP key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** Builds the return-path address for one recipient of one campaign. */
    public String encode(String tenant, String campaign, String subscriber, String returnPathDomain) {
        Token t = new Token(tenant, campaign, subscriber);
        if (returnPathDomain == null || returnPathDomain.isBlank() || returnPathDomain.contains("@")) {
            throw new IllegalArgumentException("bad return-path domain: " + returnPathDomain);
        }
        String payload = t.tenant() + "." + t.campaign() + "." + t.subscriber();
        return PREFIX + payload + "." + mac(payload) + "@" + returnPathDomain.toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes and verifies an address (angle brackets and display names tolerated). Empty when the address is
     * not a Rebound VERP address or the MAC does not verify.
     */
    public Optional<Token> decode(String address) {
        if (address == null || address.length() > 400) {
            return Optional.empty();
        }
        String a = address.toLowerCase(Locale.ROOT);
        int p = a.indexOf(PREFIX);
        if (p < 0) {
            return Optional.empty();
        }
        int at = a.indexOf('@', p);
        if (at < 0) {
            return Optional.empty();
        }
        String local = a.substring(p + PREFIX.length(), at);
        String[] parts = local.split("\\.", -1);
        if (parts.length != 4 || parts[3].length() != MAC_HEX) {
            return Optional.empty();
        }
        for (int i = 0; i < 3; i++) {
            if (!isId(parts[i])) {
                return Optional.empty();
            }
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[3].getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(new Token(parts[0], parts[1], parts[2]));
    }

    private String mac(String payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = m.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
            StringBuilder sb = new StringBuilder(MAC_HEX);
            for (int i = 0; i < MAC_HEX / 2; i++) {
                sb.append(Character.forDigit((d[i] >> 4) & 0xF, 16)).append(Character.forDigit(d[i] & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static boolean isId(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void requireId(String s, String what) {
        if (!isId(s)) {
            throw new IllegalArgumentException(what + " must be 1..64 chars of [a-z0-9_-]: " + s);
        }
    }
}
