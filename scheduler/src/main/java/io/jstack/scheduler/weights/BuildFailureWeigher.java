package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/**
 * Recent failed builds on the host (its agent counts them until a build succeeds there). The configured multiplier
 * is positive and large; it is applied negatively, so a failing host sinks below every healthy one.
 */
public final class BuildFailureWeigher implements HostWeigher {
    private final double multiplier;

    public BuildFailureWeigher(double configuredMultiplier) {
        this.multiplier = -configuredMultiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return host.failedBuilds();
    }
}
