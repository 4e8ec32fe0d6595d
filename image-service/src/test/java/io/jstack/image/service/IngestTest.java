package io.jstack.image.service;

import io.jstack.image.Api;
import io.jstack.image.store.FilesystemStore;
import io.jstack.image.store.ImageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer pipeline on its own: digests across block boundaries, limits, and nothing left on failure. */
class IngestTest {

    @TempDir
    Path dir;

    private final Ingest ingest = new Ingest(64 * 1024, 3);

    private static DataSource trickle(byte[] data, int chunk) {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        return (into, offset, length) -> in.read(into, offset, Math.min(length, chunk));
    }

    @Test
    void digestsAndStoresWhateverTheChunking() throws IOException {
        FilesystemStore store = new FilesystemStore("file", dir);
        for (int size : new int[]{0, 1, 65535, 65536, 65537, 1_000_003}) {
            byte[] data = Api.bytes(size);
            String id = UUID.randomUUID().toString();
            Ingest.Result r = ingest.run(trickle(data, 7919), store.begin(id), Long.MAX_VALUE,
                    new Ingest.Expectation((long) size, Api.md5(data)));
            assertEquals(size, r.size());
            assertEquals(Api.md5(data), r.checksum());
            assertEquals(Api.sha512(data), r.hashValue());
            assertArrayEquals(data, Files.readAllBytes(Path.of(r.location().substring("file://".length()))));
        }
        assertEquals(0, Files.list(dir.resolve(".incoming")).count(), "partial files remain");
    }

    @Test
    void tooMuchDataIsRefusedAndNothingStays() throws IOException {
        FilesystemStore store = new FilesystemStore("file", dir);
        String id = UUID.randomUUID().toString();
        assertThrows(Ingest.TooLargeException.class, () -> ingest.run(trickle(Api.bytes(300_000), 50_000),
                store.begin(id), 200_000, Ingest.Expectation.NONE));
        assertEquals(0, Files.list(dir.resolve(".incoming")).count());
        assertTrue(Files.notExists(dir.resolve(id)));
    }

    @Test
    void aWrongContentMd5OrLengthIsAnIntegrityFailure() throws IOException {
        FilesystemStore store = new FilesystemStore("file", dir);
        byte[] data = Api.bytes(100_000);
        assertThrows(Ingest.IntegrityException.class, () -> ingest.run(trickle(data, 4096),
                store.begin(UUID.randomUUID().toString()), Long.MAX_VALUE,
                new Ingest.Expectation(null, Api.md5(new byte[1]))));
        assertThrows(Ingest.IntegrityException.class, () -> ingest.run(trickle(data, 4096),
                store.begin(UUID.randomUUID().toString()), Long.MAX_VALUE, new Ingest.Expectation(99_999L, null)));
        assertEquals(0, Files.list(dir.resolve(".incoming")).count());
        assertEquals(1, Files.list(dir).count(), "only .incoming should exist");
    }

    @Test
    void aFailingSourceAbortsTheUpload() throws IOException {
        FilesystemStore store = new FilesystemStore("file", dir);
        int[] calls = {0};
        DataSource failing = (into, offset, length) -> {
            if (++calls[0] > 5) {
                throw new DataSource.SourceFailedException("client gone", null);
            }
            return Math.min(length, 1000);
        };
        ImageStore.Upload upload = store.begin(UUID.randomUUID().toString());
        assertThrows(DataSource.SourceFailedException.class,
                () -> ingest.run(failing, upload, Long.MAX_VALUE, Ingest.Expectation.NONE));
        assertEquals(0, Files.list(dir.resolve(".incoming")).count());
    }
}
