package io.jstack.compute.conductor.service;

import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.rpc.RpcFault;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * State changes agents report, applied as compare-and-swap updates: with expected task states, only if the
 * instance is still in one of them (Nova's expected_task_state). An instance being deleted is never changed
 * by an update that did not expect "deleting": the delete wins, and the agent learns of it from the fault.
 */
@ApplicationScoped
public class InstanceUpdates {

    public static final String NOT_FOUND = "InstanceNotFound";
    public static final String UNEXPECTED_TASK_STATE = "UnexpectedTaskState";
    public static final String UNEXPECTED_DELETING = "UnexpectedDeletingTaskState";

    /** Runs in the caller's transaction. */
    public Uni<ConductorRpc.InstanceState> update(ConductorRpc.InstanceUpdate u) {
        StateChange change = StateChange.of(u.uuid());
        if (u.vmState() != null) {
            change.vmState(u.vmState());
        }
        if (u.clearTaskState()) {
            change.taskState(null);
        } else if (u.taskState() != null) {
            change.taskState(u.taskState());
        }
        if (u.powerState() != null) {
            change.set("powerState", u.powerState());
        }
        if (u.host() != null) {
            change.set("host", u.host());
        }
        if (u.node() != null) {
            change.set("node", u.node());
        }
        if (u.launchedAt() != null) {
            change.set("launchedAt", u.launchedAt());
        }
        if (u.expectedHost() != null) {
            change.where("host = {}", u.expectedHost());
        }
        List<String> expected = u.expectedTaskStates();
        if (expected != null) {
            change.expectTaskState(expected);
        }
        if (expected == null || !expected.contains(TaskStates.DELETING)) {
            change.where("(taskState is null or taskState <> {})", TaskStates.DELETING);
        }
        return change.apply().chain(applied -> Instance.<Instance>findById(u.uuid()).map(i -> {
            if (i == null || i.deleted) {
                throw new RpcFault(NOT_FOUND, "Instance " + u.uuid() + " could not be found.");
            }
            return check(u, i, applied);
        }));
    }

    /** The outcome as agents see it; a failed condition is a fault naming what the state actually is. */
    public static ConductorRpc.InstanceState check(ConductorRpc.InstanceUpdate u, Instance i, boolean applied) {
        if (!applied) {
            if (TaskStates.DELETING.equals(i.taskState)) {
                throw new RpcFault(UNEXPECTED_DELETING, "Conflict updating instance " + i.uuid
                        + ": it is being deleted.");
            }
            if (u.expectedHost() != null && !u.expectedHost().equals(i.host)) {
                throw new RpcFault(UNEXPECTED_TASK_STATE, "Conflict updating instance " + i.uuid + ": it is on "
                        + i.host + ", not on " + u.expectedHost());
            }
            throw new RpcFault(UNEXPECTED_TASK_STATE, "Conflict updating instance " + i.uuid + ". Expected: "
                    + "{'task_state': " + u.expectedTaskStates() + "}. Actual: {'task_state': " + i.taskState + "}");
        }
        return state(i);
    }

    /** The instance's state now; a fault if there is no such instance (deleted ones are found, flagged). */
    public Uni<ConductorRpc.InstanceState> state(String uuid) {
        return Instance.<Instance>findById(uuid).map(i -> {
            if (i == null) {
                throw new RpcFault(NOT_FOUND, "Instance " + uuid + " could not be found.");
            }
            return state(i);
        });
    }

    /** The instances the database places on a host. */
    public Uni<ConductorRpc.HostInstances> onHost(String host) {
        return Instance.<Instance>list("host = ?1 and deleted = false", host)
                .map(list -> new ConductorRpc.HostInstances(list.stream().map(InstanceUpdates::state).toList()));
    }

    public static ConductorRpc.InstanceState state(Instance i) {
        return new ConductorRpc.InstanceState(i.uuid, i.vmState, i.taskState, i.powerState, i.host, i.deleted);
    }
}
