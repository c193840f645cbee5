package app.rebound.insight;

import com.google.common.net.InternetDomainName;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DKIM DNS check of the dkim-broken alert: the TXT record at {@code selector._domainkey.domain} and whether it
 * parses as a DKIM key record (RFC 6376 §3.6.1: tag=value pairs, {@code v=DKIM1} first if present, a {@code p=} with
 * base64 key data, an empty {@code p=} meaning the key was revoked). The resolver is
 * {@code rebound.insight.dns-resolver} (host:port) or the system's.
 */
@ApplicationScoped
public class DkimCheck {
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63}){0,3}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final Optional<String> resolverAddress;
    private final Duration timeout;

    public DkimCheck(@ConfigProperty(name = "rebound.insight.dns-resolver") Optional<String> resolverAddress,
            @ConfigProperty(name = "rebound.insight.dns-timeout", defaultValue = "PT5S") Duration timeout) {
        this.resolverAddress = resolverAddress.filter(s -> !s.isBlank());
        this.timeout = timeout;
    }

    /** What a lookup found: the name asked, the TXT records (joined strings) and the verdict in plain words. */
    public record Result(String name, List<String> records, boolean valid, String verdict, Map<String, String> tags) {
    }

    /** Validates the input (IllegalArgumentException with a message for people), asks DNS and judges the answer. */
    public Result check(String selector, String domain) {
        String sel = selector == null ? "" : selector.strip();
        String dom = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (dom.endsWith(".")) {
            dom = dom.substring(0, dom.length() - 1);
        }
        if (!SELECTOR.matcher(sel).matches()) {
            throw new IllegalArgumentException("The selector must be letters, digits, '-' or '_' (for example s1 or mail2024)");
        }
        if (dom.length() > 200 || !InternetDomainName.isValid(dom) || !dom.contains(".")) {
            throw new IllegalArgumentException("The domain must be a domain name such as example.com");
        }
        String fqdn = sel + "._domainkey." + dom;
        List<String> records = new ArrayList<>();
        try {
            Message answer = resolver().send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), Type.TXT,
                    DClass.IN)));
            int rcode = answer.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Result(fqdn, records, false, "No such name in DNS (NXDOMAIN): the DKIM key is not published.",
                        Map.of());
            }
            if (rcode != Rcode.NOERROR) {
                return new Result(fqdn, records, false, "The DNS server answered " + Rcode.string(rcode) + ".", Map.of());
            }
            for (Record r : answer.getSection(Section.ANSWER)) {
                if (r instanceof TXTRecord txt) {
                    records.add(String.join("", txt.getStrings()));
                }
            }
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Not a valid DNS name: " + fqdn);
        } catch (IOException e) {
            return new Result(fqdn, records, false, "The DNS lookup failed: " + e.getMessage(), Map.of());
        }
        if (records.isEmpty()) {
            return new Result(fqdn, records, false, "The name exists but has no TXT record: the DKIM key is not published.",
                    Map.of());
        }
        if (records.size() > 1) {
            return new Result(fqdn, records, false, "Several TXT records: receivers cannot tell which key is meant.",
                    Map.of());
        }
        return judge(fqdn, records);
    }

    /** Parses one DKIM key record; package-private for unit tests. */
    static Result judge(String fqdn, List<String> records) {
        String text = records.get(0);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return new Result(fqdn, records, false, "Not a DKIM key record: \"" + p + "\" is not a tag=value pair.", tags);
            }
            String name = p.substring(0, eq).strip();
            if (tags.containsKey(name)) {
                return new Result(fqdn, records, false, "The tag " + name + "= appears twice.", tags);
            }
            tags.put(name, p.substring(eq + 1).replaceAll("\\s+", ""));
        }
        if (tags.containsKey("v") && (!"DKIM1".equals(tags.get("v")) || !"v".equals(tags.keySet().iterator().next()))) {
            return new Result(fqdn, records, false, "v= must be DKIM1 and come first.", tags);
        }
        if (!tags.containsKey("p")) {
            return new Result(fqdn, records, false, "No p= tag: the record holds no public key.", tags);
        }
        String p = tags.get("p");
        if (p.isEmpty()) {
            return new Result(fqdn, records, false, "p= is empty: the key was revoked.", tags);
        }
        String k = tags.getOrDefault("k", "rsa");
        if (!k.equals("rsa") && !k.equals("ed25519")) {
            return new Result(fqdn, records, false, "Unknown key type k=" + k + ".", tags);
        }
        if (!BASE64.matcher(p).matches()) {
            return new Result(fqdn, records, false, "p= is not base64 key data.", tags);
        }
        try {
            Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            return new Result(fqdn, records, false, "p= is not base64 key data.", tags);
        }
        return new Result(fqdn, records, true, "A DKIM key record (" + k + " key, " + p.length()
                + " base64 characters). If receivers still refuse with 5.7.1, compare it with the key the server signs with.",
                tags);
    }

    private Resolver resolver() throws IOException {
        Resolver r;
        if (resolverAddress.isPresent()) {
            String a = resolverAddress.get().strip();
            int colon = a.lastIndexOf(':');
            r = colon > 0 ? new SimpleResolver(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))))
                    : new SimpleResolver(a);
        } else {
            r = new ExtendedResolver();
        }
        r.setTimeout(timeout);
        return r;
    }
}
