package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The same_host hint: the host runs one of the named instances (none of them found: no host passes). */
public final class SameHostFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        if (request.spec().sameHost().isEmpty()) {
            return true;
        }
        return request.sameHostHosts().contains(host.host());
    }
}
