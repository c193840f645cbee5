package app.rebound.ingest.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only URLs Rebound fetches for SNS: HTTPS on an {@code sns.<region>.amazonaws.com} host (or the China
 * partition's {@code .amazonaws.com.cn}), default port, no user info. Anything else is refused before any
 * connection is made, so a forged message cannot make Rebound fetch an attacker's certificate or call an
 * internal address.
 */
public final class SnsUrls {
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]{1,30}\\.amazonaws\\.com(\\.cn)?");

    private SnsUrls() {
    }

    /** The signing certificate URL, checked: an SNS host and a {@code .pem} path. */
    public static URI signingCert(String url) {
        URI u = snsHost(url, "SigningCertURL");
        if (u.getRawPath() == null || !u.getRawPath().endsWith(".pem") || u.getRawQuery() != null) {
            throw new VerificationException("SigningCertURL must name a .pem file on the SNS host: " + shorten(url));
        }
        return u;
    }

    /** The SubscribeURL of a subscription confirmation, checked: an SNS host. */
    public static URI subscribe(String url) {
        return snsHost(url, "SubscribeURL");
    }

    private static URI snsHost(String url, String what) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new VerificationException(what + " is not a URL: " + shorten(url));
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getRawUserInfo() != null
                || (u.getPort() != -1 && u.getPort() != 443) || !SNS_HOST.matcher(host).matches()) {
            throw new VerificationException(what + " must be https://sns.<region>.amazonaws.com/...: " + shorten(url));
        }
        return u;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
