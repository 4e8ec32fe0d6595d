package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.compute.model.Deletion;
import io.jstack.compute.model.Rows;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;


/**
 * Deleting a server. Without a host (still scheduling, or failed to schedule) it is deleted here, conditionally
 * on still having no host; if the conductor placed it meanwhile, the delete goes the host's way: task_state
 * deleting, and the agent destroys it and reports back (the conductor then marks it deleted and releases its
 * claim). The cast to the host is written to the outbox with the deleting state, so it is sent even if this
 * process dies before sending it. A host whose compute service is down cannot do that, so the instance is deleted
 * here and its claim released, as Nova's local delete.
 */
@ApplicationScoped
public class ServerDeleter {

    private static final Logger LOG = Logger.getLogger(ServerDeleter.class);

    @Inject
    Servers servers;

    @Inject
    ServerActions actions;

    @Inject
    Outbox outbox;

    public Uni<Void> delete(RequestContext ctx, String uuid, String action) {
        return Panache.withTransaction(() -> servers.find(ctx, uuid).chain(i -> {
            actions.checkLock(ctx, i);
            return InstanceActions.start(ctx, i.uuid, action).chain(x -> i.host == null
                    ? deleteHere(i.uuid, true).chain(done -> done ? Uni.createFrom().item((String) null)
                    : startDeleting(i.uuid))
                    : startDeleting(i.uuid));
        }).chain(host -> host == null ? Uni.createFrom().<Outbox.Written>nullItem()
                : outbox.add(ctx, OutboxMessage.of(ComputeRpc.class, ComputeRpc.topic(host), List.of(uuid),
                TaskStates.DELETING, c -> c.terminateInstance(ctx, new ComputeRpc.InstanceRef(uuid))))))
                .chain(written -> written == null ? Uni.createFrom().voidItem() : onHost(ctx, uuid, written));
    }

    /**
     * Marks the instance deleting and gives the host it has now (null if it is gone already). The host is read
     * from the database, not from the row this session loaded: the conductor may have placed it since.
     */
    private Uni<String> startDeleting(String uuid) {
        return StateChange.of(uuid).taskState(TaskStates.DELETING).set("progress", 0).apply()
                .chain(() -> Rows.list("select host, deleted from Instance where uuid = ?1", uuid))
                .map(rows -> rows.isEmpty() || Boolean.TRUE.equals(rows.getFirst()[1]) ? null
                        : (String) rows.getFirst()[0]);
    }

    /**
     * The delete goes to the host's agent; if the host's compute service is down, the instance is deleted here.
     * A delete that cannot be sent now (the broker is away) stays "deleting" and the outbox's relay sends it once
     * it can: deleting it here would leave its guest running on a host that is up.
     */
    private Uni<Void> onHost(RequestContext ctx, String uuid, Outbox.Written terminate) {
        String host = terminate.message().topic().substring("compute.".length());
        return Panache.withSession(() -> actions.hostUp(host)).chain(up -> {
            if (!up) {
                LOG.infof("deleting %s here: the compute service of %s is down", uuid, host);
                return deleteLocally(ctx, uuid, terminate);
            }
            return outbox.send(terminate).onFailure().recoverWithItem(e -> {
                LOG.warnf("cannot send the delete of %s to %s now (%s): the outbox relay will", uuid, host,
                        e.getMessage());
                return null;
            });
        });
    }

    /**
     * Nova's local delete: the instance is marked deleted here and its claim released. The release goes through
     * the outbox with the delete, so a claim is never leaked by a broker that is away at that moment.
     */
    private Uni<Void> deleteLocally(RequestContext ctx, String uuid, Outbox.Written terminate) {
        return Panache.withTransaction(() -> deleteHere(uuid, false).call(() -> outbox.discard(terminate.id()))
                        .chain(() -> outbox.add(ctx, OutboxMessage.of(SchedulerRpc.class, "scheduler", List.of(uuid),
                                null, s -> s.release(ctx, new SchedulerRpc.Release(uuid))))))
                .chain(release -> outbox.send(release).onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot release the claim of %s now (%s): the outbox relay will", uuid,
                            e.getMessage());
                    return null;
                }));
    }

    public static Uni<Boolean> deleteHere(String uuid, boolean onlyWithoutHost) {
        return Deletion.markDeleted(uuid, onlyWithoutHost);
    }
}
