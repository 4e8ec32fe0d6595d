package io.jstack.compute.conductor.service;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    /**
     * Records (or completes) an event. Starts and finishes of one event can arrive at once from different
     * messages, so both the action and the event are upserts, never read-then-insert.
     */
    public static Uni<Void> record(String uuid, String requestId, String event, Instant start, Instant finish,
                                   String result, String host, String details, String traceback) {
        Instant started = start != null ? start : Instant.now();
        // an event without an action (work a service started on its own): the action is the event
        String action = """
                insert into instance_actions (instance_uuid, action, request_id, start_time, updated_at, message)
                values (?1, ?2, ?3, ?4, now(), case when ?5 = 'Error' then 'Error' end)
                on conflict (instance_uuid, request_id) do update set updated_at = now(),
                  message = case when ?5 = 'Error' then 'Error' else instance_actions.message end
                returning id""";
        String upsertEvent = """
                insert into instance_actions_events (action_id, event, start_time, finish_time, result, host,
                                                     details, traceback)
                values (?1, ?2, ?3, cast(?4 as timestamptz), cast(?5 as varchar), cast(?6 as varchar),
                        cast(?7 as text), cast(?8 as text))
                on conflict (action_id, event) do update set
                  finish_time = coalesce(excluded.finish_time, instance_actions_events.finish_time),
                  result = coalesce(excluded.result, instance_actions_events.result),
                  host = coalesce(excluded.host, instance_actions_events.host),
                  details = coalesce(excluded.details, instance_actions_events.details),
                  traceback = coalesce(excluded.traceback, instance_actions_events.traceback)""";
        return Panache.getSession().chain(s -> s.createNativeQuery(action, Long.class)
                .setParameter(1, uuid).setParameter(2, event).setParameter(3, requestId).setParameter(4, started)
                .setParameter(5, result == null ? "" : result)
                .getSingleResult()
                .chain(actionId -> s.createNativeQuery(upsertEvent)
                        .setParameter(1, actionId).setParameter(2, event).setParameter(3, started)
                        .setParameter(4, finish).setParameter(5, result).setParameter(6, host)
                        .setParameter(7, details).setParameter(8, traceback)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
