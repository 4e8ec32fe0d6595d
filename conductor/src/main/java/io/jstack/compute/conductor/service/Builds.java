package io.jstack.compute.conductor.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.common.rpc.RemoteError;
import io.jstack.compute.model.AggregateHost;
import io.jstack.compute.model.AggregateMetadata;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Building instances, as nova-conductor's schedule_and_build_instances: ask the scheduler for hosts (claimed as
 * it selects), record each instance's host only while it is still waiting for one (a delete that came first
 * wins, and the claim is released), and cast the build to the host's agent. A failed build comes back as a
 * reschedule: the claim moves to the next alternate, until none is left; then the instance is in ERROR with
 * "No valid host was found". No instance is ever left in BUILD by this class: every path ends on a host, in
 * ERROR, or deleted.
 */
@ApplicationScoped
public class Builds {

    private static final Logger LOG = Logger.getLogger(Builds.class);
    static final String EVENT = "conductor_schedule_and_build_instances";
    static final String NO_VALID_HOST = "No valid host was found. ";

    @Inject
    ComputeClients clients;

    @Inject
    ConductorSettings settings;

    /**
     * Places the instances of the request that still wait for a host. The request may come more than once (the
     * outbox sends it again until its instances leave "scheduling", the broker redelivers it after a crash):
     * instances already placed whose build has not started for a while get their build sent to their host again
     * (this conductor may have died between recording the host and casting the build); deleted or started ones
     * are left alone. A scheduler that cannot be reached leaves the instances waiting for the next attempt; only
     * its answer that no host fits ends them in ERROR.
     */
    public Uni<Void> buildInstances(RequestContext ctx, ConductorRpc.BuildInstances request) {
        Map<String, InstanceSpec> specs = request.instances().stream()
                .collect(Collectors.toMap(InstanceSpec::uuid, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        return Panache.withSession(() -> Instance.<Instance>list("uuid in ?1 and deleted = false and vmState = ?2 "
                        + "and taskState = ?3", List.copyOf(specs.keySet()), VmStates.BUILDING, TaskStates.SCHEDULING))
                .chain(found -> {
                    List<Instance> waiting = found.stream().filter(i -> i.host == null).toList();
                    Instant stalled = Instant.now().minus(settings.placedBuildResendAfter());
                    Uni<Void> resent = resendStalled(ctx, specs, request.spec(), found.stream()
                            .filter(i -> i.host != null && i.updatedAt != null && i.updatedAt.isBefore(stalled))
                            .toList());
                    if (waiting.isEmpty()) {
                        return resent;
                    }
                    List<String> uuids = waiting.stream().map(i -> i.uuid).toList();
                    Instant start = Instant.now();
                    return resent.chain(() -> ComputeClients.uni(() -> clients.scheduler().selectDestinations(ctx,
                                    new SchedulerRpc.SelectDestinations(uuids, request.spec())))
                            .onItemOrFailure().transformToUni((selections, failure) -> {
                                if (failure != null) {
                                    if (!permanent(failure)) {
                                        LOG.warnf("cannot ask the scheduler for %s now (%s): they wait for the "
                                                + "next attempt", uuids, failure.getMessage());
                                        return Uni.createFrom().failure(failure);
                                    }
                                    String reason = reason(failure);
                                    LOG.infof("no host for %s: %s", uuids, reason);
                                    return failAll(ctx, uuids, reason, start);
                                }
                                return placeAll(ctx, specs, request.spec(), selections.selections(), start);
                            }));
                });
    }

    /** Builds recorded on a host long ago that never started there: their build goes to the host again. */
    private Uni<Void> resendStalled(RequestContext ctx, Map<String, InstanceSpec> specs, RequestSpec spec,
                                    List<Instance> stalled) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Instance i : stalled) {
            InstanceSpec instance = specs.get(i.uuid);
            LOG.infof("sending the build of %s to %s again: it was placed there but has not started", i.uuid, i.host);
            chain = chain.chain(() -> ComputeClients.uni(() -> clients.compute(i.host).buildAndRunInstance(ctx,
                            new ComputeRpc.BuildAndRun(instance, spec, List.of(), 1)))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("cannot send the build of %s to %s: %s", i.uuid, i.host, e.getMessage());
                        return null;
                    }));
        }
        return chain;
    }

    /** The scheduler's answer that nothing fits (or that the request is malformed) ends a build; others do not. */
    private static boolean permanent(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t instanceof RemoteError remote && (remote.type().equals("NoValidHost")
                || remote.type().equals("InvalidRequest"));
    }

    private Uni<Void> placeAll(RequestContext ctx, Map<String, InstanceSpec> specs, RequestSpec spec,
                               List<SchedulerRpc.Selection> selections, Instant start) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SchedulerRpc.Selection s : selections) {
            InstanceSpec instance = specs.get(s.instanceUuid());
            if (instance == null) {
                continue;
            }
            chain = chain.chain(() -> place(ctx, instance, spec, s.host(), s.node(), s.alternates(), 1, start,
                    null));
        }
        return chain;
    }

    /**
     * Records the host if the instance still waits for one (building, scheduling, and on no host yet, or still on
     * {@code fromHost} for a reschedule), then casts the build. An instance deleted meanwhile gives its claim back;
     * one that is on this host already (the same request handled twice at once) is left to the handling that
     * placed it.
     */
    private Uni<Void> place(RequestContext ctx, InstanceSpec instance, RequestSpec spec, String host, String node,
                            List<String> alternates, int attempt, Instant start, String fromHost) {
        return Panache.withTransaction(() -> nodeOf(host, node).chain(n -> zoneOf(host).chain(zone -> {
            StateChange change = StateChange.of(instance.uuid()).set("host", host).set("node", n)
                    .set("availabilityZone", zone).taskState(TaskStates.SCHEDULING)
                    .expectVmState(VmStates.BUILDING).expectTaskState(List.of(TaskStates.SCHEDULING));
            if (fromHost == null) {
                change.where("host is null");
            } else {
                change.where("host = {}", fromHost);
            }
            // the placement and its action event commit together
            return change.apply().call(placed -> !placed ? Uni.createFrom().voidItem()
                    : ActionEvents.record(instance.uuid(), ctx.requestId(), EVENT, start, null, null, null, null,
                            null));
        }))).chain(placed -> {
            if (!placed) {
                return Panache.withSession(() -> Instance.<Instance>findById(instance.uuid())).chain(i -> {
                    if (i != null && !i.deleted && host.equals(i.host)
                            && !TaskStates.DELETING.equals(i.taskState)) {
                        LOG.debugf("%s is on %s already: nothing to do", instance.uuid(), host);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("%s is gone or no longer building: releasing its claim on %s", instance.uuid(), host);
                    return release(ctx, instance.uuid());
                });
            }
            return ComputeClients.uni(() -> clients.compute(host).buildAndRunInstance(ctx,
                            new ComputeRpc.BuildAndRun(instance, spec, alternates, attempt)))
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("cannot send the build of %s to %s: %s", instance.uuid(), host, e.getMessage());
                        return reschedule(ctx, new ConductorRpc.Reschedule(instance, spec, host,
                                "Failed to reach " + host + ": " + e.getMessage(), alternates, attempt));
                    });
        });
    }

    /**
     * A build failed on a host: give its claim back and try the alternates in turn (claiming each), or end in
     * ERROR when none takes it.
     */
    public Uni<Void> reschedule(RequestContext ctx, ConductorRpc.Reschedule r) {
        String uuid = r.instance().uuid();
        Instant start = Instant.now();
        return Panache.withSession(() -> Instance.<Instance>findById(uuid)).chain(i -> {
            if (i == null || i.deleted || TaskStates.DELETING.equals(i.taskState)) {
                return release(ctx, uuid);
            }
            return release(ctx, uuid).chain(() -> tryAlternates(ctx, r, new ArrayList<>(r.alternates()),
                    r.spec().ignoring(r.failedHost()), start));
        });
    }

    private Uni<Void> tryAlternates(RequestContext ctx, ConductorRpc.Reschedule r, List<String> left,
                                    RequestSpec spec, Instant start) {
        String uuid = r.instance().uuid();
        if (left.isEmpty()) {
            String reason = "Exceeded maximum number of retries. Exhausted all hosts available for retrying build "
                    + "failures for instance " + uuid + ". Last failure on " + r.failedHost() + ": " + r.reason();
            return fail(ctx, uuid, reason, start);
        }
        String host = left.removeFirst();
        return ComputeClients.uni(() -> clients.scheduler().claim(ctx, new SchedulerRpc.Claim(uuid, host, spec)))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot claim %s for %s: %s", host, uuid, e.getMessage());
                    return false;
                })
                .chain(claimed -> {
                    if (!Boolean.TRUE.equals(claimed)) {
                        return tryAlternates(ctx, r, left, spec.ignoring(host), start);
                    }
                    LOG.infof("rescheduling %s from %s to %s (attempt %d)", uuid, r.failedHost(), host,
                            r.attempt() + 1);
                    return place(ctx, r.instance(), spec, host, null, List.copyOf(left), r.attempt() + 1, start,
                            r.failedHost());
                });
    }

    private Uni<Void> failAll(RequestContext ctx, List<String> uuids, String reason, Instant start) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String uuid : uuids) {
            chain = chain.chain(() -> fail(ctx, uuid, reason, start));
        }
        return chain;
    }

    /** ERROR with Nova's "No valid host was found" fault; the claim, if any, is given back. */
    private Uni<Void> fail(RequestContext ctx, String uuid, String reason, Instant start) {
        String message = NO_VALID_HOST + reason;
        return Panache.withTransaction(() -> StateChange.of(uuid).vmState(VmStates.ERROR).taskState(null)
                .set("host", null).set("node", null).expectVmState(VmStates.BUILDING)
                .where("(taskState is null or taskState <> {})", TaskStates.DELETING).apply()
                .call(failed -> failed ? Faults.record(uuid, 500, message, reason, null)
                        .chain(() -> ActionEvents.record(uuid, ctx.requestId(), EVENT, start, Instant.now(),
                                ActionEvents.ERROR, null, null, message))
                        : Uni.createFrom().voidItem()))
                .chain(() -> release(ctx, uuid));
    }

    Uni<Void> release(RequestContext ctx, String uuid) {
        return ComputeClients.uni(() -> clients.scheduler().release(ctx, new SchedulerRpc.Release(uuid)))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot release the claim of %s: %s", uuid, e.getMessage());
                    return null;
                });
    }

    /** The scheduler's reason: its NoValidHost message, or what went wrong asking it. */
    private static String reason(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof RemoteError remote) {
            String m = remote.remoteMessage();
            return m.startsWith(NO_VALID_HOST) ? m.substring(NO_VALID_HOST.length()) : m;
        }
        return "The scheduler could not be asked: " + t.getMessage();
    }

    /** A host's node: the one named, else the compute node the host reported (else the host's name). */
    private static Uni<String> nodeOf(String host, String node) {
        if (node != null) {
            return Uni.createFrom().item(node);
        }
        return ComputeNode.<ComputeNode>find("host = ?1 order by id", host).firstResult()
                .map(n -> n == null ? host : n.hypervisorHostname);
    }

    private Uni<String> zoneOf(String host) {
        return AggregateHost.<AggregateHost>list("host", host).chain(in -> in.isEmpty()
                ? Uni.createFrom().item(settings.defaultAvailabilityZone())
                : AggregateMetadata.<AggregateMetadata>find("aggregateId in ?1 and metaKey = 'availability_zone'",
                        in.stream().map(h -> h.aggregateId).toList()).firstResult()
                .map(m -> m == null ? settings.defaultAvailabilityZone() : m.metaValue));
    }
}
