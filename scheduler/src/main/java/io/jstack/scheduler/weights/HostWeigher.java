package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

/**
 * Scores hosts that passed the filters. Raw scores are normalised to 0..1 across the candidates, then multiplied
 * by {@link #multiplier()}; the sums rank the hosts, highest first.
 */
public interface HostWeigher {

    default String name() {
        return getClass().getSimpleName();
    }

    double multiplier();

    /** False when the request gives this weigher nothing to tell hosts apart by (it is then skipped). */
    default boolean appliesTo(SchedulingRequest request) {
        return multiplier() != 0.0;
    }

    /** The raw score: more is better before the multiplier's sign is applied. */
    double weigh(HostState host, SchedulingRequest request);
}
