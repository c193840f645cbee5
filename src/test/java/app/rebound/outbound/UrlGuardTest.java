package app.rebound.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SSRF guard: which addresses and URLs are refused, and that the message says why. */
class UrlGuardTest {

    @ParameterizedTest(name = "{0} refused as {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.255.0.9, loopback", "10.1.2.3, private", "172.16.0.1, private",
            "172.31.255.254, private", "192.168.1.1, private", "100.64.0.1, shared", "169.254.169.254, link-local",
            "0.0.0.0, unspecified", "224.0.0.1, multicast", "239.255.255.250, multicast", "255.255.255.255, broadcast",
            "240.0.0.1, reserved", "::1, loopback", "::, unspecified", "fe80::1, link-local", "fc00::1, private",
            "fd12:3456::1, private", "fec0::1, site-local", "ff02::1, multicast", "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local", "::127.0.0.1, loopback",
            "64:ff9b::a00:1, private", "2002:c0a8:0101::1, private", "::ffff:0:0, unspecified"})
    void refusesNonPublicAddresses(String ip, String kind) {
        Optional<String> why = AddressPolicy.refusal(AddressPolicy.literal(ip));
        assertTrue(why.isPresent(), ip + " must be refused");
        assertTrue(why.get().contains(kind), ip + ": " + why.get());
    }

    @ParameterizedTest(name = "{0} allowed")
    @CsvSource({"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1",
            "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888", "::ffff:8.8.8.8", "2002:0808:0808::1"})
    void allowsPublicAddresses(String ip) {
        assertEquals(Optional.empty(), AddressPolicy.refusal(AddressPolicy.literal(ip)), ip);
    }

    @Test
    void refusesPrivateTargetsWithAReasonOnSaveAndDelivery() {
        UrlGuard strict = new UrlGuard(false);
        UrlGuard.Refused r = assertThrows(UrlGuard.Refused.class, () -> strict.check("http://127.0.0.1:8080/hook"));
        assertTrue(r.getMessage().contains("127.0.0.1, a loopback address"), r.getMessage());
        assertTrue(r.getMessage().contains("rebound.outbound.allow-private"), r.getMessage());
        r = assertThrows(UrlGuard.Refused.class, () -> strict.check("https://[::ffff:192.168.0.10]/x"));
        assertTrue(r.getMessage().contains("private address"), r.getMessage());
        r = assertThrows(UrlGuard.Refused.class, () -> strict.check("http://169.254.169.254/latest/meta-data/"));
        assertTrue(r.getMessage().contains("link-local"), r.getMessage());
        // a name that resolves to loopback is refused after resolution, not by its spelling
        r = assertThrows(UrlGuard.Refused.class, () -> strict.check("http://localhost:9/"));
        assertTrue(r.getMessage().contains("loopback"), r.getMessage());
        UrlGuard.Target t = strict.check("https://93.184.216.34/hooks?x=1");
        assertEquals("93.184.216.34", t.address().getHostAddress());
        assertEquals(443, t.port());
        assertEquals("/hooks?x=1", t.pathAndQuery());
    }

    @Test
    void refusesMalformedUrlsWithAMessage() {
        UrlGuard guard = new UrlGuard(true);
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("ftp://example.com/")).getMessage().contains("https://"));
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("https://user:pw@example.com/")).getMessage().contains("user name"));
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("not a url")).getMessage().length() > 10);
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("")).getMessage().contains("URL"));
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("https://x.invalid/")).getMessage().contains("does not resolve"));
        assertTrue(assertThrows(UrlGuard.Refused.class, () -> guard.check("https://example.com/" + "a".repeat(2001))).getMessage().contains("longer"));
        // the operator's switch lets tests and dev post to a local receiver
        assertEquals("127.0.0.1", guard.check("http://127.0.0.1:1/").address().getHostAddress());
    }
}
