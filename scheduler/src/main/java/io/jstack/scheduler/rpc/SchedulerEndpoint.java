package io.jstack.scheduler.rpc;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.service.AggregateMirror;
import io.jstack.scheduler.service.Claims;
import io.jstack.scheduler.service.GroupRule;
import io.jstack.scheduler.service.HostStates;
import io.jstack.scheduler.service.HostStatuses;
import io.jstack.scheduler.service.ResourceProviders;
import io.jstack.scheduler.service.SelectionService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The scheduler's RPC handlers. None blocks: each returns at once with a stage completed by the reactive database
 * client, so one replica keeps many requests in flight on its event loops.
 */
@Singleton
public class SchedulerEndpoint implements SchedulerRpc {

    private static final Logger LOG = Logger.getLogger(SchedulerEndpoint.class);

    @Inject
    SelectionService selection;

    @Inject
    Claims claims;

    @Inject
    ResourceProviders providers;

    @Inject
    HostStatuses statuses;

    @Inject
    AggregateMirror aggregates;

    @Inject
    HostStates hostStates;

    @Inject
    io.jstack.scheduler.service.SchedulerSettings settings;

    @Override
    public CompletionStage<Selections> selectDestinations(RequestContext context, SelectDestinations request) {
        return selection.selectDestinations(request.instanceUuids(), request.spec())
                .invoke(s -> LOG.debugf("selected %s", s.selections()))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> claim(RequestContext context, Claim claim) {
        if (claim.spec() == null || claim.spec().flavor() == null) {
            return Uni.createFrom().<Boolean>failure(new io.jstack.common.rpc.RpcFault("InvalidRequest",
                    "a claim needs the request spec's flavor")).subscribeAsCompletionStage();
        }
        return claims.move(claim.instanceUuid(), claim.host(), Resources.of(claim.spec().flavor()),
                        claim.spec().projectId(), claim.spec().userId(), GroupRule.of(claim.spec()))
                .map(moved -> {
                    moved.ifPresent(m -> {
                        if (m.claimed() != null) {
                            hostStates.update(m.claimed());
                        }
                        if (m.freed() != null) {
                            hostStates.update(m.freed());
                        }
                    });
                    return moved.isPresent();
                })
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(RequestContext context, Release release) {
        return claims.release(claims.pool(), release.instanceUuid())
                .invoke(freed -> freed.ifPresent(hostStates::update))
                .replaceWithVoid().subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> reportHost(RequestContext context, HostReport report) {
        if (report.host() == null || report.host().isEmpty()) {
            return Uni.createFrom().voidItem().subscribeAsCompletionStage();
        }
        return providers.report(report).invoke(stored -> stored.ifPresent(hostStates::update))
                .chain(stored -> stored.isEmpty() || settings.orphanAllocationGrace().isZero()
                        ? Uni.createFrom().voidItem()
                        : claims.releaseOrphans(report.host(), report.instanceUuids(),
                        settings.orphanAllocationGrace()).invoke(orphans -> {
                            if (orphans.provider() != null) {
                                hostStates.update(orphans.provider());
                                LOG.warnf("released allocations of instances %s: %s does not have them",
                                        orphans.released(), report.host());
                            }
                        }).replaceWithVoid())
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> updateHostStatus(RequestContext context, HostStatus status) {
        return statuses.set(status).invoke(s -> hostStates.updateStatus(status.host(), s))
                .replaceWithVoid().subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> syncAggregates(RequestContext context, Aggregates sync) {
        List<Aggregate> all = sync.aggregates() == null ? List.of() : sync.aggregates();
        return aggregates.replace(all).invoke(hostStates::replaceAggregates)
                .replaceWithVoid().subscribeAsCompletionStage();
    }
}
