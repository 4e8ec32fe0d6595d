package io.jstack.compute.agent.virt;

import java.util.Map;

/**
 * A volume to attach, as the volume service's connection info describes it.
 *
 * @param driverVolumeType how to reach the data (for example {@code file}, {@code rbd}, {@code iscsi})
 * @param data             the connection details of that type (path, pool/name, target, ...)
 * @param device           the guest device asked for (for example {@code /dev/vdb}); null: the next free one
 */
public record VolumeAttachment(String volumeId, String driverVolumeType, Map<String, String> data, String device) {
    public VolumeAttachment {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
