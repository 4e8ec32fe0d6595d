package io.jstack.compute.conductor.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.compute.model.Deletion;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.Service;
import io.jstack.compute.model.TaskStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * The end of an instance: an agent destroyed it, so it is marked deleted and its claim released. Deletes
 * waiting on a host whose agent stopped reporting are finished here, so nothing stays "deleting" forever.
 */
@ApplicationScoped
public class Deletions {

    private static final Logger LOG = Logger.getLogger(Deletions.class);
    static final String EVENT = "compute_terminate_instance";

    @Inject
    Builds builds;

    @Inject
    ConductorSettings settings;

    public Uni<Void> deleted(RequestContext ctx, ConductorRpc.InstanceDeleted d) {
        return Panache.withTransaction(() -> Deletion.markDeleted(d.uuid(), false)
                        .call(done -> done ? finishDeleteAction(d.uuid(), d.host()) : Uni.createFrom().voidItem()))
                .chain(() -> builds.release(ctx, d.uuid()));
    }

    /** The newest delete action of the instance, if any, gets its event finished. */
    private static Uni<Void> finishDeleteAction(String uuid, String host) {
        return InstanceAction.<InstanceAction>find("instanceUuid = ?1 and action in ?2 order by startTime desc",
                uuid, List.of("delete", "forceDelete")).firstResult().chain(a -> a == null
                ? Uni.createFrom().voidItem()
                : ActionEvents.record(uuid, a.requestId, EVENT, a.startTime, Instant.now(), ActionEvents.SUCCESS,
                host, null, null));
    }

    /** Instances being deleted on hosts that are down (or forced down): deleted here, claims released. */
    public Uni<Void> finishOnDeadHosts() {
        Instant since = Instant.now().minus(settings.serviceDownTime());
        return Panache.withSession(() -> HostReports.silentSince(since).chain(dead -> dead.isEmpty()
                ? Uni.createFrom().item(List.<Instance>of())
                : Instance.<Instance>list("deleted = false and taskState = ?1 and host in ?2", TaskStates.DELETING,
                dead.stream().map((Service s) -> s.host).toList()))).chain(stuck -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Instance i : stuck) {
                        LOG.infof("finishing the delete of %s: the compute service of %s is down", i.uuid, i.host);
                        chain = chain.chain(() -> deleted(RequestContext.internal(),
                                new ConductorRpc.InstanceDeleted(i.uuid, i.host)));
                    }
                    return chain;
                });
    }
}
