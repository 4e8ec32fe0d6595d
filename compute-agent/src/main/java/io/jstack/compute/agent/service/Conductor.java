package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.ConductorRpc.InstanceState;
import io.jstack.common.compute.ConductorRpc.InstanceUpdate;
import io.jstack.common.rpc.RemoteError;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's side of the conductor: state updates as blocking calls whose refusals become exceptions the
 * handlers branch on, and the fire-and-forget notices (action events, faults, reschedules, deletions).
 */
public final class Conductor {

    private static final Logger LOG = Logger.getLogger(Conductor.class);

    private final ConductorRpc conductor;
    private final Duration timeout;
    private final Duration retryFor;

    /** The instance's task state is not one the update expected: someone else changed it (often a delete). */
    public static final class UnexpectedTaskState extends RuntimeException {
        public UnexpectedTaskState(String message) {
            super(message);
        }
    }

    /** The instance is gone from the database. */
    public static final class InstanceGone extends RuntimeException {
        public InstanceGone(String message) {
            super(message);
        }
    }

    /** The conductor could not be reached or failed otherwise. */
    public static final class ConductorFailure extends RuntimeException {
        public ConductorFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Conductor(ConductorRpc conductor, Duration timeout) {
        this(conductor, timeout, Duration.ZERO);
    }

    /**
     * @param retryFor how long calls that fail for want of the conductor (it restarts, its database or the
     *                 broker is away) are tried again before the failure is the caller's
     */
    public Conductor(ConductorRpc conductor, Duration timeout, Duration retryFor) {
        this.conductor = conductor;
        this.timeout = timeout;
        this.retryFor = retryFor;
    }

    public ConductorRpc rpc() {
        return conductor;
    }

    /**
     * A conditional state change. Tried again while the conductor cannot be reached; a retry refused because the
     * instance is already where the update puts it means an earlier attempt was applied (its answer was lost),
     * which is success.
     */
    public InstanceState update(RequestContext context, InstanceUpdate update) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        boolean retried = false;
        while (true) {
            try {
                return await("instance_update of " + update.uuid(), conductor.instanceUpdate(context, update));
            } catch (UnexpectedTaskState e) {
                if (retried) {
                    InstanceState now = state(context, update.uuid());
                    if (reached(update, now)) {
                        return now;
                    }
                }
                throw e;
            } catch (ConductorFailure e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.infof("%s; trying again", e.getMessage());
                pause();
                retried = true;
            }
        }
    }

    /** The instance is in the state the update sets (so an earlier attempt of it was applied). */
    static boolean reached(InstanceUpdate u, InstanceState now) {
        if (now.deleted() || (u.expectedHost() != null && !u.expectedHost().equals(now.host()))) {
            return false;
        }
        boolean task = u.clearTaskState() ? now.taskState() == null
                : u.taskState() == null || u.taskState().equals(now.taskState());
        return task && (u.vmState() == null || u.vmState().equals(now.vmState()))
                && (u.host() == null || u.host().equals(now.host()))
                && (u.powerState() == null || u.powerState() == now.powerState());
    }

    /** The instance's state now; {@link InstanceGone} if there is no such instance. Tried again as updates are. */
    public InstanceState state(RequestContext context, String uuid) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        while (true) {
            try {
                return await("instance_state of " + uuid, conductor.instanceState(context,
                        new ConductorRpc.InstanceQuery(uuid)));
            } catch (ConductorFailure e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.infof("%s; trying again", e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConductorFailure("interrupted", e);
        }
    }

    /** The instances the database places on a host. */
    public java.util.List<InstanceState> onHost(RequestContext context, String host) {
        return await("host_instances of " + host, conductor.hostInstances(context,
                new ConductorRpc.HostQuery(host))).instances();
    }

    public void buildAborted(RequestContext context, String uuid, String host, String reason) {
        cast("build_aborted", conductor.buildAborted(context, new ConductorRpc.BuildAborted(uuid, host, reason)));
    }

    private <T> T await(String what, CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RemoteError remote) {
                String type = remote.type();
                if (type.startsWith("UnexpectedTaskState") || type.startsWith("UnexpectedDeletingTaskState")) {
                    throw new UnexpectedTaskState(remote.remoteMessage());
                }
                if (type.equals("InstanceNotFound")) {
                    throw new InstanceGone(remote.remoteMessage());
                }
            }
            throw new ConductorFailure(what + " failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new ConductorFailure(what + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConductorFailure("interrupted", e);
        }
    }

    public void actionStarted(RequestContext context, String uuid, String event, Instant start, String host) {
        cast("action_event", conductor.actionEvent(context, new ConductorRpc.ActionEvent(uuid,
                context.requestId(), event, start, null, null, host, null)));
    }

    public void actionFinished(RequestContext context, String uuid, String event, Instant start, String result,
                               String host, String details) {
        cast("action_event", conductor.actionEvent(context, new ConductorRpc.ActionEvent(uuid,
                context.requestId(), event, start, Instant.now(), result, host, details)));
    }

    public void fault(RequestContext context, String uuid, int code, String message, String details, String host) {
        cast("record_fault", conductor.recordFault(context,
                new ConductorRpc.InstanceFault(uuid, code, message, details, host)));
    }

    public void reschedule(RequestContext context, ConductorRpc.Reschedule reschedule) {
        cast("reschedule_instance", conductor.rescheduleInstance(context, reschedule));
    }

    public void deleted(RequestContext context, String uuid, String host) {
        cast("instance_deleted", conductor.instanceDeleted(context, new ConductorRpc.InstanceDeleted(uuid, host)));
    }

    private static void cast(String what, CompletionStage<Void> sent) {
        sent.exceptionally(t -> {
            LOG.warnf("%s to the conductor failed: %s", what, t.getMessage());
            return null;
        });
    }
}
