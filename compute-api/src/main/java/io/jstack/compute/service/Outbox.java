package io.jstack.compute.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.common.rpc.Rpc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox of compute-api's casts. {@link #add} writes a message in the caller's transaction (the
 * one that changes the instance), {@link #send} sends it after the commit and marks it sent; the relay
 * ({@link #relayDue}) sends again whatever is due: messages never sent (the process died between the commit and
 * the cast) and messages sent whose effect has not shown by the time they are due again (lost on the way, or
 * their handler failed), backing off each time. A message whose instances all left its task state is done and
 * removed. Receivers check the instance's state before acting, so a message delivered twice acts once.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /**
     * A message has not taken effect while one of its instances is still in its task state; one without a task
     * state, until it was sent (the broker confirmed it).
     */
    private static final String PENDING = """
            ((o.task_state is null and o.sent_at is null)
             or exists (select 1 from instances i where i.uuid = any(string_to_array(o.instance_uuids, ','))
                        and i.deleted = false and i.task_state = o.task_state))""";

    @Inject
    Instance<Rpc> rpc;

    @Inject
    Pool pool;

    @Inject
    ComputeSettings settings;

    /** A message written and its id, to send once the transaction committed. */
    public record Written(long id, RequestContext context, OutboxMessage message) {
    }

    private ObjectMapper json() {
        return rpc.get().json();
    }

    /** Writes the message in the current reactive session's transaction. */
    public Uni<Written> add(RequestContext ctx, OutboxMessage m) {
        String context;
        String args;
        try {
            context = json().writeValueAsString(ctx);
            args = json().writeValueAsString(m.args());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write " + m.method(), e));
        }
        Instant firstAttempt = Instant.now().plus(settings.outbox().unsentGrace());
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into outbox (topic, method, version, context, args, instance_uuids, task_state,
                                            next_attempt_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as varchar), ?8) returning id""", Long.class)
                .setParameter(1, m.topic()).setParameter(2, m.method()).setParameter(3, m.version())
                .setParameter(4, context).setParameter(5, args).setParameter(6, String.join(",", m.instanceUuids()))
                .setParameter(7, m.taskState()).setParameter(8, firstAttempt)
                .getSingleResult())
                .map(id -> new Written(id, ctx, m));
    }

    /** Removes a message in the current reactive session's transaction (the change it carried was undone). */
    public Uni<Void> discard(long id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from outbox where id = ?1")
                .setParameter(1, id).executeUpdate()).replaceWithVoid();
    }

    /**
     * Sends a committed message now and marks it sent; fails if the cast could not be sent (the message stays
     * due, for the relay or for the caller to discard).
     */
    public Uni<Void> send(Written w) {
        return ComputeClients.uni(() -> rpc.get().cast(w.context(), w.message().topic(), w.message().method(),
                        json().valueToTree(w.message().args())))
                .chain(() -> markSent(w.id(), 1));
    }

    private Uni<Void> markSent(long id, int attempts) {
        return pool.preparedQuery("update outbox set sent_at = now(), attempts = attempts + 1, "
                        + "next_attempt_at = now() + make_interval(secs => $2) where id = $1")
                .execute(Tuple.of(id, (double) backoff(attempts).toMillis() / 1000))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    // the message was sent; at worst the relay sends it again, which receivers ignore
                    LOG.debugf("outbox %d sent but not marked: %s", id, e.getMessage());
                    return null;
                });
    }

    /** How long after its n-th attempt a message is due again: resend-after, doubled per attempt, capped. */
    Duration backoff(int attempts) {
        Duration base = settings.outbox().resendAfter();
        Duration max = settings.outbox().maxBackoff();
        Duration d = base.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return d.compareTo(max) > 0 ? max : d;
    }

    /** One relay round's result. */
    public record Round(int done, int sent, int failed) {
    }

    /**
     * One round of the relay: takes the due messages (skipping those another replica holds), drops the ones that
     * took effect, sends the others and sets when each is due again. Sends go one after another, each awaiting
     * the broker's confirm, while the rows stay locked.
     */
    public Uni<Round> relayDue() {
        int batch = settings.outbox().batchSize();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        select o.id, o.topic, o.method, o.context, o.args, o.attempts, not %s as done
                        from outbox o where o.next_attempt_at <= now()
                        order by o.next_attempt_at limit $1 for update skip locked""".formatted(PENDING))
                .execute(Tuple.of(batch))
                .chain(rows -> {
                    List<Long> done = new ArrayList<>();
                    List<Row> due = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getBoolean("done")) {
                            done.add(row.getLong("id"));
                        } else {
                            due.add(row);
                        }
                    }
                    Uni<Void> removed = done.isEmpty() ? Uni.createFrom().voidItem()
                            : conn.preparedQuery("delete from outbox where id = any($1)")
                            .execute(Tuple.of(done.toArray(Long[]::new))).replaceWithVoid();
                    int[] counts = new int[2];
                    Uni<Void> chain = removed;
                    for (Row row : due) {
                        chain = chain.chain(() -> resend(row).onItemOrFailure().transformToUni((ok, failure) -> {
                            int attempts = row.getInteger("attempts") + 1;
                            counts[failure == null ? 0 : 1]++;
                            Duration next = failure == null ? backoff(attempts)
                                    : settings.outbox().relayInterval();
                            return conn.preparedQuery("update outbox set attempts = $2, next_attempt_at = now() + "
                                            + "make_interval(secs => $3)" + (failure == null ? ", sent_at = now()" : "")
                                            + " where id = $1")
                                    .execute(Tuple.of(row.getLong("id"), attempts,
                                            (double) next.toMillis() / 1000))
                                    .replaceWithVoid();
                        }));
                    }
                    return chain.map(x -> new Round(done.size(), counts[0], counts[1]));
                }));
    }

    private Uni<Void> resend(Row row) {
        return Uni.createFrom().deferred(() -> {
            try {
                RequestContext ctx = json().readValue(row.getString("context"), RequestContext.class);
                var args = json().readTree(row.getString("args"));
                LOG.infof("outbox: sending %s to %s again (attempt %d)", row.getString("method"),
                        row.getString("topic"), row.getInteger("attempts") + 1);
                return ComputeClients.uni(() -> rpc.get().cast(ctx, row.getString("topic"),
                        row.getString("method"), args));
            } catch (java.io.IOException e) {
                return Uni.createFrom().failure(e);
            }
        });
    }
}
