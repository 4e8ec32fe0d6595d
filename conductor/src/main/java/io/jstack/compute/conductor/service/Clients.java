package io.jstack.compute.conductor.service;

import io.jstack.common.compute.ComputeRpc;
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

/** The conductor's RPC clients: the scheduler and compute agents. */
@ApplicationScoped
public class Clients {

    @Inject
    Instance<Rpc> rpc;

    private final Map<String, ComputeRpc> computes = new ConcurrentHashMap<>();
    private volatile SchedulerRpc scheduler;

    public SchedulerRpc scheduler() {
        if (scheduler == null) {
            scheduler = rpc.get().client(SchedulerRpc.class);
        }
        return scheduler;
    }

    public ComputeRpc compute(String host) {
        return computes.computeIfAbsent(host, h -> rpc.get().client(ComputeRpc.class, ComputeRpc.topic(h)));
    }

    /** An RPC as a Uni, started on subscription; a failure to send is a failed Uni. */
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
