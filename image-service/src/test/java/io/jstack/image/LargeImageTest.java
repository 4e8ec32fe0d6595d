package io.jstack.image;

import io.jstack.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1 GiB image up and down through a service whose whole JVM (tests included) has a 256 MiB heap and 64 MiB of
 * direct memory (see the surefire argLine): it works only because image data is streamed both ways. The size can
 * be raised with -Dimage.large.size=... (bytes).
 */
@QuarkusTest
class LargeImageTest {

    private static final long SIZE = Long.getLong("image.large.size", 1L << 30);

    /** Deterministic bytes of any length, made as they are read: the test holds no image in memory either. */
    static final class Generated extends InputStream {
        private final byte[] block = Api.bytes(1 << 20);
        private long left;
        private long position;

        Generated(long size) {
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int in = (int) (position % block.length);
            int n = (int) Math.min(Math.min(len, left), block.length - in);
            System.arraycopy(block, in, b, off, n);
            // vary each block so the data does not repeat exactly
            if (n > 0) {
                b[off] ^= (byte) (position >>> 20);
            }
            position += n;
            left -= n;
            return n;
        }
    }

    @Test
    void aGibibyteUpAndDownThroughASmallHeap() throws Exception {
        Api member = Api.member(Api.newProject());
        String id = member.create();
        String token = TestTokens.token(member.user(), member.project(), member.roles());
        HttpClient http = HttpClient.newHttpClient();
        MessageDigest sent = MessageDigest.getInstance("MD5");
        long start = System.nanoTime();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:19292/v2/images/" + id
                        + "/file")).header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new DigestInputStream(new Generated(SIZE), sent)), SIZE)).build(),
                HttpResponse.BodyHandlers.ofString());
        double up = SIZE / 1e6 / ((System.nanoTime() - start) / 1e9);
        assertEquals(204, put.statusCode(), put.body());
        String md5 = HexFormat.of().formatHex(sent.digest());
        member.show(id).then().body("status", equalTo("active")).body("checksum", equalTo(md5))
                .body("size", equalTo(SIZE > Integer.MAX_VALUE ? (Object) SIZE : (Object) (int) SIZE));

        start = System.nanoTime();
        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create("http://localhost:19292/v2/images/"
                + id + "/file")).header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        assertEquals(md5, get.headers().firstValue("Content-MD5").orElse(null));
        MessageDigest received = MessageDigest.getInstance("MD5");
        long total = 0;
        try (InputStream in = get.body()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                received.update(buf, 0, n);
                total += n;
            }
        }
        double down = SIZE / 1e6 / ((System.nanoTime() - start) / 1e9);
        assertEquals(SIZE, total);
        assertEquals(md5, HexFormat.of().formatHex(received.digest()));
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap < SIZE / 2, "the test needs a heap well below the image size, it has " + maxHeap);
        System.out.printf("LargeImageTest: %d MiB up at %.0f MB/s, down at %.0f MB/s, heap limit %d MiB%n",
                SIZE >> 20, up, down, maxHeap >> 20);
        member.given().delete("/v2/images/" + id).then().statusCode(204);
    }
}
