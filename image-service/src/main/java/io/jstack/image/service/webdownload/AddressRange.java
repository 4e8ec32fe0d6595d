package io.jstack.image.service.webdownload;

import java.net.InetAddress;

/** A block of IPv4 or IPv6 addresses ({@code 10.0.0.0/8}): the first {@code bits} bits of {@code network}. */
record AddressRange(InetAddress network, int bits) {

    AddressRange {
        int max = network.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("a prefix of " + bits + " bits does not fit "
                    + network.getHostAddress());
        }
    }

    /** {@code ADDRESS} or {@code ADDRESS/BITS}, the address a literal (never looked up). */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = Addresses.literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or block");
        }
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String b = text.substring(slash + 1);
            if (!b.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            bits = Integer.parseInt(b);
        }
        return new AddressRange(address, bits);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + bits;
    }
}
