package io.jstack.compute.conductor;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.Rpc;
import io.jstack.common.rpc.RpcFault;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scheduler and two compute agents as the conductor's tests need them, on the test vhost. The scheduler
 * places on host-a with host-b as alternate (or finds no host when told so), and lets claims succeed on the
 * hosts in {@link #claimable}; agents record the builds and terminations they are sent.
 */
@ApplicationScoped
public class FakeFamily {

    static final List<SchedulerRpc.SelectDestinations> SELECTS = new CopyOnWriteArrayList<>();
    static final List<SchedulerRpc.Claim> CLAIMS = new CopyOnWriteArrayList<>();
    static final List<String> RELEASES = new CopyOnWriteArrayList<>();
    static final List<SchedulerRpc.HostStatus> STATUSES = new CopyOnWriteArrayList<>();
    static final List<SchedulerRpc.Aggregates> AGGREGATES = new CopyOnWriteArrayList<>();
    /** host -> builds received. */
    static final Map<String, List<ComputeRpc.BuildAndRun>> BUILDS = new ConcurrentHashMap<>();
    static volatile boolean noValidHost;
    static volatile Set<String> claimable = Set.of("host-b");
    /** Deletes the instances while "selecting" (a user deleting them during scheduling). */
    static volatile boolean deleteWhileSelecting;
    /** The scheduler fails as an unreachable one would (not with NoValidHost). */
    static volatile boolean schedulerBroken;
    /** Holds every selection this long (requests overlap). */
    static volatile long selectDelayMillis;

    @Inject
    Rpc rpc;

    void start(@Observes StartupEvent e) {
        rpc.serve(SchedulerRpc.class, new Scheduler());
        for (String host : List.of("host-a", "host-b")) {
            rpc.serve(ComputeRpc.class, ComputeRpc.topic(host), new Agent(host));
        }
    }

    static List<ComputeRpc.BuildAndRun> builds(String host) {
        return BUILDS.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>());
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    final class Scheduler implements SchedulerRpc {
        @Override
        public CompletionStage<Selections> selectDestinations(RequestContext ctx, SelectDestinations request) {
            SELECTS.add(request);
            if (schedulerBroken) {
                return CompletableFuture.failedFuture(new RpcFault("DatabaseUnavailable",
                        "the scheduler's database is restarting"));
            }
            if (selectDelayMillis > 0) {
                try {
                    Thread.sleep(selectDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (noValidHost) {
                return CompletableFuture.failedFuture(new RpcFault("NoValidHost",
                        "No valid host was found. There are not enough hosts available."));
            }
            Selections selections = new Selections(request.instanceUuids().stream()
                    .map(u -> new Selection(u, "host-a", "node-a", List.of("host-b"))).toList());
            if (deleteWhileSelecting) {
                io.smallrye.mutiny.Uni<Void> deleting = io.smallrye.mutiny.Uni.createFrom().voidItem();
                for (String u : request.instanceUuids()) {
                    deleting = deleting.chain(() -> io.jstack.compute.model.Deletion.markDeleted(u, true))
                            .replaceWithVoid();
                }
                io.smallrye.mutiny.Uni<Void> all = deleting;
                return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> all)
                        .map(x -> selections).subscribeAsCompletionStage();
            }
            return done(selections);
        }

        @Override
        public CompletionStage<Boolean> claim(RequestContext ctx, Claim claim) {
            CLAIMS.add(claim);
            return done(claimable.contains(claim.host()));
        }

        @Override
        public CompletionStage<Void> release(RequestContext ctx, Release release) {
            RELEASES.add(release.instanceUuid());
            return done(null);
        }

        @Override
        public CompletionStage<Void> reportHost(RequestContext ctx, HostReport report) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> updateHostStatus(RequestContext ctx, HostStatus status) {
            STATUSES.add(status);
            return done(null);
        }

        @Override
        public CompletionStage<Void> syncAggregates(RequestContext ctx, Aggregates aggregates) {
            AGGREGATES.add(aggregates);
            return done(null);
        }
    }

    static final class Agent implements ComputeRpc {
        private final String host;

        Agent(String host) {
            this.host = host;
        }

        @Override
        public CompletionStage<Void> buildAndRunInstance(RequestContext ctx, BuildAndRun request) {
            builds(host).add(request);
            return done(null);
        }

        @Override
        public CompletionStage<Void> terminateInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> stopInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> startInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> rebootInstance(RequestContext ctx, Reboot reboot) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> pauseInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> unpauseInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> suspendInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<Void> resumeInstance(RequestContext ctx, InstanceRef instance) {
            return done(null);
        }

        @Override
        public CompletionStage<ConsoleOutput> getConsoleOutput(RequestContext ctx, ConsoleRequest request) {
            return done(new ConsoleOutput(""));
        }

        @Override
        public CompletionStage<Diagnostics> getDiagnostics(RequestContext ctx, InstanceRef ref) {
            return done(new Diagnostics("running", "fake", "fake", "fake-os", 0, false, 0, 0, java.util.List.of(),
                    java.util.List.of(), java.util.List.of()));
        }
    }
}
