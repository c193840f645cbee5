package app.rebound.ingest;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/** The registrable domain of an address (public suffix + 1, Guava's copy of the Public Suffix List). */
public final class RecipientDomain {
    private RecipientDomain() {
    }

    /** {@code ann@mail.example.co.uk} → {@code example.co.uk}; the bare host when it is not under a public suffix. */
    public static String of(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return null;
        }
        String host = email.substring(at + 1).toLowerCase(Locale.ROOT).replaceAll("[\\[\\]>]", "").strip();
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            InternetDomainName d = InternetDomainName.from(host);
            return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : d.toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return host.length() <= 255 ? host : host.substring(0, 255);
        }
    }
}
