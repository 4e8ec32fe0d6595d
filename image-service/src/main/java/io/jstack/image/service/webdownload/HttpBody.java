package io.jstack.image.service.webdownload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of an HTTP/1.1 response, as its headers frame it: {@code Transfer-Encoding: chunked}, a
 * {@code Content-Length}, or everything up to the end of the connection. A body that ends before its framing
 * says is an error, never a silently shorter image.
 */
final class HttpBody extends InputStream {

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final boolean chunked;
    /** Bytes left in the current chunk or the whole body; -1 when the body runs to the end of the connection. */
    private long left;
    private boolean done;

    private HttpBody(InputStream in, boolean chunked, long length) {
        this.in = in;
        this.chunked = chunked;
        this.left = chunked ? 0 : length;
        this.done = !chunked && length == 0;
    }

    static HttpBody chunked(InputStream in) {
        return new HttpBody(in, true, 0);
    }

    static HttpBody ofLength(InputStream in, long length) {
        return new HttpBody(in, false, length);
    }

    static HttpBody untilClose(InputStream in) {
        return new HttpBody(in, false, -1);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (chunked && left == 0) {
            left = nextChunk();
            if (left == 0) {
                done = true;
                return -1;
            }
        }
        int want = left < 0 ? len : (int) Math.min(len, left);
        int n = in.read(b, off, want);
        if (n < 0) {
            if (left < 0) {
                done = true;
                return -1;
            }
            throw new EOFException("the connection closed before the end of the data");
        }
        if (left > 0) {
            left -= n;
            if (left == 0 && chunked) {
                expectLineEnd();
            } else if (left == 0) {
                done = true;
            }
        }
        return n;
    }

    /** The size of the next chunk; 0 for the last one, whose trailers are read and dropped. */
    private long nextChunk() throws IOException {
        String line = readLine(in);
        int semi = line.indexOf(';');
        String size = (semi < 0 ? line : line.substring(0, semi)).strip();
        if (!size.matches("[0-9A-Fa-f]{1,15}")) {
            throw new IOException("malformed chunk size in the response");
        }
        long n = Long.parseLong(size, 16);
        if (n == 0) {
            while (!readLine(in).isEmpty()) {
                // trailers
            }
        }
        return n;
    }

    private void expectLineEnd() throws IOException {
        if (!readLine(in).isEmpty()) {
            throw new IOException("malformed chunk in the response");
        }
    }

    /** A CRLF (or LF) terminated line of at most 8 KiB, as ISO-8859-1, without its terminator. */
    static String readLine(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of the response");
            }
            if (c == '\n') {
                break;
            }
            if (n == MAX_LINE) {
                throw new IOException("a line of the response is longer than " + MAX_LINE + " bytes");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (byte) c;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
