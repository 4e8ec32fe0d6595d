package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/** The same_host hint: the host runs one of the named instances (none of them found: no host passes). */
public final class SameHostFilter implements HostFilter {
    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        return request.spec().sameHost().isEmpty() ? null : host -> hostPasses(host, request);
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        if (request.spec().sameHost().isEmpty()) {
            return true;
        }
        return request.sameHostHosts().contains(host.host());
    }
}
