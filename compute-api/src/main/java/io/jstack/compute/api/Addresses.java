package io.jstack.compute.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Access addresses as Nova keeps them: validated, and IPv6 in its canonical compressed form (RFC 5952). */
final class Addresses {

    private Addresses() {
    }

    /** The canonical form of an IPv6 literal, or null when it is not one. */
    static String ipv6(String text) {
        if (text == null || !text.contains(":") || !text.matches("^[0-9a-fA-F:.]+$")) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (!(address instanceof Inet6Address)) {
                // an IPv4-mapped address: Java hands back the IPv4 address; keep what was given
                return text.toLowerCase();
            }
            byte[] b = address.getAddress();
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
            }
            // the longest run of two or more zero groups becomes "::"
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; ) {
                if (groups[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    out.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(groups[i]));
            }
            return out.toString();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
