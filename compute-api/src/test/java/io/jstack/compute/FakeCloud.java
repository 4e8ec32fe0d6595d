package io.jstack.compute;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.PowerState;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.model.Deletion;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rest of the compute family as compute-api's tests need it, on the test vhost: a conductor that "builds"
 * every instance on host {@code fake-host} (or fails those named "novalidhost*" as the real one would), an
 * agent on that host that finishes actions after a short delay, and a scheduler that records what it is told.
 */
@ApplicationScoped
public class FakeCloud {

    static final String HOST = "fake-host";
    /** A host that reports but whose agent never answers (its queue has no consumer): servers named "hung-agent*". */
    static final String HUNG_HOST = "hung-host";
    static final List<SchedulerRpc.HostStatus> HOST_STATUSES = new CopyOnWriteArrayList<>();
    static final List<SchedulerRpc.Aggregates> AGGREGATE_SYNCS = new CopyOnWriteArrayList<>();
    static final List<String> RELEASED = new CopyOnWriteArrayList<>();
    /** Build requests received, per instance (each delivery counts, also those not acted on). */
    static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> BUILD_REQUESTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final List<String> TERMINATED = new CopyOnWriteArrayList<>();
    /** How long the fake agent takes for an action. */
    static volatile Duration actionDelay = Duration.ofMillis(400);
    /** When false, builds stay in BUILD (the conductor "has not got to them yet"). */
    static volatile boolean building = true;

    @Inject
    Rpc rpc;

    void start(@Observes StartupEvent e) {
        rpc.serve(ConductorRpc.class, new Conductor());
        rpc.serve(ComputeRpc.class, ComputeRpc.topic(HOST), new Agent());
        rpc.serve(SchedulerRpc.class, new Scheduler());
    }

