package io.jstack.compute.agent.rpc;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc.InstanceState;
import io.jstack.common.compute.ConductorRpc.InstanceUpdate;
import io.jstack.common.compute.ConductorRpc.Reschedule;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.PowerState;
import io.jstack.common.rpc.Blocking;
import io.jstack.common.rpc.RpcFault;
import io.jstack.compute.agent.service.ComputeHost;
import io.jstack.compute.agent.service.Conductor;
import io.jstack.compute.agent.service.Conductor.ConductorFailure;
import io.jstack.compute.agent.service.Conductor.InstanceGone;
import io.jstack.compute.agent.service.Conductor.UnexpectedTaskState;
import io.jstack.compute.agent.service.HostReporter;
import io.jstack.compute.agent.service.SpawnContexts;
import io.jstack.compute.agent.virt.InstanceNotFoundException;
import io.jstack.compute.agent.virt.RebootType;
import io.jstack.compute.agent.virt.VirtDriverException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.jstack.compute.agent.model.InstanceActions.BUILD;
import static io.jstack.compute.agent.model.InstanceActions.ERROR;
import static io.jstack.compute.agent.model.InstanceActions.PAUSE;
import static io.jstack.compute.agent.model.InstanceActions.REBOOT;
import static io.jstack.compute.agent.model.InstanceActions.RESUME;
import static io.jstack.compute.agent.model.InstanceActions.START;
import static io.jstack.compute.agent.model.InstanceActions.STOP;
import static io.jstack.compute.agent.model.InstanceActions.SUCCESS;
import static io.jstack.compute.agent.model.InstanceActions.SUSPEND;
import static io.jstack.compute.agent.model.InstanceActions.TERMINATE;
import static io.jstack.compute.agent.model.InstanceActions.UNPAUSE;
import static io.jstack.compute.agent.model.TaskStates.BLOCK_DEVICE_MAPPING;
import static io.jstack.compute.agent.model.TaskStates.DELETING;
import static io.jstack.compute.agent.model.TaskStates.PAUSING;
import static io.jstack.compute.agent.model.TaskStates.POWERING_OFF;
import static io.jstack.compute.agent.model.TaskStates.POWERING_ON;
import static io.jstack.compute.agent.model.TaskStates.REBOOTING;
import static io.jstack.compute.agent.model.TaskStates.REBOOTING_HARD;
import static io.jstack.compute.agent.model.TaskStates.REBOOT_PENDING;
import static io.jstack.compute.agent.model.TaskStates.REBOOT_PENDING_HARD;
import static io.jstack.compute.agent.model.TaskStates.REBOOT_STARTED;
import static io.jstack.compute.agent.model.TaskStates.REBOOT_STARTED_HARD;
import static io.jstack.compute.agent.model.TaskStates.RESUMING;
import static io.jstack.compute.agent.model.TaskStates.SCHEDULING;
import static io.jstack.compute.agent.model.TaskStates.SPAWNING;
import static io.jstack.compute.agent.model.TaskStates.SUSPENDING;
import static io.jstack.compute.agent.model.TaskStates.UNPAUSING;
import static io.jstack.compute.agent.model.VmStates.ACTIVE;
import static io.jstack.compute.agent.model.VmStates.BUILDING;
import static io.jstack.compute.agent.model.VmStates.ERROR_STATE;
import static io.jstack.compute.agent.model.VmStates.PAUSED;
import static io.jstack.compute.agent.model.VmStates.STOPPED;
import static io.jstack.compute.agent.model.VmStates.SUSPENDED;

/**
 * The compute manager of one host: ComputeRpc on {@code compute.<host>}. Every handler blocks (driver calls), so
 * all run on virtual threads, one at a time per instance. Each checks where the instance is before acting and
 * makes its state changes conditional on the task state the API set, so a redelivered message does nothing twice
 * and an operation overtaken by a delete stops.
 */
@Blocking
public final class ComputeManager implements ComputeRpc {

