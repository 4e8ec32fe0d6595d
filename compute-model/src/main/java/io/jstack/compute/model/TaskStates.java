package io.jstack.compute.model;

import java.util.Arrays;
import java.util.List;

/** Nova's task_state values: what is being done to an instance (null when nothing is). */
public final class TaskStates {
    public static final String SCHEDULING = "scheduling";
    public static final String BLOCK_DEVICE_MAPPING = "block_device_mapping";
    public static final String NETWORKING = "networking";
    public static final String SPAWNING = "spawning";
    public static final String IMAGE_SNAPSHOT = "image_snapshot";
    public static final String UPDATING_PASSWORD = "updating_password";
    public static final String RESIZE_PREP = "resize_prep";
    public static final String RESIZE_MIGRATING = "resize_migrating";
    public static final String RESIZE_MIGRATED = "resize_migrated";
    public static final String RESIZE_FINISH = "resize_finish";
    public static final String RESIZE_REVERTING = "resize_reverting";
    public static final String RESIZE_CONFIRMING = "resize_confirming";
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
    public static final String POWERING_OFF = "powering-off";
    public static final String POWERING_ON = "powering-on";
    public static final String REBUILDING = "rebuilding";
    public static final String REBUILD_BLOCK_DEVICE_MAPPING = "rebuild_block_device_mapping";
    public static final String REBUILD_SPAWNING = "rebuild_spawning";
    public static final String MIGRATING = "migrating";
    public static final String DELETING = "deleting";
    public static final String SOFT_DELETING = "soft-deleting";
    public static final String RESTORING = "restoring";

    /** Task states a hard reboot may interrupt ({@code null}, no task, included). */
    public static final List<String> ALLOW_HARD_REBOOT = Arrays.asList(null, REBOOTING, REBOOT_PENDING,
            REBOOT_STARTED, RESUMING, REBOOTING_HARD, UNPAUSING, PAUSING, SUSPENDING);

    public static final List<String> SOFT_REBOOT_STATES = List.of(REBOOTING, REBOOT_PENDING, REBOOT_STARTED);
    public static final List<String> HARD_REBOOT_STATES = List.of(REBOOTING_HARD, REBOOT_PENDING_HARD,
            REBOOT_STARTED_HARD);
    public static final List<String> RESIZE_STATES = List.of(RESIZE_PREP, RESIZE_MIGRATING, RESIZE_MIGRATED,
            RESIZE_FINISH);
    public static final List<String> REBUILD_STATES = List.of(REBUILDING, REBUILD_BLOCK_DEVICE_MAPPING,
            REBUILD_SPAWNING);
    /** The steps of a build, in order. */
    public static final List<String> BUILD_STATES = List.of(SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING);

    private TaskStates() {
    }
}
