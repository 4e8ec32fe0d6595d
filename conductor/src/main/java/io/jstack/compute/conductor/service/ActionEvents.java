package io.jstack.compute.conductor.service;

import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.InstanceActionEvent;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/**
 * Events of instance actions (os-instance-actions), keyed by the request id the action was recorded under.
 * An event is started and later finished (result Success or Error); an Error marks its action "Error".
 */
public final class ActionEvents {

    public static final String SUCCESS = "Success";
    public static final String ERROR = "Error";

    private ActionEvents() {
    }

    public static Uni<Void> record(String uuid, String requestId, String event, Instant start, Instant finish,
                                   String result, String host, String details, String traceback) {
        return InstanceAction.<InstanceAction>find("instanceUuid = ?1 and requestId = ?2", uuid, requestId)
                .firstResult().chain(a -> {
                    if (a != null) {
                        return Uni.createFrom().item(a);
                    }
                    // an event without an action (work a service started on its own): the action is the event
                    InstanceAction created = new InstanceAction();
                    created.instanceUuid = uuid;
                    created.requestId = requestId;
                    created.action = event;
                    created.startTime = start != null ? start : Instant.now();
                    created.updatedAt = created.startTime;
                    return created.<InstanceAction>persist();
                }).chain(a -> InstanceActionEvent.<InstanceActionEvent>find("actionId = ?1 and event = ?2", a.id,
                        event).firstResult().chain(e -> {
                            InstanceActionEvent ev = e != null ? e : new InstanceActionEvent();
                            if (e == null) {
                                ev.actionId = a.id;
                                ev.event = event;
                                ev.startTime = start != null ? start : Instant.now();
                            }
                            if (finish != null) {
                                ev.finishTime = finish;
                            }
                            if (result != null) {
                                ev.result = result;
                            }
                            if (host != null) {
                                ev.host = host;
                            }
                            if (details != null) {
                                ev.details = details;
                            }
                            if (traceback != null) {
                                ev.traceback = traceback;
                            }
                            a.updatedAt = Instant.now();
                            if (ERROR.equals(result)) {
                                a.message = ERROR;
                            }
                            return e != null ? Uni.createFrom().voidItem() : ev.persist().replaceWithVoid();
                        }));
    }
}
