package io.jstack.image.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image transfer throughput of the running cloud against this machine's plain file copy, in the same run.
 * For a 1 GiB file of random bytes, each round measures:
 * <ul>
 *   <li>copy: the file copied to a new file next to it through user space (read into a buffer, write out, as
 *       {@code cat} does) and fsynced. This is the baseline: a transfer over HTTP moves every byte through user
 *       space at least once too (the service hashes each byte it receives; a client writes each byte it gets),
 *       and the store fsyncs every image before publishing it;</li>
 *   <li>kernel copy: the same with {@code copy_file_range} (as {@code cp} does), which never brings the bytes
 *       into user space: shown for reference, no HTTP transfer can do that;</li>
 *   <li>upload: {@code PUT /v2/images/{id}/file} until the 204, which comes after the service has hashed (MD5 and
 *       SHA-512), written, fsynced and activated the image;</li>
 *   <li>download: {@code GET /v2/images/{id}/file} written to a file and fsynced, like the copy.</li>
 * </ul>
 * The figure is the ratio to the copy. The client side is kept light (as a copy is): a plain HTTP/1.1 exchange whose
 * upload body goes from file to socket inside the kernel (sendfile) and whose download body is written from one
 * large buffer, so the client takes little of the CPU the service needs. Run it with the cloud up (deploy/dev/up.sh), with nothing but the JDK:
 * <pre>
 *   java image-service/src/test/java/io/jstack/image/bench/ImageTransferBenchmark.java [size-MiB] [rounds] [dir]
 * </pre>
 * Environment: OS_AUTH_URL (default http://127.0.0.1:5000/v3), OS_USERNAME/OS_PASSWORD/OS_PROJECT_NAME (admin,
 * secret, admin), IMAGE_URL (default http://127.0.0.1:9292). The scratch directory defaults to .run/bench.
 */
public final class ImageTransferBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : ".run/bench");
        String auth = env("OS_AUTH_URL", "http://127.0.0.1:5000/v3");
        String imageUrl = env("IMAGE_URL", "http://127.0.0.1:9292");
        long size = mib << 20;

        Files.createDirectories(dir);
        Path source = dir.resolve("bench-source.img");
        Path copy = dir.resolve("bench-copy.img");
        Path downloaded = dir.resolve("bench-download.img");
        System.out.printf("writing %d MiB of random data to %s%n", mib, source);
        String md5 = writeRandom(source, size);
        String token = token(auth, env("OS_USERNAME", "admin"), env("OS_PASSWORD", "secret"),
                env("OS_PROJECT_NAME", "admin"));

        double md5Speed = hashSpeed("MD5");
        double shaSpeed = hashSpeed("SHA-512");
        System.out.printf("this machine hashes MD5 at %.0f MB/s and SHA-512 at %.0f MB/s on one core; load %s%n",
                md5Speed, shaSpeed, load());
        List<double[]> results = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                // every step starts with no dirty pages left by the one before: writeback of earlier steps would
                // otherwise slow whichever step it happens to overlap
                settle();
                double copyMbs = mbs(size, timeCopy(source, copy));
                Files.deleteIfExists(copy);
                settle();
                double kernelMbs = mbs(size, timeKernelCopy(source, copy));
                Files.deleteIfExists(copy);

                String id = createImage(imageUrl, token, "bench-" + round);
                settle();
                long t = System.nanoTime();
                RawHttp.Response put = RawHttp.upload(imageUrl, "/v2/images/" + id + "/file", token, source);
                double upMbs = mbs(size, System.nanoTime() - t);
                if (put.status() != 204) {
                    throw new IllegalStateException("upload answered " + put.status() + ": " + put.head());
                }

                settle();
                t = System.nanoTime();
                RawHttp.Response get = RawHttp.download(imageUrl, "/v2/images/" + id + "/file", token, downloaded);
                double downMbs = mbs(size, System.nanoTime() - t);
                if (get.status() != 200) {
                    throw new IllegalStateException("download answered " + get.status() + ": " + get.head());
                }
                String checksum = get.header("Content-MD5");
                if (!md5.equals(checksum) || !md5.equals(md5(downloaded))) {
                    throw new IllegalStateException("the downloaded image differs from the uploaded one");
                }
                delete(imageUrl, token, id);
                Files.deleteIfExists(downloaded);

                results.add(new double[]{copyMbs, upMbs, downMbs, kernelMbs});
                System.out.printf("round %d: copy %.0f MB/s (kernel copy %.0f), upload %.0f MB/s (%.2f), download "
                        + "%.0f MB/s (%.2f)%n", round, copyMbs, kernelMbs, upMbs, upMbs / copyMbs, downMbs,
                        downMbs / copyMbs);
            }
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(copy);
            Files.deleteIfExists(downloaded);
        }
        double copy_ = median(results, 0);
        double up = median(results, 1);
        double down = median(results, 2);
        double kernel = median(results, 3);
        System.out.printf("median of %d rounds, %d MiB: plain copy+fsync %.0f MB/s; upload %.0f MB/s = %.2f of the "
                + "copy; download %.0f MB/s = %.2f of the copy (kernel copy %.0f MB/s: upload %.2f, download %.2f of "
                + "it)%n", rounds, mib, copy_, up, up / copy_, down, down / copy_, kernel, up / kernel, down / kernel);
        System.out.printf("an upload is hashed twice (MD5 and SHA-512, in parallel): it cannot beat the slower hash, "
                + "%.0f MB/s here; it reached %.2f of that. Load at the end: %s%n", Math.min(md5Speed, shaSpeed),
                up / Math.min(md5Speed, shaSpeed), load());
    }

    /** Flushes every dirty page of the machine (sync(1)). */
    private static void settle() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** In-memory digest throughput over 256 MiB: the ceiling of any upload that computes it. */
    private static double hashSpeed(String algorithm) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        byte[] block = new byte[1 << 20];
        new SplittableRandom(1).nextBytes(block);
        for (int i = 0; i < 64; i++) {
            digest.update(block);
        }
        long t = System.nanoTime();
        for (int i = 0; i < 256; i++) {
            digest.update(block);
        }
        digest.digest();
        return mbs(256L << 20, System.nanoTime() - t);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static double mbs(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    /** Random bytes, written and fsynced once before timing, with their MD5. */
    private static String writeRandom(Path file, long size) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        SplittableRandom random = new SplittableRandom(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < block.length; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        block[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                md5.update(block, 0, n);
                left -= n;
            }
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** read/write through a buffer, then fsync: as {@code cat a > b; sync b}. */
    private static long timeCopy(Path from, Path to) throws IOException {
        long t = System.nanoTime();
        try (FileChannel in = FileChannel.open(from); FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (in.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
            }
            out.force(true);
        }
        return System.nanoTime() - t;
    }

    /** copy_file_range, then fsync: as {@code cp a b; sync b}. */
    private static long timeKernelCopy(Path from, Path to) throws IOException {
        long t = System.nanoTime();
        try (FileChannel in = FileChannel.open(from); FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long pos = 0, n = in.size(); pos < n; ) {
                pos += in.transferTo(pos, n - pos, out);
            }
            out.force(true);
        }
        return System.nanoTime() - t;
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static String token(String auth, String user, String password, String project) throws Exception {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"name": "Default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"name": "Default"}}}}}"""
                .formatted(user, password, project);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(auth + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("identity answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static String createImage(String imageUrl, String token, String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name
                        + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"private\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(r.body());
        if (r.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("image create answered " + r.statusCode() + ": " + r.body());
        }
        return id.group(1);
    }

    private static void delete(String imageUrl, String token, String id) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images/" + id)).header("X-Auth-Token", token)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Just enough HTTP/1.1 for the two transfers, with the body moved by the kernel (sendfile, splice). */
    static final class RawHttp {
        record Response(int status, String head) {
            String header(String name) {
                for (String line : head.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                        return line.substring(colon + 1).trim();
                    }
                }
                return "";
            }
        }

        private static java.nio.channels.SocketChannel connect(String base) throws IOException {
            URI uri = URI.create(base);
            return java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress(uri.getHost(),
                    uri.getPort() < 0 ? 80 : uri.getPort()));
        }

        private static void send(java.nio.channels.SocketChannel socket, String head) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                socket.write(b);
            }
        }

        /** Reads the status line and headers; what of the body came with them is left in {@code rest}. */
        private static Response readHead(java.nio.channels.SocketChannel socket, ByteBuffer rest) throws IOException {
            StringBuilder head = new StringBuilder();
            while (true) {
                if (socket.read(rest) < 0) {
                    throw new IOException("connection closed before the response");
                }
                rest.flip();
                while (rest.hasRemaining()) {
                    head.append((char) rest.get());
                    if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                        rest.compact();
                        rest.flip();
                        String h = head.toString();
                        return new Response(Integer.parseInt(h.substring(9, 12)), h);
                    }
                }
                rest.clear();
            }
        }

        static Response upload(String base, String path, String token, Path file) throws IOException {
            try (var socket = connect(base); FileChannel in = FileChannel.open(file)) {
                long size = in.size();
                send(socket, "PUT " + path + " HTTP/1.1\r\nHost: " + URI.create(base).getAuthority()
                        + "\r\nX-Auth-Token: " + token + "\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n");
                for (long pos = 0; pos < size; ) {
                    pos += in.transferTo(pos, size - pos, socket);
                }
                return readHead(socket, ByteBuffer.allocate(8192));
            }
        }

        static Response download(String base, String path, String token, Path file) throws IOException {
            try (var socket = connect(base); FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                send(socket, "GET " + path + " HTTP/1.1\r\nHost: " + URI.create(base).getAuthority()
                        + "\r\nX-Auth-Token: " + token + "\r\nConnection: close\r\n\r\n");
                ByteBuffer rest = ByteBuffer.allocate(8192);
                Response r = readHead(socket, rest);
                long length = Long.parseLong(r.header("Content-Length").isEmpty() ? "0" : r.header("Content-Length"));
                long pos = 0;
                while (rest.hasRemaining()) {
                    pos += out.write(rest, pos);
                }
                // FileChannel.transferFrom(socket) copies in small pieces: one large direct buffer does better
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
                while (pos < length) {
                    buf.clear();
                    if (socket.read(buf) < 0) {
                        throw new IOException("the download ended after " + pos + " of " + length + " bytes");
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        pos += out.write(buf, pos);
                    }
                }
                out.force(true);
                return r;
            }
        }
    }
}
