package io.jstack.scheduler.filters;

import io.jstack.common.compute.ServerGroupSpec;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/**
 * Hard anti-affinity: a host takes a member of an "anti-affinity" server group only while it holds fewer than the
 * group's max_server_per_host members (1 unless the group's rule says otherwise, microversion 2.64).
 */
public final class ServerGroupAntiAffinityFilter implements HostFilter {
    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        return "anti-affinity".equals(request.groupPolicy()) ? host -> hostPasses(host, request) : null;
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        if (!"anti-affinity".equals(request.groupPolicy())) {
            return true;
        }
        ServerGroupSpec group = request.spec().group();
        int max = group.maxServerPerHost() == null ? 1 : group.maxServerPerHost();
        return request.groupMembersOn(host.host()) < max;
    }
}
