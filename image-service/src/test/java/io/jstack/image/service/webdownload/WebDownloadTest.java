package io.jstack.image.service.webdownload;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web-download's fetcher against real HTTP servers on 127.0.0.1: one allowed, one that must never be reached.
 * Connections go through a connector that records every address and refuses anything but 127.0.0.1, so a
 * refusal that did not happen fails the test without a packet leaving the machine.
 */
class WebDownloadTest {

    private static final byte[] DATA = new byte[300_000];
    private static HttpServer allowed;
    private static HttpServer internal;
    private static final AtomicInteger INTERNAL_REQUESTS = new AtomicInteger();

    private final List<InetSocketAddress> connections = new CopyOnWriteArrayList<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servers() throws IOException {
        new Random(7).nextBytes(DATA);
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        allowed.createContext("/image.raw", ex -> {
            ex.sendResponseHeaders(200, DATA.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(DATA);
            }
        });
        allowed.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < DATA.length; i += 7000) {
                    out.write(DATA, i, Math.min(7000, DATA.length - i));
                    out.flush();
                }
            }
        });
        allowed.createContext("/redirect", ex -> {
            String to = java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery().substring(3),
                    StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Location", to);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        allowed.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        allowed.start();
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", ex -> {
            INTERNAL_REQUESTS.incrementAndGet();
            ex.sendResponseHeaders(200, DATA.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(DATA);
            }
        });
        internal.start();
    }

    @AfterAll
    static void stop() {
        allowed.stop(0);
        internal.stop(0);
    }

    private static String allowedUrl(String path) {
        return "http://127.0.0.1:" + allowed.getAddress().getPort() + path;
    }

    private static String redirectTo(String target) {
        return allowedUrl("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    /** Allows exactly the allowed server's address and port; any scheme port. */
    private WebDownload download(int maxRedirects) {
        ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of("http", "https"), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of("127.0.0.1:" + allowed.getAddress().getPort())));
        return new WebDownload(f, maxRedirects, Duration.ofSeconds(5), Duration.ofSeconds(5), host -> {
            lookups.add(host);
            return InetAddress.getAllByName(host);
        }, (address, timeout) -> {
            connections.add(address);
            if (!address.getAddress().getHostAddress().equals("127.0.0.1")) {
                throw new AssertionError("web-download connected to " + address);
            }
            Socket s = new Socket();
            s.connect(address, timeout);
            return s;
        });
    }

    private static byte[] read(WebDownload.Response r) throws IOException {
        try (r; InputStream in = r.body()) {
            return in.readAllBytes();
        }
    }

    @Test
    void fetchesWhatTheAllowedListAllowsFollowingRedirects() throws IOException {
        assertArrayEquals(DATA, read(download(5).open(allowedUrl("/image.raw"))));
        assertArrayEquals(DATA, read(download(5).open(allowedUrl("/chunked"))));
        WebDownload.Response r = download(5).open(redirectTo(redirectTo(allowedUrl("/image.raw"))));
        assertEquals(allowedUrl("/image.raw"), r.uri().toString());
        assertArrayEquals(DATA, read(r));
        assertTrue(connections.stream().allMatch(a -> a.getPort() == allowed.getAddress().getPort()));
    }

    @Test
    void redirectsAreBounded() {
        String uri = allowedUrl("/image.raw");
        for (int i = 0; i < 3; i++) {
            uri = redirectTo(uri);
        }
        String three = uri;
        IOException e = assertThrows(IOException.class, () -> read(download(2).open(three)));
        assertTrue(e.getMessage().contains("redirected more than 2 times"), e.getMessage());
    }

    @Test
    void redirectsToInternalAddressesAreRefusedBeforeConnecting() {
        int port = internal.getAddress().getPort();
        int before = INTERNAL_REQUESTS.get();
        for (String target : List.of("http://127.0.0.1:" + port + "/x", "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/latest/meta-data/", "http://10.0.0.1/x", "http://192.168.0.1/x",
                "http://[::1]:" + port + "/x", "http://0.0.0.0:" + port + "/x", "http://[::ffff:127.0.0.1]:" + port,
                "http://localhost:" + port + "/x", "file:///etc/passwd", "ftp://127.0.0.1/x")) {
            connections.clear();
            Refused e = assertThrows(Refused.class, () -> read(download(5).open(redirectTo(target))), target);
            assertTrue(e.getMessage().startsWith("Redirect to disallowed URL: "), e.getMessage());
            assertEquals(1, connections.size(), "only the allowed server was connected to: " + connections);
        }
        assertEquals(before, INTERNAL_REQUESTS.get());
    }

    @Test
    void aNameResolvingToAnInternalAddressIsRefused() {
        int port = internal.getAddress().getPort();
        Refused e = assertThrows(Refused.class, () -> read(download(5).open("http://localhost:" + port + "/x")));
        assertTrue(e.getMessage().contains("which web-download may not reach"), e.getMessage());
        assertTrue(connections.isEmpty());
    }

    @Test
    void theConnectionGoesToTheAddressChecked() throws IOException {
        // a resolver that answers differently each time (DNS rebinding): the first, checked answer is used
        AtomicInteger calls = new AtomicInteger();
        ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of("http"), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of("127.0.0.1:" + allowed.getAddress().getPort())));
        WebDownload d = new WebDownload(f, 5, Duration.ofSeconds(5), Duration.ofSeconds(5), host -> {
            InetAddress a = calls.getAndIncrement() == 0 ? InetAddress.getByName("127.0.0.1")
                    : InetAddress.getByName("169.254.169.254");
            return new InetAddress[]{a};
        }, (address, timeout) -> {
            connections.add(address);
            if (!address.getAddress().getHostAddress().equals("127.0.0.1")) {
                throw new AssertionError("web-download connected to " + address);
            }
            Socket s = new Socket();
            s.connect(address, timeout);
            return s;
        });
        assertArrayEquals(DATA, read(d.open("http://images.example.test:" + allowed.getAddress().getPort()
                + "/image.raw")));
        assertEquals(1, calls.get(), "one lookup per hop");
        assertEquals(1, connections.size());
    }

    @Test
    void failuresSayWhat() {
        IOException e = assertThrows(IOException.class, () -> read(download(5).open(allowedUrl("/missing"))));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        e = assertThrows(IOException.class, () -> read(download(5).open("http://does-not.exist.invalid/x")));
        assertTrue(e.getMessage().contains("could not be resolved"), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsLengthIsAnError() throws Exception {
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = liar.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(10))
                            .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException ignored) {
                    // the test fails on its own if this server does not answer
                }
            });
            ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of("http"), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of("127.0.0.1")));
            WebDownload d = new WebDownload(f, 5, Duration.ofSeconds(5), Duration.ofSeconds(5));
            assertThrows(java.io.EOFException.class, () -> read(d.open("http://127.0.0.1:" + liar.getLocalPort()
                    + "/x")));
            server.join();
        }
    }
}
