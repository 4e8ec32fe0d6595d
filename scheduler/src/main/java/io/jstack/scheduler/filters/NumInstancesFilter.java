package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The host has fewer than max_instances_per_host instances (claims count, builds included). */
public final class NumInstancesFilter implements HostFilter {

    private final int maxInstancesPerHost;

    public NumInstancesFilter(int maxInstancesPerHost) {
        this.maxInstancesPerHost = maxInstancesPerHost;
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return host.instances() < maxInstancesPerHost;
    }
}
