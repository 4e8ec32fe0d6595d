package io.jstack.compute.service;

import io.jstack.common.rpc.internal.ApiModel;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A cast to be written to the outbox: where it goes, the method and argument as they travel, the instances it is
 * about and the task state it sets out to end (the cast has taken effect once none of them is in that state; with
 * none, once the broker confirmed it).
 * Made from a typed call on an {@link io.jstack.common.rpc.RpcApi} interface, so the outbox sends exactly what
 * the typed client would have.
 */
public record OutboxMessage(String topic, String method, String version, Object args, List<String> instanceUuids,
                            String taskState) {

    public OutboxMessage {
        instanceUuids = List.copyOf(instanceUuids);
    }

    /**
     * Records the call {@code call} makes on a proxy of {@code api} instead of sending it.
     *
     * @param taskState the task state the instances are in until the message took effect; null: the message has
     *                  done its part once the broker took it (a release of a claim)
     */
    public static <T> OutboxMessage of(Class<T> api, String topic, List<String> instanceUuids, String taskState,
                                       Function<T, CompletionStage<Void>> call) {
        ApiModel model = ApiModel.of(api);
        Object[] seen = new Object[2];
        T recorder = api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.invoke(seen, args);
            }
            ApiModel.Operation op = model.byMethod().get(m);
            if (op == null || op.kind() != ApiModel.Kind.CAST) {
                throw new IllegalArgumentException(m + " is not a cast: only casts go through the outbox");
            }
            seen[0] = op.wireName();
            seen[1] = args.length > 1 ? args[1] : null;
            return CompletableFuture.completedFuture(null);
        }));
        call.apply(recorder);
        if (seen[0] == null) {
            throw new IllegalArgumentException("the call made no RPC");
        }
        return new OutboxMessage(topic, (String) seen[0], model.version(), seen[1], instanceUuids, taskState);
    }
}
