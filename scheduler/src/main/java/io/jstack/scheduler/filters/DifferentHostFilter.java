package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/** The different_host hint: the host runs none of the named instances. */
public final class DifferentHostFilter implements HostFilter {
    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        return request.differentHostHosts().isEmpty() ? null : host -> hostPasses(host, request);
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return !request.differentHostHosts().contains(host.host());
    }
}
