package io.jstack.compute.agent.virt.libvirt;

import io.jstack.common.compute.ImageSpec;
import io.jstack.compute.agent.virt.ImageSource;
import io.jstack.compute.agent.virt.VirtDriverException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Base images of this host, one file per image id, downloaded from the image service once and shared by every
 * instance layered on them. A download is streamed to a temporary name, checked against the image's MD5
 * {@code checksum} and inspected (its real format must be the one the image claims, qcow2 or raw, and a qcow2 must
 * not point at a backing file of its own) before it is published under its final name, so a half-written or
 * forged base is never used. A base no instance uses is removed once it has been unused for the configured age.
 */
final class ImageCache {

    private static final Logger LOG = Logger.getLogger(ImageCache.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<String> FORMATS = Set.of("qcow2", "raw");

    /** A cached base: its file, its format, and the size a disk made from it must have at least. */
    record Base(String imageId, Path file, String format, long virtualSize) {
    }

    private final Path dir;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ImageCache(Path dir, Duration maxAge, Clock clock) {
        this.dir = dir;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    Path dir() {
        return dir;
    }

    /** The image's base, downloaded now if this host does not have it yet. */
    Base fetch(ImageSpec image, ImageSource source) {
        String id = image.id();
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new VirtDriverException("Image id " + id + " is not usable as a cache name");
        }
        if (image.diskFormat() != null && !FORMATS.contains(image.diskFormat())) {
            throw new VirtDriverException("Image " + id + " has disk format " + image.diskFormat()
                    + ", which this hypervisor does not boot (qcow2 or raw)");
        }
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            Path file = dir.resolve(id);
            if (!Files.exists(file)) {
                download(image, source, file);
            }
            touch(file);
            QemuImg.Info info = QemuImg.info(file, false);
            if (image.diskFormat() != null && !image.diskFormat().equals(info.format())) {
                throw new VirtDriverException("Image " + id + " claims disk format " + image.diskFormat()
                        + " but its data is " + info.format());
            }
            return new Base(id, file, info.format(), info.virtualSize());
        } finally {
            lock.unlock();
        }
    }

    private void download(ImageSpec image, ImageSource source, Path file) {
        Path part = dir.resolve(image.id() + ".part-" + Long.toHexString(System.nanoTime()));
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long bytes = 0;
            try (InputStream in = source.open(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md5.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    bytes += n;
                }
            }
            String checksum = HexFormat.of().formatHex(md5.digest());
            if (image.checksum() != null && !image.checksum().equalsIgnoreCase(checksum)) {
                throw new VirtDriverException("Image " + image.id() + " downloaded with checksum " + checksum
                        + ", not the image's " + image.checksum());
            }
            QemuImg.Info info = QemuImg.info(part, false);
            if (!FORMATS.contains(info.format())) {
                throw new VirtDriverException("Image " + image.id() + " is in format " + info.format()
                        + ", which this hypervisor does not boot (qcow2 or raw)");
            }
            if (image.diskFormat() != null && !image.diskFormat().equals(info.format())) {
                throw new VirtDriverException("Image " + image.id() + " claims disk format " + image.diskFormat()
                        + " but its data is " + info.format());
            }
            if (info.backingFile() != null) {
                throw new VirtDriverException("Image " + image.id() + " has a backing file of its own; refused");
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("image %s cached: %d bytes in %d ms", image.id(), bytes,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new VirtDriverException("Image " + image.id() + " could not be downloaded: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover part file is removed by the next cleanup
            }
        }
    }

    /**
     * Removes bases no instance uses that have been unused for longer than the maximum age, and leftover partial
     * downloads; a base in use counts as used now. Returns the image ids removed.
     */
    List<String> cleanup(Set<String> inUse) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> removed = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (inUse.contains(name)) {
                    touch(file);
                    continue;
                }
                ReentrantLock lock = locks.computeIfAbsent(name.contains(".part-")
                        ? name.substring(0, name.indexOf(".part-")) : name, k -> new ReentrantLock());
                if (!lock.tryLock()) {
                    continue; // being downloaded or used by a spawn right now
                }
                try {
                    Instant used = Files.getLastModifiedTime(file).toInstant();
                    if (Duration.between(used, now).compareTo(maxAge) >= 0 || (name.contains(".part-")
                            && Duration.between(used, now).toHours() >= 1)) {
                        Files.deleteIfExists(file);
                        removed.add(name);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            LOG.warnf("image cache cleanup of %s: %s", dir, e.getMessage());
        }
        if (!removed.isEmpty()) {
            LOG.infof("image cache: removed unused %s", removed);
        }
        return removed;
    }

    private void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException ignored) {
            // only the cache's age accounting suffers
        }
    }
}
