package io.jstack.image.service;

import io.jstack.image.store.ImageStore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves image data from a {@link DataSource} into a store upload and computes its size, MD5 ({@code checksum})
 * and SHA-512 ({@code os_hash_value}) on the way. Data moves in a few fixed blocks, so memory stays bounded
 * whatever the image size. The calling thread only reads; three stages run on their own threads, each taking
 * every block in order: the store writer, the MD5 and the SHA-512 hasher. Each digest runs at about the speed
 * of a disk, so doing them one after the other would halve the throughput. A block returns to the free list
 * when all three are done with it, which is what pushes back on the source when a stage falls behind.
 *
 * <p>The upload is committed (made visible) only after every byte is written and the expectations
 * (Content-Length, Content-MD5) hold; on any failure it is aborted.
 */
public final class Ingest {

    public static final String HASH_ALGO = "sha512";

    /** What the client promised, if anything: a size and an MD5 hex digest. */
    public record Expectation(Long size, String md5) {
        public static final Expectation NONE = new Expectation(null, null);
    }

    public record Result(long size, String checksum, String hashValue, String location) {
    }

    /** More data than allowed (size cap or quota). */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** The data does not match what the client declared: it is corrupt. */
    public static final class IntegrityException extends IOException {
        public IntegrityException(String message) {
            super(message);
        }
    }

    private final int blockSize;
    private final int blocks;

    public Ingest(int blockSize, int blocks) {
        this.blockSize = blockSize;
        this.blocks = Math.max(2, blocks);
    }

    /**
     * Copies everything {@code source} yields into {@code target}, then commits it. Blocks the calling thread
     * (a virtual or worker thread, never an event loop) until done.
     *
     * @param maxBytes more than this many bytes is a {@link TooLargeException}
     */
    public Result run(DataSource source, ImageStore.Upload target, long maxBytes, Expectation expected)
            throws IOException {
        BlockingQueue<Block> free = new ArrayBlockingQueue<>(blocks);
        for (int i = 0; i < blocks; i++) {
            free.add(new Block(new byte[blockSize]));
        }
        MessageDigest md5 = digest("MD5");
        MessageDigest sha512 = digest("SHA-512");
        Stage[] stages = {
                new Stage("write", free, b -> target.write(ByteBuffer.wrap(b.data, 0, b.length))),
                new Stage("md5", free, b -> md5.update(b.data, 0, b.length)),
                new Stage("sha512", free, b -> sha512.update(b.data, 0, b.length))};
        boolean committed = false;
        try {
            long total = 0;
            boolean end = false;
            while (!end) {
                Block block = take(free, stages);
                int n = 0;
                while (n < blockSize) {
                    int r = source.read(block.data, n, blockSize - n);
                    if (r < 0) {
                        end = true;
                        break;
                    }
                    n += r;
                }
                if (n == 0) {
                    free.add(block);
                    continue;
                }
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException("The image data exceeds the allowed size of " + maxBytes
                            + " bytes.");
                }
                block.length = n;
                block.users.set(stages.length);
                for (Stage s : stages) {
                    s.queue.add(block);
                }
            }
            for (Stage s : stages) {
                s.finish();
            }
            String checksum = HexFormat.of().formatHex(md5.digest());
            if (expected.size() != null && expected.size() != total) {
                throw new IntegrityException("Received " + total + " bytes where " + expected.size()
                        + " were announced.");
            }
            if (expected.md5() != null && !expected.md5().equalsIgnoreCase(checksum)) {
                throw new IntegrityException("The data's MD5 " + checksum + " does not match the Content-MD5 "
                        + expected.md5() + ".");
            }
            String location = target.commit();
            committed = true;
            return new Result(total, checksum, HexFormat.of().formatHex(sha512.digest()), location);
        } finally {
            for (Stage s : stages) {
                s.stop();
            }
            if (!committed) {
                for (Stage s : stages) {
                    s.awaitQuietly();
                }
                target.abort();
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next free block; fails as soon as a stage has failed, rather than waiting for it forever. */
    private static Block take(BlockingQueue<Block> free, Stage[] stages) throws IOException {
        try {
            while (true) {
                Block b = free.poll(200, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                for (Stage s : stages) {
                    s.check();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while transferring image data");
        }
    }

    /** A buffer on its way through the stages; back to the free list when all of them are done with it. */
    private static final class Block {
        final byte[] data;
        int length;
        final AtomicInteger users = new AtomicInteger();

        Block(byte[] data) {
            this.data = data;
        }

        void release(BlockingQueue<Block> free) {
            if (users.decrementAndGet() == 0) {
                free.add(this);
            }
        }
    }

    private static final Block END = new Block(new byte[0]);

    private interface Work {
        void accept(Block block) throws IOException;
    }

    /** One consumer of every block, in order, on its own virtual thread. After a failure it only drains. */
    private static final class Stage {
        final String name;
        final BlockingQueue<Block> queue = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Stage(String name, BlockingQueue<Block> free, Work work) {
            this.name = name;
            thread = Thread.ofVirtual().name("ingest-" + name).start(() -> {
                try {
                    while (true) {
                        Block b = queue.take();
                        if (b == END) {
                            return;
                        }
                        try {
                            if (failure.get() == null) {
                                work.accept(b);
                            }
                        } catch (IOException | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            b.release(free);
                        }
                    }
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        void check() throws IOException {
            Throwable f = failure.get();
            if (f instanceof IOException io) {
                throw io;
            }
            if (f != null) {
                throw new IOException(name + " failed", f);
            }
        }

        /** Waits until every block queued so far is done, then reports this stage's failure if any. */
        void finish() throws IOException {
            queue.add(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while transferring image data");
            }
            check();
        }

        void stop() {
            if (thread.isAlive()) {
                queue.add(END);
            }
        }

        /** After a failure: the writer must be done before the upload is aborted (its file closed). */
        void awaitQuietly() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
