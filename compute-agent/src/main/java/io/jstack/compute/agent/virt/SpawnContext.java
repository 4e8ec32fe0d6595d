package io.jstack.compute.agent.virt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the agent prepared for a guest before spawning it.
 *
 * @param baseImage   the cached image the root disk is layered on (null when booting from a volume, or for
 *                    drivers that need no image file)
 * @param volumes     volumes to attach at boot
 * @param configDrive files for the config drive ({@code openstack/latest/meta_data.json}, {@code user_data});
 *                    empty: no config drive
 */
public record SpawnContext(Path baseImage, List<VolumeAttachment> volumes, Map<String, byte[]> configDrive) {
    public SpawnContext {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        configDrive = configDrive == null ? Map.of() : Map.copyOf(configDrive);
    }

    public static SpawnContext none() {
        return new SpawnContext(null, List.of(), Map.of());
    }
}
