package io.jstack.common.compute;

import java.util.Map;

/**
 * An instance as a compute agent builds it: identity, owner, flavor, image, and what goes into the guest
 * (key, user data (base64), metadata, admin password, config drive).
 */
public record InstanceSpec(String uuid, String name, String hostname, String projectId, String userId,
                           FlavorSpec flavor, ImageSpec image, String keyName, String keyData, String userData,
                           Map<String, String> metadata, String availabilityZone, String adminPass,
                           boolean configDrive) {
    public InstanceSpec {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
