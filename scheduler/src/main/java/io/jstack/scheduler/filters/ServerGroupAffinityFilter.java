package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/** Hard affinity: once a member of the instance's "affinity" server group is placed, the others go to its host. */
public final class ServerGroupAffinityFilter implements HostFilter {
    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        return "affinity".equals(request.groupPolicy()) ? host -> hostPasses(host, request) : null;
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        if (!"affinity".equals(request.groupPolicy()) || request.groupHosts().isEmpty()) {
            return true;
        }
        return request.groupHosts().containsKey(host.host());
    }
}
