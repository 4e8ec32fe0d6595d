package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/**
 * Free memory (capacity after the allocation ratio, minus use): a positive multiplier spreads instances across
 * hosts, a negative one stacks them.
 */
public final class RAMWeigher implements HostWeigher {
    private final double multiplier;

    public RAMWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return host.freeRamMb();
    }
}
