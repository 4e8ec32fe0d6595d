package io.jstack.compute.model;

import java.util.List;

/** Nova's vm_state values: what an instance is, as opposed to what is being done to it. */
public final class VmStates {
    public static final String ACTIVE = "active";
    public static final String BUILDING = "building";
    public static final String PAUSED = "paused";
    public static final String SUSPENDED = "suspended";
    public static final String STOPPED = "stopped";
    public static final String RESCUED = "rescued";
    public static final String RESIZED = "resized";
    public static final String SOFT_DELETED = "soft-delete";
    public static final String DELETED = "deleted";
    public static final String ERROR = "error";
    public static final String SHELVED = "shelved";
    public static final String SHELVED_OFFLOADED = "shelved_offloaded";

    /** States a soft reboot may start from. */
    public static final List<String> ALLOW_SOFT_REBOOT = List.of(ACTIVE);
    /** States a hard reboot may start from. */
    public static final List<String> ALLOW_HARD_REBOOT = List.of(ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR);

    public static final List<String> ALL = List.of(ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED,
            SOFT_DELETED, DELETED, ERROR, SHELVED, SHELVED_OFFLOADED);

    private VmStates() {
    }
}
