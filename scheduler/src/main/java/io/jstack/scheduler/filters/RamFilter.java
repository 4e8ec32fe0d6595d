package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The instance's memory fits: used + requested within (total - reserved) * ram_allocation_ratio. */
public final class RamFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return request.resources().memoryMb() <= host.freeRamMb();
    }
}
