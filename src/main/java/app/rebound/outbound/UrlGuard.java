package app.rebound.outbound;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SSRF guard: checks a webhook URL's form, resolves its host and refuses it when any address it resolves to is
 * not public ({@link AddressPolicy}), unless {@code rebound.outbound.allow-private=true}. Used when an endpoint is
 * saved and again before every delivery, where the worker then connects to exactly the address checked here (no
 * second lookup, so DNS rebinding between check and connect does not work).
 */
@ApplicationScoped
public class UrlGuard {
    public static final int MAX_URL = 2000;
    private final boolean allowPrivate;

    @Inject
    public UrlGuard(OutboundConfig config) {
        this(config.allowPrivate());
    }

    UrlGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** A refused URL, with the reason in words. */
    public static class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** A checked target: the URL and the address to connect to. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {
        public String pathAndQuery() {
            String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
        }
    }

    /** Checks the URL's form only (scheme, host, no credentials); returns it normalised. */
    public URI parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new Refused("Give the receiver's URL (https://...).");
        }
        if (s.length() > MAX_URL) {
            throw new Refused("The URL is longer than " + MAX_URL + " characters.");
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new Refused("That is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("The URL must start with https:// (or http://).");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new Refused("The URL has no host name.");
        }
        if (u.getRawUserInfo() != null) {
            throw new Refused("The URL must not contain a user name or password: the signature authenticates Rebound.");
        }
        if (u.getRawFragment() != null) {
            throw new Refused("The URL must not contain a #fragment.");
        }
        return u;
    }

    /** Parses, resolves and checks; the first allowed address is the one to connect to. */
    public Target check(String raw) {
        URI u = parse(raw);
        String host = u.getHost();
        String lookup = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(IDN.toASCII(lookup));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new Refused("The host " + host + " does not resolve (DNS lookup failed).");
        }
        if (!allowPrivate) {
            for (InetAddress a : all) {
                Optional<String> why = AddressPolicy.refusal(a);
                if (why.isPresent()) {
                    throw new Refused("The host " + host + " resolves to " + a.getHostAddress() + ", " + why.get()
                            + ": Rebound only calls public addresses (an operator can allow private ones with "
                            + "rebound.outbound.allow-private=true).");
                }
            }
        }
        boolean https = u.getScheme().equalsIgnoreCase("https");
        int port = u.getPort() > 0 ? u.getPort() : (https ? 443 : 80);
        return new Target(u, lookup, port, https, List.of(all).get(0));
    }
}
