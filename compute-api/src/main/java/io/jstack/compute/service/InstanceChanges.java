package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.VmStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The checks before changing an instance's metadata or tags (Nova allows it only in settled states). */
@ApplicationScoped
public class InstanceChanges {

    public static final List<String> SETTLED = List.of(VmStates.ACTIVE, VmStates.PAUSED, VmStates.SUSPENDED,
            VmStates.STOPPED);

    @Inject
    ServerActions actions;

    /** Lock, then vm_state; for metadata also no task running. */
    public void check(RequestContext ctx, Instance i, String action, boolean noTask) {
        actions.checkLock(ctx, i);
        if (!SETTLED.contains(i.vmState)) {
            throw ServerActions.invalidState(action, i.uuid, "vm_state", i.vmState);
        }
        if (noTask && i.taskState != null) {
            throw ServerActions.invalidState(action, i.uuid, "task_state", i.taskState);
        }
    }
}
