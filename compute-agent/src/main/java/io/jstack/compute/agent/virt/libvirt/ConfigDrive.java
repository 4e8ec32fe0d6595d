package io.jstack.compute.agent.virt.libvirt;

import io.jstack.compute.agent.virt.VirtDriverException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes a config drive: an ISO9660 image labelled {@code config-2} (with Rock Ridge and Joliet names). */
final class ConfigDrive {

    static final String LABEL = "config-2";

    private ConfigDrive() {
    }

    static void write(Map<String, byte[]> files, Path iso) {
        Path staging = iso.resolveSibling(iso.getFileName() + ".d");
        try {
            deleteTree(staging);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = staging.resolve(file.getKey()).normalize();
                if (!target.startsWith(staging)) {
                    throw new VirtDriverException("config drive file outside the drive: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Processes.run(Duration.ofMinutes(1), List.of("genisoimage", "-quiet", "-o", iso.toString(), "-ldots",
                    "-allow-lowercase", "-allow-multidot", "-l", "-V", LABEL, "-r", "-J", staging.toString()));
        } catch (IOException e) {
            throw new VirtDriverException("config drive could not be written: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // what cannot be removed now is reported by the caller's check
                }
            });
        } catch (IOException ignored) {
            // the directory vanished meanwhile
        }
    }
}