    private static <T> CompletionStage<T> tx(java.util.function.Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).subscribeAsCompletionStage();
    }

    /** The fake agent reports as a real one does, so its host stays "up". */
    @io.quarkus.scheduler.Scheduled(every = "1s")
    Uni<Void> heartbeat() {
        return report().onFailure().recoverWithNull();
    }

    /** Registers the fake host's compute service and node (so it is "up"). */
    static Uni<Void> report() {
        return report(HOST);
    }

    /** Registers a host's compute service and node as reporting now. */
    static Uni<Void> report(String host) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into services (uuid, host, service_binary, topic, report_count, last_seen_up, "
                                + "created_at, updated_at) values (gen_random_uuid()::text, ?1, 'nova-compute', "
                                + "'compute', 1, now(), now(), now()) on conflict (host, service_binary) do update set "
                                + "last_seen_up = now(), report_count = services.report_count + 1")
                .setParameter(1, host).executeUpdate())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into compute_nodes (uuid, host, hypervisor_hostname, hypervisor_type, "
                                + "hypervisor_version, host_ip, vcpus, memory_mb, local_gb, cpu_info, created_at, "
                                + "updated_at) values (gen_random_uuid()::text, ?1, ?1, 'fake', 1000, '127.0.0.1', "
                                + "64, 131072, 2048, '{\"arch\":\"x86_64\"}', now(), now()) on conflict "
                                + "(hypervisor_hostname) do update set updated_at = now()")
                        .setParameter(1, host).executeUpdate()))).replaceWithVoid();
    }

    final class Conductor implements ConductorRpc {
        @Override
        public CompletionStage<Void> buildInstances(RequestContext ctx, BuildInstances request) {
            request.instances().forEach(i -> BUILD_REQUESTS.computeIfAbsent(i.uuid(),
                    k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet());
            if (!building) {
                return Uni.createFrom().voidItem().subscribeAsCompletionStage();
            }
            return report().chain(() -> Panache.withTransaction(() -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (var i : request.instances()) {
                    if (i.name().startsWith("novalidhost")) {
                        chain = chain.chain(() -> StateChange.of(i.uuid()).vmState(VmStates.ERROR).taskState(null)
                                .expectTaskState(List.of(TaskStates.SCHEDULING)).apply().chain(ok -> {
                                    io.jstack.compute.model.InstanceFault f = new io.jstack.compute.model.InstanceFault();
                                    f.instanceUuid = i.uuid();
                                    f.code = 500;
                                    f.message = "No valid host was found. There are not enough hosts available.";
                                    f.details = "fake scheduler";
                                    f.createdAt = Instant.now();
                                    return ok ? f.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                                }));
                    } else {
                        String host = i.name().startsWith("hung-agent") ? HUNG_HOST : HOST;
                        chain = chain.chain(() -> StateChange.of(i.uuid()).set("host", host).set("node", host)
                                .set("availabilityZone", "nova").vmState(VmStates.ACTIVE).taskState(null)
                                .set("powerState", PowerState.RUNNING).set("launchedAt", Instant.now())
                                .expectTaskState(List.of(TaskStates.SCHEDULING)).where("host is null").apply()
                                .replaceWithVoid());
                    }
                }
                return chain;
            })).onFailure().invoke(e -> org.jboss.logging.Logger.getLogger(FakeCloud.class).error("fake build", e))
                    .subscribeAsCompletionStage();
        }

        @Override
        public CompletionStage<InstanceState> instanceUpdate(RequestContext ctx, InstanceUpdate update) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<InstanceState> instanceState(RequestContext ctx, InstanceQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<HostInstances> hostInstances(RequestContext ctx, HostQuery query) {
            return java.util.concurrent.CompletableFuture.completedFuture(new HostInstances(List.of()));
        }

        @Override
        public CompletionStage<Void> buildAborted(RequestContext ctx, BuildAborted aborted) {
            return done();
        }

        @Override
        public CompletionStage<Void> rescheduleInstance(RequestContext ctx, Reschedule reschedule) {
            return done();
        }

        @Override
        public CompletionStage<Void> recordFault(RequestContext ctx, InstanceFault fault) {
            return done();
        }

        @Override
        public CompletionStage<Void> instanceDeleted(RequestContext ctx, InstanceDeleted deleted) {
            return done();
        }

        @Override
        public CompletionStage<Void> serviceHeartbeat(RequestContext ctx, Heartbeat heartbeat) {
            return done();
        }

        @Override
        public CompletionStage<Void> computeNodeReport(RequestContext ctx, HostReport report) {
            return done();
        }

        @Override
        public CompletionStage<Void> actionEvent(RequestContext ctx, ActionEvent event) {
            return done();
        }
    }

    static CompletionStage<Void> done() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Finishes an action after the delay, if the instance is still in the action's task state. */
    private static CompletionStage<Void> finish(String uuid, String task, String vmState, int power) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().<Void>emitter(em -> context.owner().setTimer(actionDelay.toMillis(),
                        id -> em.complete(null)))
                .chain(() -> Panache.withTransaction(() -> StateChange.of(uuid).vmState(vmState).taskState(null)
                        .set("powerState", power).expectTaskState(List.of(task)).apply()))
                .replaceWithVoid().subscribeAsCompletionStage();
    }

    final class Agent implements ComputeRpc {
        @Override
        public CompletionStage<Void> buildAndRunInstance(RequestContext ctx, BuildAndRun request) {
            return done();
        }

        @Override
        public CompletionStage<Void> terminateInstance(RequestContext ctx, InstanceRef instance) {
            TERMINATED.add(instance.uuid());
            return tx(() -> Deletion.markDeleted(instance.uuid(), false).replaceWithVoid());
        }

        @Override
        public CompletionStage<Void> stopInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.POWERING_OFF, VmStates.STOPPED, PowerState.SHUTDOWN);
        }

        @Override
        public CompletionStage<Void> startInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.POWERING_ON, VmStates.ACTIVE, PowerState.RUNNING);
        }

        @Override
        public CompletionStage<Void> rebootInstance(RequestContext ctx, Reboot r) {
            return finish(r.uuid(), r.type().equals("HARD") ? TaskStates.REBOOTING_HARD : TaskStates.REBOOTING,
                    VmStates.ACTIVE, PowerState.RUNNING);
        }

        @Override
        public CompletionStage<Void> pauseInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.PAUSING, VmStates.PAUSED, PowerState.PAUSED);
        }

        @Override
        public CompletionStage<Void> unpauseInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.UNPAUSING, VmStates.ACTIVE, PowerState.RUNNING);
        }

        @Override
        public CompletionStage<Void> suspendInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.SUSPENDING, VmStates.SUSPENDED, PowerState.SUSPENDED);
        }

        @Override
        public CompletionStage<Void> resumeInstance(RequestContext ctx, InstanceRef i) {
            return finish(i.uuid(), TaskStates.RESUMING, VmStates.ACTIVE, PowerState.RUNNING);
        }

        @Override
        public CompletionStage<ConsoleOutput> getConsoleOutput(RequestContext ctx, ConsoleRequest request) {
            String log = "line 1\nline 2\nline 3\n";
            if (request.length() != null) {
                String[] lines = log.split("\n");
                log = String.join("\n", java.util.Arrays.copyOfRange(lines,
                        Math.max(0, lines.length - request.length()), lines.length)) + "\n";
            }
            return java.util.concurrent.CompletableFuture.completedFuture(new ConsoleOutput(log));
        }

        @Override
        public CompletionStage<Diagnostics> getDiagnostics(RequestContext ctx, InstanceRef ref) {
            return java.util.concurrent.CompletableFuture.completedFuture(new Diagnostics("running", "libvirt", "qemu",
                    "fake-os", 42, false, 512, 256, java.util.List.of(new CpuDetail(0, 1_000_000L)),
                    java.util.List.of(new NicDetail("fa:16:3e:00:00:01", 1, 2, 0, 0, 3, 4, 0, 0)),
                    java.util.List.of(new DiskDetail("vda", 10, 1, 20, 2, 0))));
        }
    }

    final class Scheduler implements SchedulerRpc {
        @Override
        public CompletionStage<Selections> selectDestinations(RequestContext ctx, SelectDestinations request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Boolean> claim(RequestContext ctx, Claim claim) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletionStage<Void> release(RequestContext ctx, Release release) {
            RELEASED.add(release.instanceUuid());
            return done();
        }

        @Override
        public CompletionStage<Void> reportHost(RequestContext ctx, HostReport report) {
            return done();
        }

        @Override
        public CompletionStage<Void> updateHostStatus(RequestContext ctx, HostStatus status) {
            HOST_STATUSES.add(status);
            return done();
        }

        @Override
        public CompletionStage<Void> syncAggregates(RequestContext ctx, Aggregates aggregates) {
            AGGREGATE_SYNCS.add(aggregates);
            return done();
        }
    }
}