    private static final Logger LOG = Logger.getLogger(ComputeManager.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ComputeHost host;
    private final Conductor conductor;
    private final HostReporter reporter;
    private final Duration shutdownTimeout;
    private final SpawnContexts spawnContexts;

    public ComputeManager(ComputeHost host, Conductor conductor, HostReporter reporter, Duration shutdownTimeout,
                          SpawnContexts spawnContexts) {
        this.host = host;
        this.conductor = conductor;
        this.reporter = reporter;
        this.shutdownTimeout = shutdownTimeout;
        this.spawnContexts = spawnContexts;
    }

    /** Expected task states; unlike List.of, may hold null (the instance has no task). */
    private static List<String> expecting(String... states) {
        return Arrays.asList(states);
    }

    // ---- build ------------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> buildAndRunInstance(RequestContext context, BuildAndRun request) {
        host.locks().withLock(request.instance().uuid(), () -> {
            build(context, request);
            return null;
        });
        return DONE;
    }

    /**
     * Builds the instance if it is still wanted here: the conductor is asked first (Nova's compute checks its
     * instance the same way), and every state change is conditional on the task state and on this host. A build
     * that a previous life of this agent started and did not finish (the message comes again after a crash) is
     * finished if its guest runs, else started over.
     */
    private void build(RequestContext context, BuildAndRun request) {
        InstanceSpec instance = request.instance();
        String uuid = instance.uuid();
        if (!host.buildStarted(uuid)) {
            LOG.infof("a build of %s is in progress on %s: nothing to do", uuid, host.name());
            return;
        }
        List<String> from;
        boolean spawned = false;
        try {
            InstanceState now = conductor.state(context, uuid);
            if (now.deleted() || !host.name().equals(now.host()) || !BUILDING.equals(now.vmState())) {
                LOG.infof("not building %s on %s: it is %s on %s%s", uuid, host.name(), now.vmState(), now.host(),
                        now.deleted() ? " (deleted)" : "");
                if (now.deleted()) {
                    destroyQuietly(uuid);
                }
                host.buildAborted(uuid);
                return;
            }
            String task = now.taskState();
            if (task == null || SCHEDULING.equals(task)) {
                from = expecting(SCHEDULING, null);
                if (host.driver().instanceInfo(uuid).isPresent()) {
                    destroyQuietly(uuid);
                }
            } else if (BLOCK_DEVICE_MAPPING.equals(task) || SPAWNING.equals(task)) {
                // started by this agent before it restarted
                spawned = SPAWNING.equals(task) && host.driver().instanceInfo(uuid)
                        .filter(i -> i.powerState() == PowerState.RUNNING).isPresent();
                if (!spawned) {
                    destroyQuietly(uuid);
                }
                from = expecting(task);
                LOG.infof("%s the build of %s on %s, interrupted when this agent stopped",
                        spawned ? "finishing" : "starting over", uuid, host.name());
            } else {
                LOG.infof("not building %s on %s: its task state is %s", uuid, host.name(), task);
                host.buildAborted(uuid);
                return;
            }
        } catch (InstanceGone e) {
            LOG.infof("not building %s on %s: %s", uuid, host.name(), e.getMessage());
            host.buildAborted(uuid);
            return;
        } catch (ConductorFailure e) {
            // the build request is sent again until the instance leaves scheduling
            LOG.warnf("cannot check %s before building it on %s: %s", uuid, host.name(), e.getMessage());
            host.buildAborted(uuid);
            return;
        }
        reporter.changed(host);
        Instant start = Instant.now();
        conductor.actionStarted(context, uuid, BUILD, start, host.name());
        String self = host.name();
        try {
            if (!spawned) {
                conductor.update(context, new InstanceUpdate(uuid, BUILDING, BLOCK_DEVICE_MAPPING, false, from, null,
                        self, host.node(), null, self));
                conductor.update(context, new InstanceUpdate(uuid, null, SPAWNING, false,
                        expecting(BLOCK_DEVICE_MAPPING), null, null, null, null, self));
                host.driver().spawn(instance, spawnContexts.of(context, instance));
            }
            conductor.update(context, new InstanceUpdate(uuid, ACTIVE, null, true, expecting(SPAWNING),
                    PowerState.RUNNING, null, null, Instant.now(), self));
            host.buildEnded(uuid, true);
            conductor.actionFinished(context, uuid, BUILD, start, SUCCESS, host.name(), null);
            LOG.infof("instance %s is running on %s", uuid, host.name());
        } catch (UnexpectedTaskState | InstanceGone e) {
            // deleted (or taken over) while building: undo what was done here; the delete does the rest
            LOG.infof("build of %s on %s stopped: %s", uuid, host.name(), e.getMessage());
            destroyQuietly(uuid);
            host.buildAborted(uuid);
            conductor.actionFinished(context, uuid, BUILD, start, ERROR, host.name(), e.getMessage());
        } catch (VirtDriverException | ConductorFailure e) {
            LOG.warnf("build of %s on %s failed: %s", uuid, host.name(), e.getMessage());
            destroyQuietly(uuid);
            host.buildEnded(uuid, false);
            conductor.actionFinished(context, uuid, BUILD, start, ERROR, host.name(), e.getMessage());
            reschedule(context, request, e.getMessage());
        } finally {
            reporter.changed(host);
        }
    }

