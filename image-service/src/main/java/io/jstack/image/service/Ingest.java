package io.jstack.image.service;

import io.jstack.image.store.ImageStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves image data from a {@link DataSource} into a store upload and computes its size, MD5 ({@code checksum})
 * and SHA-512 ({@code os_hash_value}) on the way. Data moves in a few fixed blocks, so memory stays bounded
 * whatever the image size; each block is written by the calling thread while two other threads hash it, because
 * MD5 and SHA-512 each run slower than a disk writes. The upload is committed (made visible) only after every
 * byte is written and the expectations (Content-Length, Content-MD5) hold; on any failure it is aborted.
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
        Hasher md5 = new Hasher("MD5", free);
        Hasher sha512 = new Hasher("SHA-512", free);
        boolean committed = false;
        try {
            long total = 0;
            boolean end = false;
            while (!end) {
                Block block = take(free, md5, sha512);
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
                block.users.set(3);
                md5.queue.add(block);
                sha512.queue.add(block);
                target.write(ByteBuffer.wrap(block.data, 0, n));
                block.release(free);
            }
            String checksum = md5.finish();
            String hash = sha512.finish();
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
            return new Result(total, checksum, hash, location);
        } finally {
            md5.stop();
            sha512.stop();
            if (!committed) {
                target.abort();
            }
        }
    }

    private static Block take(BlockingQueue<Block> free, Hasher... hashers) throws IOException {
        try {
            while (true) {
                Block b = free.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (b != null) {
                    return b;
                }
                for (Hasher h : hashers) {
                    h.check();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while transferring image data");
        }
    }

    /** A buffer on its way through the writer and the two hashers; back to the free list when all are done. */
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

    /** One digest, computed on its own virtual thread from the blocks queued to it, in order. */
    private static final class Hasher {
        final BlockingQueue<Block> queue = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final MessageDigest digest;
        final Thread thread;

        Hasher(String algorithm, BlockingQueue<Block> free) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            thread = Thread.ofVirtual().name("hash-" + algorithm).start(() -> {
                try {
                    while (true) {
                        Block b = queue.take();
                        if (b == END) {
                            return;
                        }
                        try {
                            if (failure.get() == null) {
                                digest.update(b.data, 0, b.length);
                            }
                        } catch (RuntimeException e) {
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
            if (failure.get() != null) {
                throw new IOException("hashing failed", failure.get());
            }
        }

        String finish() throws IOException {
            queue.add(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing image data");
            }
            check();
            return HexFormat.of().formatHex(digest.digest());
        }

        void stop() {
            if (thread.isAlive()) {
                queue.add(END);
            }
        }
    }
}
