package io.jstack.image.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Image data as files in one directory, named by image id, as Glance's filesystem store. New data goes to a
 * uniquely named file under {@code .incoming/}, is fsynced, then renamed into place (and the directory fsynced),
 * so a crash leaves either the whole image or nothing under its name. Locations are {@code file://} URIs.
 */
public final class FilesystemStore implements ImageStore {

    private static final String INCOMING = ".incoming";
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final String id;
    private final Path directory;
    private final Path incoming;

    public FilesystemStore(String id, Path directory) {
        this.id = id;
        this.directory = directory.toAbsolutePath().normalize();
        this.incoming = this.directory.resolve(INCOMING);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image directory " + this.directory, e);
        }
        if (!Files.isWritable(this.directory) || !Files.isWritable(incoming)) {
            throw new UncheckedIOException(new AccessDeniedException(this.directory.toString(), null,
                    "the image directory is not writable"));
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Image data on this cloud's local storage";
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Upload begin(String imageId) throws IOException {
        if (!IMAGE_ID.matcher(imageId).matches()) {
            throw new IllegalArgumentException("not an image id: " + imageId);
        }
        Path temp = incoming.resolve(imageId + "." + UUID.randomUUID() + ".partial");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FileUpload(channel, temp, directory.resolve(imageId));
    }

    @Override
    public Data open(String location, long offset, long length) throws IOException {
        Path file = pathOf(location);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return new FileData(file, offset, length);
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(pathOf(location));
    }

    /** Removes partial files no upload has touched for {@code age}: left by a crash or a killed process. */
    public int removeAbandoned(Duration age) throws IOException {
        Instant before = Instant.now().minus(age);
        int removed = 0;
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private Path pathOf(String location) {
        if (location == null || !location.startsWith("file://")) {
            throw new IllegalArgumentException("not a location of this store: " + location);
        }
        Path file = Path.of(location.substring("file://".length())).normalize();
        // a location names a file directly in the store's directory, nothing else
        if (!directory.equals(file.getParent())) {
            throw new IllegalArgumentException("not a location of this store: " + location);
        }
        return file;
    }

    private final class FileUpload implements Upload {
        private final FileChannel channel;
        private final Path temp;
        private final Path target;
        private final Flusher flusher;
        private boolean done;

        FileUpload(FileChannel channel, Path temp, Path target) {
            this.channel = channel;
            this.temp = temp;
            this.target = target;
            this.flusher = new Flusher(channel);
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            int n = data.remaining();
            while (data.hasRemaining()) {
                channel.write(data);
            }
            flusher.written(n);
        }

        @Override
        public String commit() throws IOException {
            try {
                flusher.finish();
                channel.force(true);
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(directory);
                done = true;
                return "file://" + target;
            } finally {
                if (!done) {
                    abort();
                }
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            flusher.finish();
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file goes anyway
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // removeAbandoned() collects it later
            }
        }
    }

    /**
     * Flushes what was written so far in the background, every {@link #EVERY} bytes, while more is being written:
     * the disk works during the upload, and the fsync before publishing finds little left to do.
     */
    private static final class Flusher {
        private static final long EVERY = 64L << 20;
        private final FileChannel channel;
        private long unflushed;
        private Thread running;

        Flusher(FileChannel channel) {
            this.channel = channel;
        }

        void written(long n) {
            unflushed += n;
            if (unflushed >= EVERY && (running == null || !running.isAlive())) {
                unflushed = 0;
                running = Thread.ofVirtual().name("image-flush").start(() -> {
                    try {
                        channel.force(false);
                    } catch (IOException ignored) {
                        // the final fsync reports what matters
                    }
                });
            }
        }

        void finish() {
            if (running != null) {
                try {
                    running.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Makes a rename durable: on Linux the directory entry reaches the disk only when the directory is synced. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open directories; the rename is still atomic there
            if (!(e instanceof AccessDeniedException)) {
                throw e;
            }
        }
    }

    private static final class FileData implements Data {
        private final Path file;
        private final long offset;
        private final long length;
        private FileChannel channel;

        FileData(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public Optional<Path> file() {
            return Optional.of(file);
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public ReadableByteChannel channel() throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newChannel(new BoundedInputStream(Channels.newInputStream(channel), length));
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** An input stream that ends after {@code remaining} bytes. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(java.io.InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
