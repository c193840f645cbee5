package app.rebound.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret of a re-add confirmation link: 32 random bytes, URL-safe Base64 (43 characters). Only its SHA-256 (hex)
 * is stored ({@code subscriber_readd.token_hash}); the token itself exists only in the mailed link. {@link #parse}
 * takes anything a browser sends and rejects what this class cannot have made, before any lookup.
 */
public record ConfirmationToken(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ConfirmationToken {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a confirmation token");
        }
    }

    public static ConfirmationToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ConfirmationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token in a link, or empty for anything else (too long, wrong characters, missing). */
    public static java.util.Optional<ConfirmationToken> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? java.util.Optional.of(new ConfirmationToken(text))
                : java.util.Optional.empty();
    }

    /** What is stored: the SHA-256 of the token, 64 hex digits. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ConfirmationToken[hash=" + hash().substring(0, 8) + "…]";
    }
}
