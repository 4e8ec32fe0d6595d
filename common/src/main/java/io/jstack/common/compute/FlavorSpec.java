package io.jstack.common.compute;

import java.util.Map;

/** The resources and extra specs of a flavor, as the instance was (or is being) built with. */
public record FlavorSpec(String id, String name, int vcpus, int memoryMb, int rootGb, int ephemeralGb, int swapMb,
                         Map<String, String> extraSpecs) {
    public FlavorSpec {
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    /** Disk the instance takes on its host: root plus ephemeral (swap is counted in MB, rounded up). */
    public int diskGb() {
        return rootGb + ephemeralGb + (swapMb + 1023) / 1024;
    }
}
