package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.Service;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Server actions that a compute agent carries out: each checks the instance's state as Nova does, moves it into
 * its task state with a compare-and-swap (of two concurrent actions exactly one wins, the other is a 409),
 * records the instance action and writes the cast to the instance's host in the outbox, in one transaction; then
 * sends it. If it cannot be sent now, the task state is undone (and the message dropped), so no instance is left in
 * a task nobody performs; if this process dies before sending it, the outbox's relay does. The agent checks the
 * task state before acting, so an action undone here never runs later.
 */
@ApplicationScoped
public class ServerActions {

    private static final Logger LOG = Logger.getLogger(ServerActions.class);

    public static final ActionRule STOP = ActionRule.of("stop", InstanceActions.STOP,
            List.of(VmStates.ACTIVE, VmStates.ERROR), TaskStates.POWERING_OFF, true);
    public static final ActionRule START = ActionRule.of("start", InstanceActions.START,
            List.of(VmStates.STOPPED), TaskStates.POWERING_ON, true);
    public static final ActionRule SOFT_REBOOT = new ActionRule("reboot", InstanceActions.REBOOT,
            VmStates.ALLOW_SOFT_REBOOT, ActionRule.NO_TASK, true, false, TaskStates.REBOOTING);
    public static final ActionRule HARD_REBOOT = new ActionRule("reboot", InstanceActions.REBOOT,
            VmStates.ALLOW_HARD_REBOOT, TaskStates.ALLOW_HARD_REBOOT, true, false, TaskStates.REBOOTING_HARD);
    public static final ActionRule PAUSE = ActionRule.of("pause", InstanceActions.PAUSE,
            List.of(VmStates.ACTIVE), TaskStates.PAUSING, false);
    public static final ActionRule UNPAUSE = ActionRule.of("unpause", InstanceActions.UNPAUSE,
            List.of(VmStates.PAUSED), TaskStates.UNPAUSING, false);
    public static final ActionRule SUSPEND = ActionRule.of("suspend", InstanceActions.SUSPEND,
            List.of(VmStates.ACTIVE), TaskStates.SUSPENDING, false);
    public static final ActionRule RESUME = ActionRule.of("resume", InstanceActions.RESUME,
            List.of(VmStates.SUSPENDED), TaskStates.RESUMING, false);

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    Outbox outbox;

    @Inject
    ServiceStates serviceStates;

    /**
     * Runs an action on a server: state check and task state in one transaction, then the cast.
     *
     * @param cast what to send to the instance's agent
     */
    public Uni<Void> perform(RequestContext ctx, String uuid, ActionRule rule,
                             Function<ComputeRpc, CompletionStage<Void>> cast) {
        return Panache.withTransaction(() -> servers.find(ctx, uuid).<Outbox.Written>chain(i -> {
            check(ctx, i, rule);
            if (i.host == null) {
                // a launched instance always has a host; one reset to active without one has nobody to act
                throw ApiException.conflict("Instance " + i.uuid + " is not ready");
            }
            StateChange change = StateChange.of(i.uuid).taskState(rule.taskState());
            if (rule.vmStates() != null) {
                change.expectVmState(rule.vmStates());
            }
            if (rule.taskStates() != null) {
                change.expectTaskState(rule.taskStates());
            }
            if (rule.mustHaveLaunched()) {
                change.where("launchedAt is not null");
            }
            return change.apply().chain(changed -> {
                if (!changed) {
                    // someone else changed it since we read it: say what it is now
                    return Panache.getSession().chain(session -> session.refresh(i)).map(x -> {
                        throw conflict(rule, i);
                    });
                }
                return InstanceActions.start(ctx, i.uuid, rule.action()).chain(x -> outbox.add(ctx,
                        OutboxMessage.of(ComputeRpc.class, ComputeRpc.topic(i.host), List.of(i.uuid),
                                rule.taskState(), cast)));
            });
        })).chain(written -> outbox.send(written)
                .onFailure().recoverWithUni(e -> undo(uuid, rule, written, e)));
    }

    private Uni<Void> undo(String uuid, ActionRule rule, Outbox.Written written, Throwable e) {
        LOG.errorf("cannot send %s of %s to %s: %s", rule.name(), uuid, written.message().topic(), e.getMessage());
        return Panache.withTransaction(() -> StateChange.of(uuid).taskState(null)
                        .expectTaskState(List.of(rule.taskState())).apply()
                        .call(() -> outbox.discard(written.id())))
                .map(x -> {
                    throw new ApiException(503, "The compute service of the instance cannot be reached; "
                            + rule.name() + " was not started.");
                });
    }

    /** Nova's checks, in its order: lock, host, vm_state, task_state, launched. */
    public void check(RequestContext ctx, Instance i, ActionRule rule) {
        checkLock(ctx, i);
        if (rule.needsHost() && i.host == null) {
            throw ApiException.conflict("Instance " + i.uuid + " is not ready");
        }
        ApiException state = stateConflict(rule, i);
        if (state != null) {
            throw state;
        }
    }

    public void checkLock(RequestContext ctx, Instance i) {
        if (i.locked && !policy.isAdmin(ctx)) {
            throw ApiException.conflict("Instance " + i.uuid + " is locked");
        }
    }

    private static ApiException conflict(ActionRule rule, Instance i) {
        ApiException e = stateConflict(rule, i);
        return e != null ? e : ApiException.conflict("Instance " + i.uuid + " is in an invalid state for '"
                + rule.name() + "'");
    }

    private static ApiException stateConflict(ActionRule rule, Instance i) {
        if (rule.vmStates() != null && !rule.vmStates().contains(i.vmState)) {
            return invalidState(rule.name(), i.uuid, "vm_state", i.vmState);
        }
        if (rule.taskStates() != null && rule.taskStates().stream().noneMatch(t -> Objects.equals(t, i.taskState))) {
            return invalidState(rule.name(), i.uuid, "task_state", i.taskState);
        }
        if (rule.mustHaveLaunched() && i.launchedAt == null) {
            return invalidState(rule.name(), i.uuid, "launched_at", null);
        }
        return null;
    }

    public static ApiException invalidState(String action, String uuid, String attr, String state) {
        return ApiException.conflict("Cannot '" + action + "' instance " + uuid + " while it is in " + attr + " "
                + Objects.toString(state, "None"));
    }

    /** The compute service of a host is reporting. */
    public Uni<Boolean> hostUp(String host) {
        return Service.<Service>find("host = ?1 and serviceBinary = ?2", host, ServiceStates.COMPUTE)
                .firstResult().map(s -> s != null && serviceStates.isUp(s));
    }
}
