package io.jstack.common.compute;

import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RpcApi;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The conductor: builds instances (asks the scheduler, casts to the chosen host, reschedules to alternates) and
 * writes the compute database on behalf of compute agents, which never touch a database.
 */
@RpcApi(topic = "conductor", version = "1.0")
public interface ConductorRpc {

    record BuildInstances(List<InstanceSpec> instances, RequestSpec spec) {
    }

    /**
     * A state change an agent made. Null fields are left as they are; {@code expectedTaskStates} (when not null)
     * makes the update conditional on the current task state, as Nova's expected_task_state, and
     * {@code expectedHost} (when not null) on the instance being on that host, so an agent never takes over an
     * instance placed elsewhere meanwhile.
     */
    record InstanceUpdate(String uuid, String vmState, String taskState, boolean clearTaskState,
                          List<String> expectedTaskStates, Integer powerState, String host, String node,
                          Instant launchedAt, String expectedHost) {

        /** An update that does not depend on the instance's host. */
        public InstanceUpdate(String uuid, String vmState, String taskState, boolean clearTaskState,
                              List<String> expectedTaskStates, Integer powerState, String host, String node,
                              Instant launchedAt) {
            this(uuid, vmState, taskState, clearTaskState, expectedTaskStates, powerState, host, node, launchedAt,
                    null);
        }
    }

    record InstanceQuery(String uuid) {
    }

    record HostQuery(String host) {
    }

    /** The instances the database places on a host (not deleted). */
    record HostInstances(List<InstanceState> instances) {
        public HostInstances {
            instances = instances == null ? List.of() : List.copyOf(instances);
        }
    }

    /**
     * A build a host had started ended without finishing (its agent restarted mid-build): the instance goes to
     * ERROR with a fault and its claim is released, if it is still building on that host.
     */
    record BuildAborted(String uuid, String host, String reason) {
    }

    /** The instance as the database has it after an update. */
    record InstanceState(String uuid, String vmState, String taskState, int powerState, String host,
                         boolean deleted) {
    }

    /** A build failed on {@code failedHost}: try the next alternate, or give up with a fault. */
    record Reschedule(InstanceSpec instance, RequestSpec spec, String failedHost, String reason,
                      List<String> alternates, int attempt) {
    }

    record InstanceFault(String uuid, int code, String message, String details, String host) {
    }

    /** An agent destroyed an instance: the record can be marked deleted and its claim released. */
    record InstanceDeleted(String uuid, String host) {
    }

    /** A compute service is alive (os-services "up"). */
    record Heartbeat(String host, String binary, String availabilityZone, Instant at) {
    }

    /** An instance action event (os-instance-actions) started or finished on a host. */
    record ActionEvent(String uuid, String requestId, String event, Instant startTime, Instant finishTime,
                       String result, String host, String details) {
    }

    @RpcApi.Cast
    CompletionStage<Void> buildInstances(RequestContext context, BuildInstances request);

    /** Fails with an {@code UnexpectedTaskState} or {@code InstanceNotFound} fault when the condition fails. */
    CompletionStage<InstanceState> instanceUpdate(RequestContext context, InstanceUpdate update);

    /**
     * The instance's state now, for an agent to check before it touches the hypervisor that the operation it was
     * sent is still wanted. Fails with an {@code InstanceNotFound} fault when there is no such instance.
     */
    CompletionStage<InstanceState> instanceState(RequestContext context, InstanceQuery query);

    /** What the database places on a host, for its agent to reconcile with its hypervisor when it starts. */
    CompletionStage<HostInstances> hostInstances(RequestContext context, HostQuery query);

    @RpcApi.Cast
    CompletionStage<Void> buildAborted(RequestContext context, BuildAborted aborted);

    @RpcApi.Cast
    CompletionStage<Void> rescheduleInstance(RequestContext context, Reschedule reschedule);

    @RpcApi.Cast
    CompletionStage<Void> recordFault(RequestContext context, InstanceFault fault);

    @RpcApi.Cast
    CompletionStage<Void> instanceDeleted(RequestContext context, InstanceDeleted deleted);

    @RpcApi.Cast
    CompletionStage<Void> serviceHeartbeat(RequestContext context, Heartbeat heartbeat);

    /** The host's hypervisor facts for os-hypervisors. */
    @RpcApi.Cast
    CompletionStage<Void> computeNodeReport(RequestContext context, HostReport report);

    @RpcApi.Cast
    CompletionStage<Void> actionEvent(RequestContext context, ActionEvent event);
}
