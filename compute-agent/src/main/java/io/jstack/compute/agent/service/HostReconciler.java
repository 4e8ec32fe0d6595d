package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc.InstanceState;
import io.jstack.common.compute.ConductorRpc.InstanceUpdate;
import io.jstack.common.compute.PowerState;
import io.jstack.compute.agent.model.TaskStates;
import io.jstack.compute.agent.model.VmStates;
import io.jstack.compute.agent.service.Conductor.ConductorFailure;
import io.jstack.compute.agent.service.Conductor.InstanceGone;
import io.jstack.compute.agent.service.Conductor.UnexpectedTaskState;
import io.jstack.compute.agent.virt.InstanceInfo;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an agent does when it starts (Nova's init_host and _init_instance): it compares what the database places
 * on its host with what its hypervisor has, and ends whatever the previous life of the agent left half done.
 * <ul>
 *   <li>a guest whose instance is not on this host (deleted meanwhile, or ended elsewhere) is destroyed;</li>
 *   <li>a delete that was going on is finished;</li>
 *   <li>an action that was going on (stop, reboot, pause, ...) is rolled back: its task state is cleared;</li>
 *   <li>a build that was going on is left to its build message, which the broker delivers again; if none comes
 *       within the interrupted-build grace, the build ends in ERROR with a fault;</li>
 *   <li>power states are synced with the hypervisor's (a guest that is gone is stopped, as Nova does).</li>
 * </ul>
 * Every change is conditional on the state read, and each instance is handled under its lock, so messages that
 * arrive meanwhile are never undone.
 */
public final class HostReconciler implements Runnable {

    private static final Logger LOG = Logger.getLogger(HostReconciler.class);
    private static final List<String> ACTION_TASK_STATES = List.of(TaskStates.POWERING_OFF, TaskStates.POWERING_ON,
            TaskStates.REBOOTING, TaskStates.REBOOT_PENDING, TaskStates.REBOOT_STARTED, TaskStates.REBOOTING_HARD,
            TaskStates.REBOOT_PENDING_HARD, TaskStates.REBOOT_STARTED_HARD, TaskStates.PAUSING,
            TaskStates.UNPAUSING, TaskStates.SUSPENDING, TaskStates.RESUMING);
    private static final List<String> STARTED_BUILD = List.of(TaskStates.BLOCK_DEVICE_MAPPING, TaskStates.SPAWNING);
    private static final List<String> SETTLED = List.of(VmStates.ACTIVE, VmStates.STOPPED, VmStates.PAUSED,
            VmStates.SUSPENDED);

    private final ComputeHost host;
    private final Conductor conductor;
    private final Duration buildGrace;
    private final Duration retryFor;

    /** What one reconciliation did, for logs and tests. */
    public record Outcome(int guestsDestroyed, int deletesFinished, int actionsRolledBack, int buildsAborted,
                          int powerSynced) {
    }

    private volatile Outcome outcome;

    public HostReconciler(ComputeHost host, Conductor conductor, Duration buildGrace, Duration retryFor) {
        this.host = host;
        this.conductor = conductor;
        this.buildGrace = buildGrace;
        this.retryFor = retryFor;
    }

    /** The last outcome (null until the first reconciliation finished). */
    public Outcome outcome() {
        return outcome;
    }

    /** Reconciles once the conductor answers (retrying while it does not), then checks interrupted builds. */
    @Override
    public void run() {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long wait = 1000;
        while (true) {
            try {
                int[] counts = reconcile();
                sleep(buildGrace);
                counts[3] = abortInterruptedBuilds();
                outcome = new Outcome(counts[0], counts[1], counts[2], counts[3], counts[4]);
                LOG.infof("%s reconciled: %s", host.name(), outcome);
                return;
            } catch (ConductorFailure e) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("%s not reconciled: the conductor did not answer (%s)", host.name(), e.getMessage());
                    return;
                }
                LOG.debugf("%s: cannot reconcile yet: %s", host.name(), e.getMessage());
                sleep(Duration.ofMillis(wait));
                wait = Math.min(wait * 2, 30_000);
            } catch (InterruptedRun e) {
                return;
            }
        }
    }

    /** One comparison of the database's instances on this host with the hypervisor's guests. */
    int[] reconcile() {
        RequestContext ctx = RequestContext.internal();
        int[] counts = new int[6];
        Map<String, InstanceState> ours = conductor.onHost(ctx, host.name()).stream()
                .collect(Collectors.toMap(InstanceState::uuid, Function.identity(), (a, b) -> a));
        for (InstanceInfo guest : host.driver().listInstances()) {
            if (!ours.containsKey(guest.uuid()) && destroyStray(ctx, guest.uuid())) {
                counts[0]++;
            }
        }
        for (InstanceState s : ours.values()) {
            host.locks().withLock(s.uuid(), () -> {
                counts[reconcileOne(ctx, s)]++;
                return null;
            });
        }
        counts[3] = 0;
        return counts;
    }

    /** A guest of an instance the database does not place here: destroyed, unless that changed meanwhile. */
    private boolean destroyStray(RequestContext ctx, String uuid) {
        return host.locks().withLock(uuid, () -> {
            if (host.isBuilding(uuid)) {
                return false;
            }
            try {
                InstanceState now = conductor.state(ctx, uuid);
                if (!now.deleted() && host.name().equals(now.host())) {
                    return false;
                }
            } catch (InstanceGone e) {
                // no such instance at all
            }
            LOG.infof("destroying the guest of %s on %s: its instance is not on this host", uuid, host.name());
            try {
                host.driver().destroy(uuid);
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("cannot destroy %s on %s: %s", uuid, host.name(), e.getMessage());
                return false;
            }
        });
    }

    /**
     * One instance the database places here; the index of the count it adds to: 1 delete finished, 2 action
     * rolled back, 4 found stopped, 5 nothing changed.
     */
    private int reconcileOne(RequestContext ctx, InstanceState s) {
        String uuid = s.uuid();
        if (TaskStates.DELETING.equals(s.taskState())) {
            LOG.infof("finishing the delete of %s on %s", uuid, host.name());
            try {
                host.driver().destroy(uuid);
            } catch (RuntimeException e) {
                LOG.warnf("cannot destroy %s on %s: %s", uuid, host.name(), e.getMessage());
                return 5;
            }
            conductor.deleted(ctx, uuid, host.name());
            return 1;
        }
        if (VmStates.BUILDING.equals(s.vmState())) {
            // its build message comes again (the broker redelivers what this agent had not finished)
            return 5;
        }
        if (s.taskState() != null && ACTION_TASK_STATES.contains(s.taskState())) {
            try {
                conductor.update(ctx, new InstanceUpdate(uuid, null, null, true, List.of(s.taskState()), null, null,
                        null, null, host.name()));
                LOG.infof("task %s of %s on %s rolled back: this agent stopped while doing it", s.taskState(), uuid,
                        host.name());
                syncPower(ctx, uuid, s.vmState());
                return 2;
            } catch (UnexpectedTaskState | InstanceGone e) {
                return 5;
            }
        }
        if (s.taskState() == null && SETTLED.contains(s.vmState()) && syncPower(ctx, uuid, s.vmState())) {
            return 4;
        }
        return 5;
    }

    /** The hypervisor's power state into the database, while no task runs; a guest that is gone is stopped. */
    private boolean syncPower(RequestContext ctx, String uuid, String vmState) {
        Optional<InstanceInfo> guest = host.driver().instanceInfo(uuid);
        int power = guest.map(InstanceInfo::powerState).orElse(PowerState.NOSTATE);
        String stopped = (guest.isEmpty() || power == PowerState.SHUTDOWN) && !VmStates.STOPPED.equals(vmState)
                ? VmStates.STOPPED : null;
        try {
            conductor.update(ctx, new InstanceUpdate(uuid, stopped, null, false, Arrays.asList((String) null), power,
                    null, null, null, host.name()));
            if (stopped != null) {
                LOG.infof("instance %s on %s is stopped: %s", uuid, host.name(),
                        guest.isEmpty() ? "the hypervisor has no guest of it" : "its guest is off");
            }
            return stopped != null;
        } catch (UnexpectedTaskState | InstanceGone e) {
            LOG.debugf("power state of %s not synced: %s", uuid, e.getMessage());
            return false;
        }
    }

    /** Builds this agent had started before it stopped and that no message came to resume: ERROR, claim freed. */
    int abortInterruptedBuilds() {
        RequestContext ctx = RequestContext.internal();
        int aborted = 0;
        for (InstanceState s : conductor.onHost(ctx, host.name())) {
            if (VmStates.BUILDING.equals(s.vmState()) && STARTED_BUILD.contains(s.taskState())
                    && !host.isBuilding(s.uuid()) && !host.locks().isBusy(s.uuid())) {
                LOG.warnf("the build of %s on %s was interrupted when this agent stopped and did not resume",
                        s.uuid(), host.name());
                conductor.buildAborted(ctx, s.uuid(), host.name(), "The build was interrupted when the compute "
                        + "agent of " + host.name() + " stopped (task state " + s.taskState() + "), and did not "
                        + "resume within " + buildGrace.toSeconds() + " s of its restart.");
                aborted++;
            }
        }
        return aborted;
    }

    private static final class InterruptedRun extends RuntimeException {
        InterruptedRun() {
            super(null, null, false, false);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedRun();
        }
    }
}
