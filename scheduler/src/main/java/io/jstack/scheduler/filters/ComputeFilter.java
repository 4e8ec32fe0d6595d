package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The host's compute service is up (reported within the service down time, not forced down) and enabled. */
public final class ComputeFilter implements HostFilter {

    private final Duration serviceDownTime;

    public ComputeFilter(Duration serviceDownTime) {
        this.serviceDownTime = serviceDownTime;
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return host.isEnabled() && host.isUp(request.now(), serviceDownTime);
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        Instant silentSince = request.now().minus(serviceDownTime);
        return host -> host.isEnabled() && !host.status().forcedDown()
                && host.provider().reportedAt() != null && host.provider().reportedAt().isAfter(silentSince);
    }
}
