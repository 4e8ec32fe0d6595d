package io.jstack.image.service.webdownload;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of address a web-download target is. Loopback, link-local (the cloud metadata service's
 * 169.254.169.254 among them), private, unique-local, multicast, unspecified and the other special-purpose
 * blocks reach the cloud's own machines or none at all: an image URL has no business there. IPv6 addresses that
 * carry an IPv4 address (IPv4-compatible, NAT64, 6to4) are judged by that IPv4 address too.
 */
public final class Addresses {

    /** A dotted quad as Python's ipaddress accepts it: four decimal numbers, no leading zeros. */
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /** A block and what it is, as the refusal names it. */
    private record Kind(AddressRange range, String name) {
    }

    private static final List<Kind> INTERNAL = List.of(
            kind("0.0.0.0/8", "unspecified"),
            kind("10.0.0.0/8", "private"),
            kind("100.64.0.0/10", "shared (carrier-grade NAT)"),
            kind("127.0.0.0/8", "loopback"),
            kind("169.254.0.0/16", "link-local"),
            kind("172.16.0.0/12", "private"),
            kind("192.0.0.0/24", "special-purpose"),
            kind("192.168.0.0/16", "private"),
            kind("198.18.0.0/15", "benchmarking"),
            kind("224.0.0.0/4", "multicast"),
            kind("240.0.0.0/4", "reserved"),
            kind("::/128", "unspecified"),
            kind("::1/128", "loopback"),
            kind("100::/64", "discard-only"),
            kind("2001::/32", "Teredo"),
            kind("fc00::/7", "unique-local"),
            kind("fe80::/10", "link-local"),
            kind("fec0::/10", "site-local"),
            kind("ff00::/8", "multicast"));

    /** Blocks whose last (or, for 6to4, second to fourth) bytes are an IPv4 address. */
    private static final AddressRange IPV4_COMPATIBLE = AddressRange.parse("::/96");
    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    private Addresses() {
    }

    private static Kind kind(String range, String name) {
        return new Kind(AddressRange.parse(range), name);
    }

    /**
     * The address written in {@code text} (a dotted quad, or IPv6 with or without brackets), or null when it is
     * not an address literal. Never looks anything up.
     */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.indexOf(':') >= 0) {
            if (!t.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                return InetAddress.ofLiteral(t);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (!DOTTED_QUAD.matcher(t).matches()) {
            return null;
        }
        return InetAddress.ofLiteral(t);
    }

    /**
     * Whether {@code host} is written as a number that is not a standard address: {@code 2130706433},
     * {@code 127.1}, {@code 0177.0.0.1}. Resolvers read these as addresses; Glance refuses them, and so does this.
     */
    public static boolean isEncodedNumber(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && literal(host) == null;
    }

    /** What kind of internal address {@code address} is, or empty for an address of the internet. */
    public static Optional<String> internalKind(InetAddress address) {
        InetAddress a = unmapped(address);
        for (Kind k : INTERNAL) {
            if (k.range().contains(a)) {
                return Optional.of(k.name());
            }
        }
        if (a instanceof Inet6Address) {
            Inet4Address embedded = embeddedIpv4(a);
            if (embedded != null) {
                return internalKind(embedded).map(kind -> kind + " (embedded in " + a.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 address; any other address as it is. Java turns
     * most of them into IPv4 addresses by itself, but not an {@link Inet6Address} made from bytes.
     */
    static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return address;
                }
            }
            return ipv4(b, 12);
        }
        return address;
    }

    private static Inet4Address embeddedIpv4(InetAddress a) {
        byte[] b = a.getAddress();
        if (IPV4_COMPATIBLE.contains(a) || NAT64.contains(a)) {
            return ipv4(b, 12);
        }
        if (SIX_TO_FOUR.contains(a)) {
            return ipv4(b, 2);
        }
        return null;
    }

    private static Inet4Address ipv4(byte[] bytes, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{
                    bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
