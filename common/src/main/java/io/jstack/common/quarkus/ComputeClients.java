package io.jstack.common.quarkus;

import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.Rpc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The compute family's RPC clients, made once each: the conductor, the scheduler and the agent of each host.
 * The service's {@link Rpc} is looked up on first use, so injecting this connects nothing.
 */
@ApplicationScoped
public class ComputeClients {

    @Inject
    Instance<Rpc> rpc;

    private final Map<String, ComputeRpc> computes = new ConcurrentHashMap<>();
    private volatile ConductorRpc conductor;
    private volatile SchedulerRpc scheduler;

    public ConductorRpc conductor() {
        if (conductor == null) {
            conductor = rpc.get().client(ConductorRpc.class);
        }
        return conductor;
    }

    public SchedulerRpc scheduler() {
        if (scheduler == null) {
            scheduler = rpc.get().client(SchedulerRpc.class);
        }
        return scheduler;
    }

    /** The agent of one host ({@code compute.<host>}). */
    public ComputeRpc compute(String host) {
        return computes.computeIfAbsent(host, h -> rpc.get().client(ComputeRpc.class, ComputeRpc.topic(h)));
    }

    /** An RPC as a Uni, started on subscription (a failure to even send is a failed Uni, not a throw). */
    public static <T> Uni<T> uni(Supplier<CompletionStage<T>> call) {
        return Uni.createFrom().deferred(() -> {
            try {
                return Uni.createFrom().completionStage(call.get());
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(e);
            }
        });
    }
}
