package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** Soft affinity: hosts holding more members of the instance's "soft-affinity" group score higher. */
public final class ServerGroupSoftAffinityWeigher implements HostWeigher {
    private final double multiplier;

    public ServerGroupSoftAffinityWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public boolean appliesTo(SchedulingRequest request) {
        return multiplier != 0.0 && "soft-affinity".equals(request.groupPolicy());
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return "soft-affinity".equals(request.groupPolicy()) ? request.groupMembersOn(host.host()) : 0;
    }
}
