package io.jstack.common.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.ConnectionFactory;
import io.jstack.common.RequestContext;
import io.jstack.common.rpc.internal.ApiModel;
import io.jstack.common.rpc.internal.ClientProxy;
import io.jstack.common.rpc.internal.Transport;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * RPC over RabbitMQ, the way OpenStack services talk inside one service family.
 * <ul>
 *   <li>call: request/reply with a correlation id, replies on this process's exclusive reply queue, a timeout,
 *       and the remote error re-raised here as {@link RemoteError};</li>
 *   <li>cast: fire-and-forget to a durable queue, persistent message, completes on the broker's confirm;</li>
 *   <li>fanout: to every live replica serving a topic.</li>
 * </ul>
 * Service code uses typed proxies of {@link RpcApi} interfaces ({@link #client(Class)}) and binds implementations
 * with {@link #serve(Class, Object)}; it never builds AMQP messages.
 */
public final class Rpc implements AutoCloseable {

    private final Transport transport;

    private Rpc(Transport transport) {
        this.transport = transport;
    }

    /**
     * Connects with non-blocking handlers run in place, {@link Blocking} ones on virtual threads, and call
     * results completed on the broker client's thread.
     */
    public static Rpc connect(RpcConfig config) {
        return connect(config, Dispatcher.inline(), Dispatcher.virtualThreads(), () -> null);
    }

    /**
     * @param nonBlocking    where handlers that never block run
     * @param blocking       where {@link Blocking} handlers run
     * @param callerContext  captured when a call or cast starts: the executor its future is completed on, so a
     *                       caller on an event loop continues on its own context (null: complete in place)
     */
    public static Rpc connect(RpcConfig config, Dispatcher nonBlocking, Dispatcher blocking,
                              Supplier<Executor> callerContext) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(30);
        try {
            return new Rpc(new Transport(config, factory, nonBlocking, blocking, callerContext));
        } catch (IOException | TimeoutException e) {
            throw new RpcUnavailableException("Cannot reach the message broker at " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** A typed client of an API on its default topic. */
    public <T> T client(Class<T> api) {
        ApiModel model = ApiModel.of(api);
        if (model.topic().isEmpty()) {
            throw new IllegalArgumentException(api + " has no default topic; name one");
        }
        return client(api, model.topic());
    }

    /** A typed client of an API on a given topic, for example {@code compute.host1}. */
    public <T> T client(Class<T> api, String topic) {
        ApiModel model = ApiModel.of(api);
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api},
                new ClientProxy(transport, model, topic)));
    }

    /** Binds an implementation of an API to the API's default topic (work queue and fanout). */
    public <T> Binding serve(Class<T> api, T implementation) {
        return serve(api, ApiModel.of(api).topic(), implementation);
    }

    /** Binds an implementation of an API to a topic (work queue and fanout). */
    public <T> Binding serve(Class<T> api, String topic, T implementation) {
        return transport.serve(topic, ApiModel.of(api), implementation, true);
    }

    /**
     * Subscribes an implementation to the fanouts of a topic only: every subscriber gets every fanout, and no
     * work-queue messages are taken (for listeners such as token-revocation verifiers in other services).
     */
    public <T> Binding subscribe(Class<T> api, T implementation) {
        return subscribe(api, ApiModel.of(api).topic(), implementation);
    }

    public <T> Binding subscribe(Class<T> api, String topic, T implementation) {
        return transport.serve(topic, ApiModel.of(api), implementation, false);
    }

    /** An untyped call; the result is the reply's JSON. For tools and tests; services use typed clients. */
    public CompletableFuture<JsonNode> call(RequestContext context, String topic, String method, Object args,
                                            Duration timeout) {
        return transport.call(topic, "1.0", method, args, context, timeout, null);
    }

    public CompletableFuture<Void> cast(RequestContext context, String topic, String method, Object args) {
        return transport.cast(topic, "1.0", method, args, context);
    }

    public CompletableFuture<Void> fanout(RequestContext context, String topic, String method, Object args) {
        return transport.fanout(topic, "1.0", method, args, context);
    }

    /** Removes a topic's queue and fanout exchange (operators and tests). */
    public void deleteTopic(String topic) {
        transport.deleteTopic(topic);
    }

    public ObjectMapper json() {
        return transport.json();
    }

    public RpcConfig config() {
        return transport.config();
    }

    @Override
    public void close() {
        transport.close();
    }
}
