package io.jstack.compute.agent.model;

/** Nova's task_state values the agent expects (set by the API) and moves through. */
public final class TaskStates {
    public static final String SCHEDULING = "scheduling";
    public static final String BLOCK_DEVICE_MAPPING = "block_device_mapping";
    public static final String SPAWNING = "spawning";
    public static final String POWERING_OFF = "powering-off";
    public static final String POWERING_ON = "powering-on";
    public static final String REBOOTING = "rebooting";
    public static final String REBOOT_PENDING = "reboot_pending";
    public static final String REBOOT_STARTED = "reboot_started";
    public static final String REBOOTING_HARD = "rebooting_hard";
    public static final String REBOOT_PENDING_HARD = "reboot_pending_hard";
    public static final String REBOOT_STARTED_HARD = "reboot_started_hard";
    public static final String PAUSING = "pausing";
    public static final String UNPAUSING = "unpausing";
    public static final String SUSPENDING = "suspending";
    public static final String RESUMING = "resuming";
    public static final String DELETING = "deleting";

    private TaskStates() {
    }
}
