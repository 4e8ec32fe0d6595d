package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.InstanceActionEvent;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** Records os-instance-actions: one action per request on an instance, events for the steps done here. */
public final class InstanceActions {

    public static final String CREATE = "create";
    public static final String DELETE = "delete";
    public static final String FORCE_DELETE = "forceDelete";
    public static final String STOP = "stop";
    public static final String START = "start";
    public static final String REBOOT = "reboot";
    public static final String PAUSE = "pause";
    public static final String UNPAUSE = "unpause";
    public static final String SUSPEND = "suspend";
    public static final String RESUME = "resume";
    public static final String LOCK = "lock";
    public static final String UNLOCK = "unlock";
    public static final String RESET_STATE = "resetState";

    private InstanceActions() {
    }

    /** Starts the action of this request on an instance (its request id identifies it). */
    public static Uni<InstanceAction> start(RequestContext ctx, String instanceUuid, String action) {
        InstanceAction a = new InstanceAction();
        a.instanceUuid = instanceUuid;
        a.action = action;
        a.requestId = ctx.requestId();
        a.userId = ctx.userId();
        a.projectId = ctx.projectId();
        a.startTime = Instant.now();
        a.updatedAt = a.startTime;
        return a.persist();
    }

    /** An action done entirely here (lock, unlock): its one event, started and finished now. */
    public static Uni<Void> startAndFinish(RequestContext ctx, String instanceUuid, String action, String event,
                                           String host) {
        return start(ctx, instanceUuid, action).chain(a -> {
            InstanceActionEvent e = new InstanceActionEvent();
            e.actionId = a.id;
            e.event = event;
            e.startTime = a.startTime;
            e.finishTime = Instant.now();
            e.result = "Success";
            e.host = host;
            a.finishTime = e.finishTime;
            return e.persist();
        }).replaceWithVoid();
    }
}
