package io.jstack.compute.conductor.rpc;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.compute.conductor.service.ActionEvents;
import io.jstack.compute.conductor.service.Builds;
import io.jstack.compute.conductor.service.Deletions;
import io.jstack.compute.conductor.service.Faults;
import io.jstack.compute.conductor.service.HostReports;
import io.jstack.compute.conductor.service.InstanceUpdates;
import io.jstack.compute.conductor.service.Sweeps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The conductor's RPC API. Each delivery runs on its own Vert.x context (where the reactive database session
 * lives) and is acknowledged when its Uni completes; the work itself is in the service classes.
 */
@ApplicationScoped
public class ConductorHandler implements ConductorRpc {

    private static final Logger LOG = Logger.getLogger(ConductorHandler.class);

    @Inject
    Builds builds;

    @Inject
    InstanceUpdates updates;

    @Inject
    HostReports reports;

    @Inject
    Deletions deletions;

    @Inject
    Sweeps sweeps;

    private static <T> CompletionStage<T> run(RequestContext ctx, String what, Supplier<Uni<T>> work) {
        MDC.put("request_id", ctx.requestId());
        return Uni.createFrom().<T>deferred(work::get).onFailure().invoke(e -> LOG.debugf("%s failed: %s", what,
                e.getMessage())).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> buildInstances(RequestContext ctx, BuildInstances request) {
        return run(ctx, "build_instances", () -> builds.buildInstances(ctx, request));
    }

    @Override
    public CompletionStage<InstanceState> instanceUpdate(RequestContext ctx, InstanceUpdate update) {
        return run(ctx, "instance_update", () -> Panache.withTransaction(() -> updates.update(update)));
    }

    @Override
    public CompletionStage<InstanceState> instanceState(RequestContext ctx, InstanceQuery query) {
        return run(ctx, "instance_state", () -> Panache.withSession(() -> updates.state(query.uuid())));
    }

    @Override
    public CompletionStage<HostInstances> hostInstances(RequestContext ctx, HostQuery query) {
        return run(ctx, "host_instances", () -> Panache.withSession(() -> updates.onHost(query.host())));
    }

    @Override
    public CompletionStage<Void> buildAborted(RequestContext ctx, BuildAborted aborted) {
        return run(ctx, "build_aborted", () -> sweeps.buildAborted(aborted));
    }

    @Override
    public CompletionStage<Void> rescheduleInstance(RequestContext ctx, Reschedule reschedule) {
        return run(ctx, "reschedule_instance", () -> builds.reschedule(ctx, reschedule));
    }

    @Override
    public CompletionStage<Void> recordFault(RequestContext ctx, InstanceFault fault) {
        return run(ctx, "record_fault", () -> Panache.withTransaction(() -> Faults.record(fault.uuid(), fault.code(),
                fault.message(), fault.details(), fault.host())));
    }

    @Override
    public CompletionStage<Void> instanceDeleted(RequestContext ctx, InstanceDeleted deleted) {
        return run(ctx, "instance_deleted", () -> deletions.deleted(ctx, deleted));
    }

    @Override
    public CompletionStage<Void> serviceHeartbeat(RequestContext ctx, Heartbeat heartbeat) {
        return run(ctx, "service_heartbeat", () -> Panache.withTransaction(() -> reports.heartbeat(heartbeat)));
    }

    @Override
    public CompletionStage<Void> computeNodeReport(RequestContext ctx, HostReport report) {
        return run(ctx, "compute_node_report", () -> Panache.withTransaction(() -> reports.nodeReport(report)));
    }

    @Override
    public CompletionStage<Void> actionEvent(RequestContext ctx, ActionEvent e) {
        return run(ctx, "action_event", () -> Panache.withTransaction(() -> ActionEvents.record(e.uuid(),
                e.requestId(), e.event(), e.startTime(), e.finishTime(), e.result(), e.host(), e.details(), null)));
    }
}
