package io.jstack.compute.service;

import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The API status of a server from its vm_state and task_state (Nova's state map), and back for filters. */
public final class ServerStatus {

    private static final Map<String, Map<String, String>> MAP = new LinkedHashMap<>();

    static {
        Map<String, String> active = state("ACTIVE");
        TaskStates.SOFT_REBOOT_STATES.forEach(t -> active.put(t, "REBOOT"));
        TaskStates.HARD_REBOOT_STATES.forEach(t -> active.put(t, "HARD_REBOOT"));
        active.put(TaskStates.UPDATING_PASSWORD, "PASSWORD");
        TaskStates.REBUILD_STATES.forEach(t -> active.put(t, "REBUILD"));
        active.put(TaskStates.MIGRATING, "MIGRATING");
        TaskStates.RESIZE_STATES.forEach(t -> active.put(t, "RESIZE"));
        MAP.put(VmStates.ACTIVE, active);
        MAP.put(VmStates.BUILDING, state("BUILD"));
        Map<String, String> stopped = state("SHUTOFF");
        TaskStates.RESIZE_STATES.forEach(t -> stopped.put(t, "RESIZE"));
        TaskStates.REBUILD_STATES.forEach(t -> stopped.put(t, "REBUILD"));
        MAP.put(VmStates.STOPPED, stopped);
        Map<String, String> resized = state("VERIFY_RESIZE");
        resized.put(TaskStates.RESIZE_REVERTING, "REVERT_RESIZE");
        MAP.put(VmStates.RESIZED, resized);
        Map<String, String> paused = state("PAUSED");
        paused.put(TaskStates.MIGRATING, "MIGRATING");
        MAP.put(VmStates.PAUSED, paused);
        MAP.put(VmStates.SUSPENDED, state("SUSPENDED"));
        MAP.put(VmStates.RESCUED, state("RESCUE"));
        Map<String, String> error = state("ERROR");
        TaskStates.REBUILD_STATES.forEach(t -> error.put(t, "REBUILD"));
        MAP.put(VmStates.ERROR, error);
        MAP.put(VmStates.DELETED, state("DELETED"));
        MAP.put(VmStates.SOFT_DELETED, state("SOFT_DELETED"));
        MAP.put(VmStates.SHELVED, state("SHELVED"));
        MAP.put(VmStates.SHELVED_OFFLOADED, state("SHELVED_OFFLOADED"));
    }

    private static Map<String, String> state(String status) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("default", status);
        return m;
    }

    private ServerStatus() {
    }

    public static String of(String vmState, String taskState, boolean deleted) {
        if (deleted) {
            return "DELETED";
        }
        Map<String, String> tasks = MAP.get(vmState);
        if (tasks == null) {
            return "UNKNOWN";
        }
        return tasks.getOrDefault(taskState == null ? "default" : taskState, tasks.get("default"));
    }

    /** vm_states and task_states that show as any of the statuses ("default" among task states: any task). */
    public record States(Set<String> vmStates, Set<String> taskStates) {
    }

    public static States from(Iterable<String> statuses) {
        Set<String> wanted = new TreeSet<>();
        statuses.forEach(s -> wanted.add(s.toUpperCase()));
        Set<String> vm = new TreeSet<>();
        Set<String> task = new TreeSet<>();
        MAP.forEach((vmState, tasks) -> tasks.forEach((taskState, status) -> {
            if (wanted.contains(status)) {
                vm.add(vmState);
                task.add(taskState);
            }
        }));
        return new States(vm, task);
    }
}
