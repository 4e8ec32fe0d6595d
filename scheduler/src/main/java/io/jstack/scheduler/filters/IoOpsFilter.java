package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** The host has fewer than max_io_ops_per_host I/O-heavy operations (builds) in progress. */
public final class IoOpsFilter implements HostFilter {

    private final int maxIoOpsPerHost;

    public IoOpsFilter(int maxIoOpsPerHost) {
        this.maxIoOpsPerHost = maxIoOpsPerHost;
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return host.ioOps() < maxIoOpsPerHost;
    }
}
