package io.jstack.compute.agent;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.common.rpc.RpcFault;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A conductor for agent tests: keeps instances in memory with Nova's conditional task-state updates, and records
 * everything agents send.
 */
final class FakeConductor implements ConductorRpc {

    static final class Instance {
        String vmState = "building";
        String taskState = "scheduling";
        int powerState;
        String host;
        boolean deleted;
    }

    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final List<InstanceUpdate> updates = new CopyOnWriteArrayList<>();
    final List<Reschedule> reschedules = new CopyOnWriteArrayList<>();
    final List<InstanceDeleted> deletions = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final List<HostReport> nodeReports = new CopyOnWriteArrayList<>();
    final List<ActionEvent> events = new CopyOnWriteArrayList<>();
    final List<InstanceFault> faults = new CopyOnWriteArrayList<>();
    final List<BuildAborted> aborted = new CopyOnWriteArrayList<>();

    Instance add(String uuid) {
        Instance instance = new Instance();
        instances.put(uuid, instance);
        return instance;
    }

    /** Sets a task state as the API would before casting an action. */
    void task(String uuid, String taskState) {
        synchronized (this) {
            instances.get(uuid).taskState = taskState;
        }
    }

    @Override
    public CompletionStage<Void> buildInstances(RequestContext context, BuildInstances request) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<InstanceState> instanceUpdate(RequestContext context, InstanceUpdate u) {
        updates.add(u);
        Instance i = instances.get(u.uuid());
        if (i == null || i.deleted) {
            throw new RpcFault("InstanceNotFound", "Instance " + u.uuid() + " could not be found.");
        }
        if (u.expectedHost() != null && !u.expectedHost().equals(i.host)) {
            throw new RpcFault("UnexpectedTaskStateError", "Instance " + u.uuid() + " is on " + i.host + ", not on "
                    + u.expectedHost());
        }
        if (u.expectedTaskStates() != null && !u.expectedTaskStates().contains(i.taskState)) {
            throw new RpcFault("UnexpectedTaskStateError", "Unexpected task state: expecting "
                    + u.expectedTaskStates() + " but the task state is " + i.taskState);
        }
        if (u.vmState() != null) {
            i.vmState = u.vmState();
        }
        if (u.clearTaskState()) {
            i.taskState = null;
        } else if (u.taskState() != null) {
            i.taskState = u.taskState();
        }
        if (u.powerState() != null) {
            i.powerState = u.powerState();
        }
        if (u.host() != null) {
            i.host = u.host();
        }
        return CompletableFuture.completedFuture(state(u.uuid(), i));
    }

    private static InstanceState state(String uuid, Instance i) {
        return new InstanceState(uuid, i.vmState, i.taskState, i.powerState, i.host, i.deleted);
    }

    @Override
    public synchronized CompletionStage<InstanceState> instanceState(RequestContext context, InstanceQuery query) {
        Instance i = instances.get(query.uuid());
        if (i == null) {
            throw new RpcFault("InstanceNotFound", "Instance " + query.uuid() + " could not be found.");
        }
        return CompletableFuture.completedFuture(state(query.uuid(), i));
    }

    @Override
    public synchronized CompletionStage<HostInstances> hostInstances(RequestContext context, HostQuery query) {
        return CompletableFuture.completedFuture(new HostInstances(instances.entrySet().stream()
                .filter(e -> !e.getValue().deleted && query.host().equals(e.getValue().host))
                .map(e -> state(e.getKey(), e.getValue())).toList()));
    }

    @Override
    public synchronized CompletionStage<Void> buildAborted(RequestContext context, BuildAborted a) {
        aborted.add(a);
        Instance i = instances.get(a.uuid());
        if (i != null && a.host().equals(i.host) && "building".equals(i.vmState)) {
            i.vmState = "error";
            i.taskState = null;
            i.host = null;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> rescheduleInstance(RequestContext context, Reschedule reschedule) {
        reschedules.add(reschedule);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> recordFault(RequestContext context, InstanceFault fault) {
        faults.add(fault);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> instanceDeleted(RequestContext context, InstanceDeleted deleted) {
        deletions.add(deleted);
        Instance i = instances.get(deleted.uuid());
        if (i != null) {
            i.deleted = true;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> serviceHeartbeat(RequestContext context, Heartbeat heartbeat) {
        heartbeats.add(heartbeat);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> computeNodeReport(RequestContext context, HostReport report) {
        nodeReports.add(report);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> actionEvent(RequestContext context, ActionEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }
}
