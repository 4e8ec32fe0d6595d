package io.jstack.common.compute;

import java.util.Map;

/** What the compute family knows of a Glance image: its identity, formats, size, limits and properties. */
public record ImageSpec(String id, String name, String status, String diskFormat, String containerFormat, Long size,
                        int minRamMb, int minDiskGb, String checksum, Map<String, String> properties) {
    public ImageSpec {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
