package io.jstack.compute.service;

import java.util.Arrays;
import java.util.List;

/**
 * When an instance action may start, as Nova's check_instance_state decorators say, and the task state it
 * starts. {@code vmStates} null: any; {@code taskStates} null: any (a null element: no task running).
 */
public record ActionRule(String name, String action, List<String> vmStates, List<String> taskStates,
                         boolean mustHaveLaunched, boolean needsHost, String taskState) {

    /** Only with no task running. */
    public static final List<String> NO_TASK = Arrays.asList((String) null);

    /** With no task running, after a launch; {@code needsHost}: Nova's check_instance_host comes first. */
    public static ActionRule of(String name, String action, List<String> vmStates, String taskState,
                                boolean needsHost) {
        return new ActionRule(name, action, vmStates, NO_TASK, true, needsHost, taskState);
    }
}
