package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/** Passes every host (a configuration that wants no filtering at all). */
public final class AllHostsFilter implements HostFilter {
    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        return true;
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        return null;
    }
}
