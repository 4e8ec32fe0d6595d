package io.jstack.scheduler.service;

import io.jstack.scheduler.model.ResourceProvider;

/** What one claim attempt on one host came to. */
public sealed interface ClaimOutcome {

    /** Claimed: the provider row as the claim left it. */
    record Claimed(ResourceProvider provider) implements ClaimOutcome {
    }

    /** The instance already holds an allocation (a repeated request): it stays where it is. */
    record AlreadyAllocated(String host) implements ClaimOutcome {
    }

    /** Another claim holds the host's row right now (only when asked not to wait for it). */
    record Busy() implements ClaimOutcome {
    }

    /** The host's free capacity (after allocation ratios) is too small, or the host is unknown. */
    record DoesNotFit() implements ClaimOutcome {
    }
}
