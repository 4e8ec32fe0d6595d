package io.jstack.compute.agent.virt;

import java.nio.file.Path;

/** A guest disk copied for upload as an image; the caller deletes the file afterwards. */
public record SnapshotImage(String diskFormat, String containerFormat, Path file, long size) {
}
