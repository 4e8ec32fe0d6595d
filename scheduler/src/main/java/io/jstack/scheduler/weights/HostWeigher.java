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

    /** The raw score: more is better before the multiplier's sign is applied. */
    double weigh(HostState host, SchedulingRequest request);
}
