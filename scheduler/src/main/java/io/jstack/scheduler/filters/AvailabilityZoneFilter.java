package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/**
 * The host is in the requested availability zone (given by its aggregates, else the default zone). A request
 * naming no zone may go anywhere.
 */
public final class AvailabilityZoneFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        String wanted = request.spec().availabilityZone();
        return wanted == null || wanted.isEmpty() || wanted.equals(host.availabilityZone());
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        String wanted = request.spec().availabilityZone();
        return wanted == null || wanted.isEmpty() ? null : host -> wanted.equals(host.availabilityZone());
    }
}
