package io.jstack.image.service.webdownload;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs and addresses web-download may fetch. First Glance's import filtering on the URL as written
 * (scheme, host, port: a non-empty allowed list wins over its disallowed list), then, once the host is resolved,
 * every address: internal ones (see {@link Addresses}) only when an operator listed them as allowed internal
 * targets. Both apply to the URL asked for and to every redirect.
 *
 * <p>Unlike Glance, a URL without a port is filtered by its scheme's port (Glance lets it through whatever the
 * port lists say), and host names are resolved when fetched, not when the import is asked for, so that a name
 * that does not resolve fails the import as Tempest expects rather than the request.
 */
public final class ImportFiltering {

    /** The settings, as Glance names them. Empty lists mean unset. */
    public record Rules(List<String> allowedSchemes, List<String> disallowedSchemes, List<String> allowedHosts,
                        List<String> disallowedHosts, List<Integer> allowedPorts, List<Integer> disallowedPorts,
                        List<String> allowedInternalTargets) {
    }

    /**
     * A URL that passed the filtering on its own.
     *
     * @param address the address when the host is an address literal, else null (to be resolved)
     */
    public record Target(URI uri, String scheme, String host, InetAddress address, int port) {
        /** The Host header's value: the host as written in the URL, and the port when it is not the default. */
        String hostHeader() {
            String h = uri.getHost();
            return port == defaultPort(scheme) ? h : h + ":" + port;
        }
    }

    private final List<String> allowedSchemes;
    private final List<String> disallowedSchemes;
    private final List<String> allowedHosts;
    private final List<String> disallowedHosts;
    private final List<Integer> allowedPorts;
    private final List<Integer> disallowedPorts;
    private final List<InternalTarget> internalTargets;

    /** @throws IllegalArgumentException for an allowed internal target that is not an address or block */
    public ImportFiltering(Rules rules) {
        this.allowedSchemes = lower(rules.allowedSchemes());
        this.disallowedSchemes = lower(rules.disallowedSchemes());
        this.allowedHosts = lower(rules.allowedHosts());
        this.disallowedHosts = lower(rules.disallowedHosts());
        this.allowedPorts = List.copyOf(rules.allowedPorts());
        this.disallowedPorts = List.copyOf(rules.disallowedPorts());
        this.internalTargets = rules.allowedInternalTargets().stream().map(InternalTarget::parse).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
    }

    public static List<String> orEmpty(Optional<List<String>> values) {
        return values.orElse(List.of());
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** Glance's filtering of a URL as written: its scheme, host and port. */
    public Target check(String uri) throws Refused {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new Refused("the URI is not valid");
        }
        String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            // web-download speaks http(s) only, whatever the lists allow
            throw new Refused("the scheme is not http or https");
        }
        if (!allowedSchemes.isEmpty() ? !allowedSchemes.contains(scheme) : disallowedSchemes.contains(scheme)) {
            throw new Refused("the scheme " + scheme + " is not allowed");
        }
        String written = parsed.getHost();
        if (written == null || written.isEmpty()) {
            throw new Refused("the URI has no host");
        }
        String host = (written.startsWith("[") ? written.substring(1, written.length() - 1) : written)
                .toLowerCase(Locale.ROOT);
        if (Addresses.isEncodedNumber(host)) {
            throw new Refused("the host " + written + " is a number that is not a standard IP address");
        }
        InetAddress address = Addresses.literal(host);
        if (!allowedHosts.isEmpty() ? !matches(allowedHosts, host, address) : matches(disallowedHosts, host, address)) {
            throw new Refused("the host " + written + " is not allowed");
        }
        int port = parsed.getPort() >= 0 ? parsed.getPort() : defaultPort(scheme);
        if (!allowedPorts.isEmpty() ? !allowedPorts.contains(port) : disallowedPorts.contains(port)) {
            throw new Refused("the port " + port + " is not allowed");
        }
        if (address != null) {
            checkAddress(address, port);
        }
        return new Target(parsed, scheme, host, address, port);
    }

    /** Whether a host list names this host: by name, or for an address literal by the address it denotes. */
    private static boolean matches(List<String> list, String host, InetAddress address) {
        for (String entry : list) {
            InetAddress listed = Addresses.literal(entry);
            if (address != null && listed != null ? address.equals(listed) : entry.equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** An address web-download is about to connect to: internal ones only when allowed. */
    public void checkAddress(InetAddress address, int port) throws Refused {
        Optional<String> kind = Addresses.internalKind(address);
        if (kind.isEmpty()) {
            return;
        }
        for (InternalTarget t : internalTargets) {
            if (t.allows(address, port)) {
                return;
            }
        }
        throw new Refused("the address " + address.getHostAddress() + " is " + kind.get()
                + ", which web-download may not reach");
    }
}
