package io.jstack.scheduler.model;

import io.jstack.common.compute.FlavorSpec;

/** Amounts of the three resource classes the scheduler places: VCPU, MEMORY_MB and DISK_GB. */
public record Resources(int vcpus, long memoryMb, int diskGb) {

    public static final Resources NONE = new Resources(0, 0, 0);

    /** What one instance of a flavor takes on its host. */
    public static Resources of(FlavorSpec flavor) {
        return new Resources(flavor.vcpus(), flavor.memoryMb(), flavor.diskGb());
    }

    public Resources plus(Resources other) {
        return new Resources(vcpus + other.vcpus, memoryMb + other.memoryMb, diskGb + other.diskGb);
    }

    public Resources minus(Resources other) {
        return new Resources(vcpus - other.vcpus, memoryMb - other.memoryMb, diskGb - other.diskGb);
    }

    public boolean isNone() {
        return vcpus == 0 && memoryMb == 0 && diskGb == 0;
    }
}
