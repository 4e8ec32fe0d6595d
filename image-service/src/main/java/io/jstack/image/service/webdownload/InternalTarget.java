package io.jstack.image.service.webdownload;

import java.net.InetAddress;

/**
 * An internal address (or block) an operator lets web-download reach, on one port or any:
 * {@code ADDRESS[/BITS][:PORT]}, IPv6 with a port as {@code [ADDRESS[/BITS]]:PORT}.
 *
 * @param port the one port allowed, or 0 for any
 */
record InternalTarget(AddressRange range, int port) {

    static InternalTarget parse(String text) {
        String t = text.strip();
        String address = t;
        int port = 0;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw invalid(text);
            }
            address = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text);
                }
                port = port(rest.substring(1), text);
            }
        } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') >= 0) {
            // one colon: IPv4 with a port (IPv6 has at least two)
            address = t.substring(0, t.indexOf(':'));
            port = port(t.substring(t.indexOf(':') + 1), text);
        }
        try {
            return new InternalTarget(AddressRange.parse(address), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed internal target '" + text + "': " + e.getMessage());
        }
    }

    private static int port(String text, String entry) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw invalid(entry);
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("allowed internal target '" + text
                + "' is not ADDRESS[/BITS][:PORT] (IPv6 with a port: [ADDRESS[/BITS]]:PORT)");
    }

    boolean allows(InetAddress address, int port) {
        return (this.port == 0 || this.port == port) && range.contains(Addresses.unmapped(address));
    }
}
