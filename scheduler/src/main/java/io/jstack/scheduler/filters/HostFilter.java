package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/** Decides whether one host can take one instance. Filters are pure: no I/O, no state of their own. */
public interface HostFilter {

    /** The name configuration uses (Nova's class name). */
    default String name() {
        return getClass().getSimpleName();
    }

    boolean hostPasses(HostState host, SchedulingRequest request);
}
