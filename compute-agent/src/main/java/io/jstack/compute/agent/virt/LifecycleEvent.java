package io.jstack.compute.agent.virt;

import java.time.Instant;

/** A guest changed state on the hypervisor (Nova's virt LifecycleEvent). */
public record LifecycleEvent(String uuid, Transition transition, Instant at) {

    public enum Transition {
        STARTED, STOPPED, PAUSED, RESUMED, SUSPENDED
    }
}
