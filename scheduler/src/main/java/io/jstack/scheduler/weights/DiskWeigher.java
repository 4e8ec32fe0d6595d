package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** Free disk: spread with a positive multiplier, stack with a negative one. */
public final class DiskWeigher implements HostWeigher {
    private final double multiplier;

    public DiskWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return host.freeDiskGb();
    }
}
