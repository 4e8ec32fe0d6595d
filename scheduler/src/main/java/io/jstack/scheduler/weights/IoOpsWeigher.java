package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** I/O-heavy operations (builds) in progress; the default negative multiplier prefers quiet hosts. */
public final class IoOpsWeigher implements HostWeigher {
    private final double multiplier;

    public IoOpsWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return host.ioOps();
    }
}
