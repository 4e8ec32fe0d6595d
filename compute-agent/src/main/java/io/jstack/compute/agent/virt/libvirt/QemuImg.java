package io.jstack.compute.agent.virt.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.compute.agent.virt.VirtDriverException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The qemu-img operations of the driver: inspect, overlay, blank disks and flattened copies. */
final class QemuImg {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHORT = Duration.ofMinutes(1);
    private static final Duration LONG = Duration.ofMinutes(30);

    /** What qemu-img reads in a file: its real format (whatever the image claims), sizes and backing file. */
    record Info(String format, long virtualSize, long actualSize, String backingFile) {
    }

    private QemuImg() {
    }

    /** Inspects a file; {@code force} reads one a running guest holds open (qemu-img's -U). */
    static Info info(Path file, boolean force) {
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-img", "info", "--output=json"));
        if (force) {
            cmd.add("-U");
        }
        cmd.add(file.toString());
        try {
            JsonNode n = JSON.readTree(Processes.run(SHORT, cmd));
            return new Info(n.path("format").asText(), n.path("virtual-size").asLong(),
                    n.path("actual-size").asLong(), n.hasNonNull("backing-filename")
                    ? n.get("backing-filename").asText() : null);
        } catch (IOException e) {
            throw new VirtDriverException("qemu-img info of " + file + " was not understood: " + e.getMessage(), e);
        }
    }

    /** A copy-on-write qcow2 overlay over {@code base} (of format {@code baseFormat}), {@code sizeBytes} large. */
    static void overlay(Path base, String baseFormat, Path overlay, long sizeBytes) {
        Processes.run(SHORT, List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", baseFormat, "-b",
                base.toString(), overlay.toString(), Long.toString(sizeBytes)));
    }

    /** An empty qcow2 disk. */
    static void blank(Path file, long sizeBytes) {
        Processes.run(SHORT, List.of("qemu-img", "create", "-q", "-f", "qcow2", file.toString(),
                Long.toString(sizeBytes)));
    }

    /** A standalone qcow2 copy of {@code source} with its backing chain flattened into it. */
    static void flatten(Path source, Path target, boolean force) {
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-img", "convert", "-O", "qcow2"));
        if (force) {
            cmd.add("-U");
        }
        cmd.add(source.toString());
        cmd.add(target.toString());
        Processes.run(LONG, cmd);
    }
}
