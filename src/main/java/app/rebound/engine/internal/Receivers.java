package app.rebound.engine.internal;

import java.util.Map;

/**
 * Which receiver a reply came from, by domain on label boundaries: {@code mx.me.com} is iCloud, {@code acme.com}
 * is not; {@code olive.com} is not {@code live.com}; a label "aol" counts, "gaol" or "aolx" does not.
 */
final class Receivers {
    private Receivers() {
    }

    /**
     * Receiver hints of the receiver rules: the domains they run (a host matches when it is the domain or ends
     * with "." and the domain) and brand labels (a host matches when one of its labels is the brand, so that
     * {@code yahoo.co.jp} and {@code mta7.am0.yahoodns.net} count as Yahoo).
     */
    private static final Map<String, String[][]> HINTS = Map.of(
            "google", new String[][] {{"gmail.com", "googlemail.com", "google.com"}, {"gmail", "googlemail"}},
            "outlook", new String[][] {{"outlook.com", "hotmail.com", "live.com", "msn.com", "office365.com",
                "microsoft.com", "protection.outlook.com"}, {"hotmail", "outlook"}},
            "icloud", new String[][] {{"icloud.com", "me.com", "mac.com", "apple.com"}, {"icloud"}},
            "yahoo", new String[][] {{"yahoodns.net", "ymail.com", "rocketmail.com"}, {"yahoo"}},
            "aol", new String[][] {{"aol.com", "aim.com"}, {"aol"}},
            "cox", new String[][] {{"cox.net"}, {}},
            "mimecast", new String[][] {{"mimecast.com", "mimecast.co.za"}, {"mimecast"}});

    /** Whether one of the hosts (space-separated, lower-case) belongs to the receiver named by {@code hint}. */
    static boolean matches(String hint, String hosts) {
        if (hint == null) {
            return true;
        }
        String[][] h = HINTS.get(hint);
        if (h == null) {
            return anyDomain(hosts, hint);
        }
        return anyDomain(hosts, h[0]) || anyLabel(hosts, h[1]);
    }

    /** Whether a host in {@code hosts} is one of the space-separated domains, or a subdomain of one. */
    static boolean anyDomain(String hosts, String domains) {
        return anyDomain(hosts, domains.split(" "));
    }

    private static boolean anyDomain(String hosts, String[] domains) {
        for (String d : domains) {
            int i = hosts.indexOf(d);
            while (i >= 0) {
                int e = i + d.length();
                boolean startOk = i == 0 || hosts.charAt(i - 1) == '.' || !isHostChar(hosts.charAt(i - 1));
                boolean endOk = e == hosts.length() || !isHostChar(hosts.charAt(e)) || hosts.charAt(e) == '.'
                        && (e + 1 == hosts.length() || !isHostChar(hosts.charAt(e + 1)));
                if (startOk && endOk) {
                    return true;
                }
                i = hosts.indexOf(d, i + 1);
            }
        }
        return false;
    }

    private static boolean anyLabel(String hosts, String[] labels) {
        for (String l : labels) {
            int i = hosts.indexOf(l);
            while (i >= 0) {
                int e = i + l.length();
                boolean startOk = i == 0 || !isHostChar(hosts.charAt(i - 1)) || hosts.charAt(i - 1) == '.';
                boolean endOk = e < hosts.length() && hosts.charAt(e) == '.';
                if (startOk && endOk) {
                    return true;
                }
                i = hosts.indexOf(l, i + 1);
            }
        }
        return false;
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
    }
}
