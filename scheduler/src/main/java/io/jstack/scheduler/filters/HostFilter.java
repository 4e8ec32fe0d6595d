package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.function.Predicate;

/** Decides whether one host can take one instance. Filters are pure: no I/O, no state of their own. */
public interface HostFilter {

    /** The name configuration uses (Nova's class name). */
    default String name() {
        return getClass().getSimpleName();
    }

    boolean hostPasses(HostState host, SchedulingRequest request);

    /**
     * The filter bound to one request, with what depends only on the request worked out once rather than per
     * host (there may be thousands). Null when the request asks nothing of this filter, so every host would pass
     * and the selector skips it.
     */
    default Predicate<HostState> forRequest(SchedulingRequest request) {
        return host -> hostPasses(host, request);
    }
}
