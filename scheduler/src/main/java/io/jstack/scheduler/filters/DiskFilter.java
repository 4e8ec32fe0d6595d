package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The instance's disk (root + ephemeral + swap) fits: within (total - reserved) * disk_allocation_ratio. */
public final class DiskFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return request.resources().diskGb() <= host.freeDiskGb();
    }
}
