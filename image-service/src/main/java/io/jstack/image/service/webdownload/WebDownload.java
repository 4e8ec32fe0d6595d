package io.jstack.image.service.webdownload;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches a web-download URL with every hop checked. For the URL and each redirect (at most
 * {@code maxRedirects}): the URL passes {@link ImportFiltering}, its host is resolved once, every address it
 * resolves to must be one web-download may reach, and the connection goes to that checked address (the Host
 * header, TLS server name and certificate check still use the name), so a name that resolves differently a
 * moment later (DNS rebinding) changes nothing. Redirects are followed here, never by a library that would
 * resolve and connect on its own. HTTP/1.1, one request per connection, blocking: it runs on an import's
 * virtual thread.
 */
public final class WebDownload {

    /** How host names become addresses; the system resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** How a connection to a checked address is opened; a plain TCP socket outside tests. */
    @FunctionalInterface
    public interface Connector {
        Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    /** A response being read: its body, and the URL that answered (after redirects). */
    public record Response(InputStream body, URI uri, long contentLength) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private static final int MAX_HEADERS = 100;

    private final ImportFiltering filtering;
    private final int maxRedirects;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Resolver resolver;
    private final Connector connector;

    public WebDownload(ImportFiltering filtering, int maxRedirects, Duration connectTimeout, Duration idleTimeout) {
        this(filtering, maxRedirects, connectTimeout, idleTimeout, InetAddress::getAllByName, WebDownload::plain);
    }

    public WebDownload(ImportFiltering filtering, int maxRedirects, Duration connectTimeout, Duration idleTimeout,
                       Resolver resolver, Connector connector) {
        this.filtering = filtering;
        this.maxRedirects = maxRedirects;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.resolver = resolver;
        this.connector = connector;
    }

    private static Socket plain(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, timeoutMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** GETs {@code uri}, following checked redirects; a 2xx answer's body is returned open. */
    public Response open(String uri) throws IOException {
        String next = uri;
        for (int hop = 0; ; hop++) {
            ImportFiltering.Target target;
            try {
                target = filtering.check(next);
            } catch (Refused e) {
                throw new Refused((hop == 0 ? "URI for web-download does not pass filtering: "
                        : "Redirect to disallowed URL: ") + next + " (" + e.getMessage() + ")");
            }
            Exchange exchange = exchange(target, hop == 0 ? null : next);
            int status = exchange.status();
            if (status >= 300 && status < 400 && status != 304 && status != 305 && status != 306) {
                exchange.close();
                String location = exchange.headers().get("location");
                if (location == null || location.isBlank()) {
                    throw new IOException("web-download of " + uri + " answered HTTP " + status + " without a "
                            + "Location");
                }
                if (hop == maxRedirects) {
                    throw new IOException("web-download of " + uri + " was redirected more than " + maxRedirects
                            + " times");
                }
                try {
                    next = target.uri().resolve(location.strip()).toString();
                } catch (IllegalArgumentException e) {
                    throw new IOException("web-download of " + uri + " was redirected to an invalid URL");
                }
                continue;
            }
            if (status / 100 != 2) {
                exchange.close();
                throw new IOException("web-download of " + uri + " answered HTTP " + status);
            }
            return new Response(exchange.body(), target.uri(), exchange.contentLength());
        }
    }

    /** One request and its response's head; the body is left to read. */
    private record Exchange(Socket socket, int status, Map<String, String> headers, InputStream body,
                            long contentLength) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Exchange exchange(ImportFiltering.Target target, String redirectedTo) throws IOException {
        List<InetAddress> addresses = resolve(target, redirectedTo);
        Socket socket = connect(target, addresses);
        try {
            socket.setSoTimeout(millis(connectTimeout));
            if (target.scheme().equals("https")) {
                socket = tls(socket, target);
            }
            OutputStream out = socket.getOutputStream();
            String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                    : target.uri().getRawPath();
            String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
            String request = "GET " + path + query + " HTTP/1.1\r\n"
                    + "Host: " + target.hostHeader() + "\r\n"
                    + "User-Agent: jstack-image-import\r\n"
                    + "Accept: */*\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            int status;
            Map<String, String> headers;
            do {
                status = statusOf(HttpBody.readLine(in));
                headers = headers(in);
            } while (status / 100 == 1);
            socket.setSoTimeout(millis(idleTimeout));
            long length = -1;
            InputStream body;
            String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            if (encoding.endsWith("chunked")) {
                body = HttpBody.chunked(in);
            } else if (headers.containsKey("content-length")) {
                String cl = headers.get("content-length").strip();
                if (!cl.matches("[0-9]{1,18}")) {
                    throw new IOException("the response has an invalid Content-Length");
                }
                length = Long.parseLong(cl);
                body = HttpBody.ofLength(in, length);
            } else {
                body = HttpBody.untilClose(in);
            }
            Socket s = socket;
            InputStream closing = new java.io.FilterInputStream(body) {
                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
            return new Exchange(socket, status, headers, closing, length);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The addresses of the target's host, each checked; an address literal is taken as it is. */
    private List<InetAddress> resolve(ImportFiltering.Target target, String redirectedTo) throws IOException {
        List<InetAddress> addresses;
        if (target.address() != null) {
            addresses = List.of(target.address());
        } else {
            try {
                addresses = List.of(resolver.resolve(target.host()));
            } catch (UnknownHostException e) {
                throw new IOException("the host " + target.host() + " of web-download URL " + target.uri()
                        + " could not be resolved");
            }
        }
        if (addresses.isEmpty()) {
            throw new IOException("the host " + target.host() + " has no address");
        }
        for (InetAddress a : addresses) {
            try {
                filtering.checkAddress(a, target.port());
            } catch (Refused e) {
                throw new Refused((redirectedTo == null ? "URI for web-download does not pass filtering: "
                        : "Redirect to disallowed URL: ") + target.uri() + " (" + e.getMessage() + ")");
            }
        }
        return addresses;
    }

    /** Connects to the first of the checked addresses that answers. */
    private Socket connect(ImportFiltering.Target target, List<InetAddress> addresses) throws IOException {
        IOException last = null;
        for (InetAddress a : addresses) {
            try {
                return connector.connect(new InetSocketAddress(a, target.port()), millis(connectTimeout));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("could not connect to " + target.host() + " port " + target.port() + ": "
                + (last == null ? "no address" : last.getMessage()));
    }

    /** TLS over the connected socket, with the name as server name and in the certificate check. */
    private static Socket tls(Socket socket, ImportFiltering.Target target) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, target.host(), target.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.address() == null) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private static int statusOf(String line) throws IOException {
        // HTTP/1.1 200 OK
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("the remote server did not answer in HTTP");
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String line = HttpBody.readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (i == MAX_HEADERS) {
                throw new IOException("the response has more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the response has a malformed header");
            }
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
