package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** Instances on the host: positive packs busy hosts, negative prefers empty ones; off (0) by default. */
public final class NumInstancesWeigher implements HostWeigher {
    private final double multiplier;

    public NumInstancesWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return host.instances();
    }
}