    /**
     * Hands a failed build back to the conductor, which tries the next alternate or gives up with a fault. The
     * task state goes back to scheduling first (as Nova's compute does), so the next host's build can start.
     */
    private void reschedule(RequestContext context, BuildAndRun request, String reason) {
        String uuid = request.instance().uuid();
        try {
            conductor.update(context, new InstanceUpdate(uuid, null, SCHEDULING, false,
                    expecting(SPAWNING, BLOCK_DEVICE_MAPPING, SCHEDULING), PowerState.NOSTATE, null, null, null,
                    host.name()));
        } catch (UnexpectedTaskState | InstanceGone e) {
            LOG.infof("not rescheduling %s: %s", uuid, e.getMessage());
            return;
        } catch (ConductorFailure e) {
            LOG.warnf("could not set %s back to scheduling: %s", uuid, e.getMessage());
        }
        conductor.fault(context, uuid, 500, "Build of instance " + uuid + " was re-scheduled: " + reason, null,
                host.name());
        conductor.reschedule(context, new Reschedule(request.instance(),
                request.spec() == null ? null : request.spec().ignoring(host.name()), host.name(), reason,
                request.alternates(), request.attempt()));
    }

    private void destroyQuietly(String uuid) {
        try {
            host.driver().destroy(uuid);
        } catch (RuntimeException e) {
            LOG.warnf("cleaning up %s on %s failed: %s", uuid, host.name(), e.getMessage());
        }
    }

    // ---- delete -----------------------------------------------------------------------------------------------

    /**
     * Destroys the guest if the instance is still being deleted here (or is deleted already), then reports it
     * gone. A delete the conductor cannot confirm is not done now: the API's outbox sends it again.
     */
    @Override
    public CompletionStage<Void> terminateInstance(RequestContext context, InstanceRef ref) {
        String uuid = ref.uuid();
        host.locks().withLock(uuid, () -> {
            InstanceState now;
            try {
                now = conductor.state(context, uuid);
            } catch (InstanceGone e) {
                destroyQuietly(uuid);
                return null;
            } catch (ConductorFailure e) {
                LOG.warnf("cannot check %s before deleting it on %s: %s", uuid, host.name(), e.getMessage());
                return null;
            }
            if (!now.deleted() && (!DELETING.equals(now.taskState()) || !host.name().equals(now.host()))) {
                LOG.infof("not deleting %s on %s: its task state is %s on %s", uuid, host.name(), now.taskState(),
                        now.host());
                return null;
            }
            Instant start = Instant.now();
            conductor.actionStarted(context, uuid, TERMINATE, start, host.name());
            try {
                host.driver().destroy(uuid);
            } catch (VirtDriverException e) {
                LOG.warnf("destroying %s on %s failed: %s", uuid, host.name(), e.getMessage());
                updateQuietly(context, new InstanceUpdate(uuid, ERROR_STATE, null, true, expecting(DELETING),
                        null, null, null, null));
                conductor.fault(context, uuid, 500, e.getMessage(), null, host.name());
                conductor.actionFinished(context, uuid, TERMINATE, start, ERROR, host.name(), e.getMessage());
                return null;
            }
            conductor.actionFinished(context, uuid, TERMINATE, start, SUCCESS, host.name(), null);
            conductor.deleted(context, uuid, host.name());
            LOG.infof("instance %s deleted from %s", uuid, host.name());
            return null;
        });
        reporter.changed(host);
        return DONE;
    }

