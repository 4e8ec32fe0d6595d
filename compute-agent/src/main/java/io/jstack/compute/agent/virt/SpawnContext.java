package io.jstack.compute.agent.virt;

import java.util.List;
import java.util.Map;

/**
 * What the agent prepared for a guest before spawning it.
 *
 * @param image       where the instance's image can be read (drivers that cache images read it once per host)
 * @param volumes     volumes to attach at boot
 * @param configDrive files for the config drive, by path inside it ({@code openstack/latest/meta_data.json},
 *                    {@code openstack/latest/user_data}, ...); empty: no config drive
 */
public record SpawnContext(ImageSource image, List<VolumeAttachment> volumes, Map<String, byte[]> configDrive) {
    public SpawnContext {
        image = image == null ? ImageSource.none() : image;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        configDrive = configDrive == null ? Map.of() : Map.copyOf(configDrive);
    }

    public static SpawnContext none() {
        return new SpawnContext(ImageSource.none(), List.of(), Map.of());
    }
}
