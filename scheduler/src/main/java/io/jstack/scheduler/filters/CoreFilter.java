package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The instance's vCPUs fit: used + requested within (total - reserved) * cpu_allocation_ratio. */
public final class CoreFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return request.resources().vcpus() <= host.freeVcpus();
    }
}
