package io.jstack.compute.agent.model;

/** Nova's vm_state values the agent sets. */
public final class VmStates {
    public static final String BUILDING = "building";
    public static final String ACTIVE = "active";
    public static final String STOPPED = "stopped";
    public static final String PAUSED = "paused";
    public static final String SUSPENDED = "suspended";
    public static final String ERROR_STATE = "error";

    private VmStates() {
    }
}