    // ---- power and state actions ------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> stopInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), STOP, expecting(POWERING_OFF), STOPPED, PowerState.SHUTDOWN,
                () -> host.driver().powerOff(ref.uuid(), shutdownTimeout));
    }

    @Override
    public CompletionStage<Void> startInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), START, expecting(POWERING_ON), ACTIVE, PowerState.RUNNING,
                () -> host.driver().powerOn(ref.uuid()));
    }

    @Override
    public CompletionStage<Void> rebootInstance(RequestContext context, Reboot reboot) {
        RebootType type = RebootType.of(reboot.type());
        List<String> expected = type == RebootType.HARD
                ? expecting(REBOOTING_HARD, REBOOT_PENDING_HARD, REBOOT_STARTED_HARD)
                : expecting(REBOOTING, REBOOT_PENDING, REBOOT_STARTED);
        return act(context, reboot.uuid(), REBOOT, expected, ACTIVE, PowerState.RUNNING,
                () -> host.driver().reboot(reboot.uuid(), type));
    }

    @Override
    public CompletionStage<Void> pauseInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), PAUSE, expecting(PAUSING), PAUSED, PowerState.PAUSED,
                () -> host.driver().pause(ref.uuid()));
    }

    @Override
    public CompletionStage<Void> unpauseInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), UNPAUSE, expecting(UNPAUSING), ACTIVE, PowerState.RUNNING,
                () -> host.driver().unpause(ref.uuid()));
    }

    @Override
    public CompletionStage<Void> suspendInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), SUSPEND, expecting(SUSPENDING), SUSPENDED, PowerState.SUSPENDED,
                () -> host.driver().suspend(ref.uuid()));
    }

    @Override
    public CompletionStage<Void> resumeInstance(RequestContext context, InstanceRef ref) {
        return act(context, ref.uuid(), RESUME, expecting(RESUMING), ACTIVE, PowerState.RUNNING,
                () -> host.driver().resume(ref.uuid()));
    }

    /**
     * One state action: the driver call, then the final state, conditional on the task state the API set. On
     * failure the task state is cleared (the instance keeps its vm state), and a fault and an error event tell
     * the user why.
     */
    private CompletionStage<Void> act(RequestContext context, String uuid, String event, List<String> expected,
                                      String vmState, int powerState, Runnable driverCall) {
        host.locks().withLock(uuid, () -> {
            if (!stillWanted(context, uuid, expected, event)) {
                return null;
            }
            Instant start = Instant.now();
            conductor.actionStarted(context, uuid, event, start, host.name());
            try {
                driverCall.run();
            } catch (VirtDriverException e) {
                LOG.warnf("%s of %s on %s failed: %s", event, uuid, host.name(), e.getMessage());
                updateQuietly(context, new InstanceUpdate(uuid, null, null, true, expected, null, null, null, null));
                conductor.fault(context, uuid, 500, e.getMessage(), null, host.name());
                conductor.actionFinished(context, uuid, event, start, ERROR, host.name(), e.getMessage());
                return null;
            }
            updateQuietly(context, new InstanceUpdate(uuid, vmState, null, true, expected, powerState, null, null,
                    null));
            conductor.actionFinished(context, uuid, event, start, SUCCESS, host.name(), null);
            return null;
        });
        return DONE;
    }

    /**
     * Whether an action sent here is still wanted, asked before the hypervisor is touched: the instance is on
     * this host and in a task state the action expects. The API may have undone the action (its cast looked
     * lost), or the action may have been done already (this is a repeated message): then it must not run.
     */
    private boolean stillWanted(RequestContext context, String uuid, List<String> expected, String event) {
        try {
            InstanceState now = conductor.state(context, uuid);
            if (!now.deleted() && host.name().equals(now.host()) && expected.contains(now.taskState())) {
                return true;
            }
            LOG.infof("not running %s of %s on %s: its task state is %s on %s%s", event, uuid, host.name(),
                    now.taskState(), now.host(), now.deleted() ? " (deleted)" : "");
        } catch (InstanceGone e) {
            LOG.infof("not running %s of %s: %s", event, uuid, e.getMessage());
        } catch (ConductorFailure e) {
            // the API's outbox sends the action again while its task state stays
            LOG.warnf("cannot check %s before %s on %s: %s", uuid, event, host.name(), e.getMessage());
        }
        return false;
    }

    /** An update whose refusal means the work was done already (a repeated message) or overtaken (deleted). */
    private void updateQuietly(RequestContext context, InstanceUpdate update) {
        try {
            conductor.update(context, update);
        } catch (UnexpectedTaskState | InstanceGone e) {
            LOG.infof("instance %s: %s", update.uuid(), e.getMessage());
        } catch (ConductorFailure e) {
            LOG.warnf("instance %s: %s", update.uuid(), e.getMessage());
        }
    }

    // ---- console ----------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<ConsoleOutput> getConsoleOutput(RequestContext context, ConsoleRequest request) {
        String text;
        try {
            text = host.driver().consoleOutput(request.uuid());
        } catch (InstanceNotFoundException e) {
            throw new RpcFault("InstanceNotFound", e.getMessage());
        }
        Integer length = request.length();
        if (length != null && length >= 0) {
            String[] lines = text.split("\n", -1);
            int end = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
            int from = Math.max(0, end - length);
            text = String.join("\n", Arrays.copyOfRange(lines, from, end)) + (end > from ? "\n" : "");
        }
        return CompletableFuture.completedFuture(new ConsoleOutput(text));
    }

    // ---- diagnostics ------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<Diagnostics> getDiagnostics(RequestContext context, InstanceRef ref) {
        io.jstack.compute.agent.virt.Diagnostics d;
        try {
            d = host.driver().diagnostics(ref.uuid());
        } catch (InstanceNotFoundException e) {
            throw new RpcFault("InstanceNotFound", e.getMessage());
        }
        return CompletableFuture.completedFuture(new Diagnostics(powerStateName(d.powerState()), d.driver(),
                d.hypervisor(), d.hypervisorOs(), d.uptimeSeconds(), d.configDrive(), d.memoryMaximumKb() / 1024,
                d.memoryUsedKb() / 1024,
                d.cpus().stream().map(c -> new CpuDetail(c.id(), c.timeNanos())).toList(),
                d.nics().stream().map(n -> new NicDetail(n.macAddress(), n.rxOctets(), n.rxPackets(), n.rxErrors(),
                        n.rxDrop(), n.txOctets(), n.txPackets(), n.txErrors(), n.txDrop())).toList(),
                d.disks().stream().map(k -> new DiskDetail(k.device(), k.readBytes(), k.readRequests(),
                        k.writeBytes(), k.writeRequests(), k.errorsCount())).toList()));
    }

    /** Nova's names of power states, as diagnostics show them. */
    private static String powerStateName(int powerState) {
        return switch (powerState) {
            case PowerState.RUNNING -> "running";
            case PowerState.PAUSED -> "paused";
            case PowerState.SHUTDOWN -> "shutdown";
            case PowerState.CRASHED -> "crashed";
            case PowerState.SUSPENDED -> "suspended";
            default -> "pending";
        };
    }
}
