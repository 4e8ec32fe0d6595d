package io.jstack.common.compute;

import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RpcApi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The scheduler: host states from agents' reports, filters and weighers, and claims made atomically in its own
 * database as it selects (two replicas can never overcommit a host).
 */
@RpcApi(topic = "scheduler", version = "1.0")
public interface SchedulerRpc {

    record SelectDestinations(List<String> instanceUuids, RequestSpec spec) {
    }

    /** One instance's host, already claimed, and alternates (not claimed) for reschedules. */
    record Selection(String instanceUuid, String host, String node, List<String> alternates) {
    }

    record Selections(List<Selection> selections) {
    }

    record Claim(String instanceUuid, String host, RequestSpec spec) {
    }

    record Release(String instanceUuid) {
    }

    /** A host's service status as the operator set it (os-services): disabled hosts get no new instances. */
    record HostStatus(String host, boolean enabled, boolean forcedDown, String reason) {
    }

    /** Host aggregates as compute-api holds them: name, availability zone, hosts, metadata. */
    record Aggregate(String id, String name, String availabilityZone, List<String> hosts, Map<String, String> metadata) {
    }

    record Aggregates(List<Aggregate> aggregates) {
    }

    /**
     * Places every instance of the request (claiming resources on the chosen hosts) or fails as a whole with
     * an {@code NoValidHost} fault (nothing stays claimed).
     */
    CompletionStage<Selections> selectDestinations(RequestContext context, SelectDestinations request);

    /** Claims resources for one instance on a given host (a reschedule to an alternate); false if it does not fit. */
    CompletionStage<Boolean> claim(RequestContext context, Claim claim);

    /** Frees an instance's claim (it was deleted, or its build failed for good). */
    @RpcApi.Cast
    CompletionStage<Void> release(RequestContext context, Release release);

    @RpcApi.Cast
    CompletionStage<Void> reportHost(RequestContext context, HostReport report);

    @RpcApi.Cast
    CompletionStage<Void> updateHostStatus(RequestContext context, HostStatus status);

    /** The complete set of aggregates (it replaces the scheduler's mirror). */
    @RpcApi.Cast
    CompletionStage<Void> syncAggregates(RequestContext context, Aggregates aggregates);
}
