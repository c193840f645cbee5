package app.rebound.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which IP addresses a webhook may be delivered to (the SSRF guard's rule): not loopback, private, shared (CGNAT),
 * link-local, multicast, unspecified, broadcast or reserved, in IPv4 or IPv6, including IPv4 addresses carried inside
 * IPv6 (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}). Returns why an address is refused, in words for the admin.
 */
public final class AddressPolicy {
    private AddressPolicy() {
    }

    public static Optional<String> refusal(InetAddress a) {
        if (a instanceof Inet4Address) {
            return v4(a.getAddress());
        }
        byte[] b = a.getAddress();
        if (isZero(b, 0, 16)) {
            return Optional.of("the unspecified address");
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return Optional.of("a loopback address");
        }
        // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): judge the IPv4 address inside.
        if (isZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return v4(slice(b, 12)).map(r -> r + " (inside an IPv6 address)");
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 12)) {
            return v4(slice(b, 12)).map(r -> r + " (inside a NAT64 address)");
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            byte[] v4 = {b[2], b[3], b[4], b[5]};
            return v4(v4).map(r -> r + " (inside a 6to4 address)");
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a private address (unique local fc00::/7)");
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("a private address (site-local fec0::/10)");
        }
        if (a instanceof Inet6Address && (first & 0xe0) != 0x20) {
            return Optional.of("a reserved address (outside the global unicast range 2000::/3)");
        }
        return Optional.empty();
    }

    private static Optional<String> v4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 0) {
            return Optional.of("the unspecified address (0.0.0.0/8)");
        }
        if (o0 == 127) {
            return Optional.of("a loopback address");
        }
        if (o0 == 10 || (o0 == 172 && (o1 & 0xf0) == 16) || (o0 == 192 && o1 == 168)) {
            return Optional.of("a private address");
        }
        if (o0 == 100 && (o1 & 0xc0) == 64) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (o0 == 169 && o1 == 254) {
            return Optional.of("a link-local address");
        }
        if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("a reserved address (192.0.0.0/24)");
        }
        if (o0 == 198 && (o1 & 0xfe) == 18) {
            return Optional.of("a reserved address (benchmarking 198.18.0.0/15)");
        }
        if (o0 >= 224 && o0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (o0 >= 240) {
            return Optional.of(o0 == 255 && o1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255
                    ? "the broadcast address" : "a reserved address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        byte[] out = new byte[4];
        System.arraycopy(b, from, out, 0, 4);
        return out;
    }

    /** Parses an IP literal without any DNS lookup (for tests and for literal URLs). */
    static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
