package io.jstack.common.testing.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given: request targets with broken percent-encoding, raw
 * non-UTF-8 bytes, unusual methods and headers, which the JDK's and RestAssured's clients refuse or repair. One
 * kept-alive connection, reopened when the server closes it.
 */
final class RawHttp implements Closeable {

    /** A response; header names in lower case. {@code status} is 0 when the server closed without answering. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends a request. The target and header values are written as ISO-8859-1 (one byte per char), so a caller
     * puts raw bytes in them as chars 0-255. A body (possibly empty) gets a Content-Length.
     */
    Response send(String method, String target, List<String[]> headers, byte[] body) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        write(head, method + " " + target + " HTTP/1.1\r\n");
        write(head, "Host: " + host + ":" + port + "\r\n");
        for (String[] h : headers) {
            write(head, h[0] + ": " + h[1] + "\r\n");
        }
        if (body != null) {
            write(head, "Content-Length: " + body.length + "\r\n");
        }
        write(head, "\r\n");
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean fresh = socket == null;
            try {
                connect();
                out.write(head.toByteArray());
                if (body != null && body.length > 0) {
                    try {
                        out.write(body);
                    } catch (IOException e) {
                        // the server may answer (413) and close before reading a large body: read what it said
                    }
                }
                out.flush();
                return read(method.equals("HEAD"));
            } catch (IOException e) {
                last = e;
                close();
                if (fresh) {
                    break;
                }
            }
        }
        throw last;
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }
    }

    private Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] words = statusLine.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(words[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[0];
        String encoding = first(headers, "transfer-encoding");
        String length = first(headers, "content-length");
        boolean close = "close".equalsIgnoreCase(first(headers, "connection"));
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked();
        } else if (length != null) {
            body = exactly(Long.parseLong(length));
        } else {
            body = untilClose();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] chunk = exactly(n);
            if (body.size() < MAX_BODY) {
                body.write(chunk);
            }
            line();
        }
    }

    private byte[] exactly(long n) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("connection closed inside a body");
            }
            if (body.size() < MAX_BODY) {
                body.write(buffer, 0, r);
            }
            left -= r;
        }
        return body.toByteArray();
    }

    private byte[] untilClose() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
            if (body.size() < MAX_BODY) {
                body.write(buffer, 0, r);
            }
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
