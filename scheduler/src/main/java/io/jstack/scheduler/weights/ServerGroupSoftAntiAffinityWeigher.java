package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** Soft anti-affinity: hosts holding fewer members of the instance's "soft-anti-affinity" group score higher. */
public final class ServerGroupSoftAntiAffinityWeigher implements HostWeigher {
    private final double multiplier;

    public ServerGroupSoftAntiAffinityWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public boolean appliesTo(SchedulingRequest request) {
        return multiplier != 0.0 && "soft-anti-affinity".equals(request.groupPolicy());
    }

    @Override
    public double weigh(HostState host, SchedulingRequest request) {
        return "soft-anti-affinity".equals(request.groupPolicy()) ? -request.groupMembersOn(host.host()) : 0;
    }
}
