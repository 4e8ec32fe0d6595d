package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.jstack.common.RequestContext;
import io.jstack.common.rpc.Binding;
import io.jstack.common.rpc.Dispatcher;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.RpcConfig;
import io.jstack.common.rpc.RpcTimeoutException;
import io.jstack.common.rpc.RpcUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The AMQP side of {@link io.jstack.common.rpc.Rpc}. Two connections, as RabbitMQ advises: one publishes (so
 * broker flow control on publishers never stalls consumers), one consumes (server bindings and replies).
 */
public final class Transport implements AutoCloseable {

    private static final String JSON = "application/json";
    private static final AMQP.BasicProperties CAST_PROPS = new AMQP.BasicProperties.Builder()
            .contentType(JSON).deliveryMode(2).build();
    private static final AMQP.BasicProperties FANOUT_PROPS = new AMQP.BasicProperties.Builder()
            .contentType(JSON).deliveryMode(1).build();

    private final RpcConfig config;
    private final ObjectMapper json;
    private final Codec codec;
    private final Dispatcher nonBlocking;
    private final Dispatcher blocking;
    private final Supplier<Executor> callerContext;
    private final Connection publishConnection;
    private final Connection consumeConnection;
    private final Publisher plain;
    private final Publisher confirmed;
    private final Channel admin;
    private final String replyQueue;
    private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
    private final Set<String> declaredTopics = ConcurrentHashMap.newKeySet();
    private final Set<String> declaredFanouts = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final String callIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong callIds = new AtomicLong();

    private record PendingCall(CompletableFuture<Object> future, JavaType resultType, Executor context,
                               long deadlineNanos, String topic, String method, long timeoutMillis) {
    }

    /** How often calls past their deadline are failed; bounds how late a timeout fires. */
    private static final long SWEEP_MILLIS = 50;

    public Transport(RpcConfig config, ConnectionFactory factory, Dispatcher nonBlocking, Dispatcher blocking,
                     Supplier<Executor> callerContext) throws IOException, TimeoutException {
        this.config = config;
        this.nonBlocking = nonBlocking;
        this.blocking = blocking;
        this.callerContext = callerContext;
        // Jackson's default buffer pool is per thread; handlers run on short-lived virtual threads, so share one
        this.json = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool()).build())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.codec = new Codec(json);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-timeouts");
            t.setDaemon(true);
            return t;
        });
        // one sweeper instead of a timer task per call: scheduling and cancelling per call costs throughput
        timer.scheduleWithFixedDelay(this::expireCalls, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        this.publishConnection = factory.newConnection(config.serviceName() + "-publish");
        this.consumeConnection = factory.newConnection(config.serviceName() + "-consume");
        this.plain = new Publisher(publishConnection, config.publishChannels(), false);
        this.confirmed = new Publisher(publishConnection, config.publishChannels(), true);
        this.admin = publishConnection.createChannel();
        // direct, not topic: queues are named by their topic, so pattern matching buys nothing and costs the broker
        // a sixth of its RPC throughput (measured with the RPC benchmark)
        admin.exchangeDeclare(config.exchange(), BuiltinExchangeType.DIRECT, true);
        Channel replies = consumeConnection.createChannel();
        this.replyQueue = "reply." + config.serviceName() + "." + UUID.randomUUID();
        replies.queueDeclare(replyQueue, false, true, true, null);
        replies.basicConsume(replyQueue, true, new DefaultConsumer(replies) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                onReply(props.getCorrelationId(), body);
            }
        });
    }

    public RpcConfig config() {
        return config;
    }

    public ObjectMapper json() {
        return json;
    }

    // ---- client side ------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> call(String topic, String version, String method, Object args,
                                         RequestContext context, Duration timeout, JavaType resultType) {
        long wait = (timeout != null ? timeout : config.callTimeout()).toMillis();
        CompletableFuture<Object> future = new CompletableFuture<>();
        String id = callIdPrefix + callIds.incrementAndGet();
        try {
            ensureTopic(topic);
            byte[] body = codec.request(version, method, context, args);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(JSON).deliveryMode(1)
                    .correlationId(id).replyTo(replyQueue)
                    // a request nobody took before the caller gave up is dropped, not run late
                    .expiration(Long.toString(wait))
                    .build();
            pending.put(id, new PendingCall(future, resultType, callerContext.get(),
                    System.nanoTime() + wait * 1_000_000, topic, method, wait));
            plain.publish(config.exchange(), topic, props, body).whenComplete((ok, failure) -> {
                if (failure != null) {
                    PendingCall gone = pending.remove(id);
                    if (gone != null) {
                        complete(gone, null, unavailable(failure));
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            future.completeExceptionally(e instanceof IOException io ? unavailable(io) : e);
        }
        return (CompletableFuture<R>) future;
    }

    private void expireCalls() {
        long now = System.nanoTime();
        for (var entry : pending.entrySet()) {
            PendingCall call = entry.getValue();
            if (now - call.deadlineNanos() >= 0 && pending.remove(entry.getKey(), call)) {
                complete(call, null, new RpcTimeoutException(call.topic(), call.method(), call.timeoutMillis()));
            }
        }
    }

    public CompletableFuture<Void> cast(String topic, String version, String method, Object args,
                                        RequestContext context) {
        try {
            ensureTopic(topic);
            byte[] body = codec.request(version, method, context, args);
            return onCallerContext(confirmed.publish(config.exchange(), topic, CAST_PROPS, body));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof IOException io ? unavailable(io) : e);
        }
    }

    public CompletableFuture<Void> fanout(String topic, String version, String method, Object args,
                                          RequestContext context) {
        try {
            String exchange = ensureFanout(topic);
            byte[] body = codec.request(version, method, context, args);
            return onCallerContext(confirmed.publish(exchange, "", FANOUT_PROPS, body));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof IOException io ? unavailable(io) : e);
        }
    }

    private CompletableFuture<Void> onCallerContext(CompletableFuture<Void> published) {
        Executor context = callerContext.get();
        if (context == null) {
            return published;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        published.whenComplete((ok, failure) -> context.execute(() -> {
            if (failure != null) {
                result.completeExceptionally(unavailable(failure));
            } else {
                result.complete(null);
            }
        }));
        return result;
    }

    private void onReply(String correlationId, byte[] body) {
        PendingCall call = correlationId == null ? null : pending.remove(correlationId);
        if (call == null) {
            return; // late reply to a call that timed out
        }
        Object value;
        try {
            value = codec.readReply(body, call.resultType());
        } catch (RemoteError e) {
            complete(call, null, e);
            return;
        } catch (IOException | RuntimeException e) {
            complete(call, null, new RemoteError("MalformedReply", e.getMessage()));
            return;
        }
        complete(call, value, null);
    }

    private static void complete(PendingCall call, Object value, Throwable failure) {
        Runnable done = () -> {
            if (failure != null) {
                call.future().completeExceptionally(failure);
            } else {
                call.future().complete(value);
            }
        };
        if (call.context() != null) {
            call.context().execute(done);
        } else {
            done.run();
        }
    }

    private static RuntimeException unavailable(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
                ? ce.getCause() : failure;
        if (cause instanceof RpcUnavailableException r) {
            return r;
        }
        return new RpcUnavailableException("message broker: " + cause.getMessage(), cause);
    }

    // ---- topology ---------------------------------------------------------------------------------------------

    void ensureTopic(String topic) throws IOException {
        if (declaredTopics.contains(topic)) {
            return;
        }
        synchronized (admin) {
            if (declaredTopics.contains(topic)) {
                return;
            }
            admin.queueDeclare(topic, true, false, false, null);
            admin.queueBind(topic, config.exchange(), topic);
            declaredTopics.add(topic);
        }
    }

    String ensureFanout(String topic) throws IOException {
        String exchange = topic + ".fanout";
        if (!declaredFanouts.contains(exchange)) {
            synchronized (admin) {
                admin.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
                declaredFanouts.add(exchange);
            }
        }
        return exchange;
    }

    public void deleteTopic(String topic) {
        synchronized (admin) {
            try {
                admin.queueDelete(topic);
                admin.exchangeDelete(topic + ".fanout");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            declaredTopics.remove(topic);
            declaredFanouts.remove(topic + ".fanout");
        }
    }

    // ---- server side ------------------------------------------------------------------------------------------

    public Binding serve(String topic, ApiModel model, Object implementation, boolean workQueue) {
        if (!model.api().isInstance(implementation)) {
            throw new IllegalArgumentException(implementation + " does not implement " + model.api());
        }
        try {
            if (workQueue) {
                ensureTopic(topic);
            }
            String fanoutExchange = ensureFanout(topic);
            return new ServerBinding(this, consumeConnection, topic, workQueue, fanoutExchange, model, implementation);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    Dispatcher dispatcher(boolean blockingHandler) {
        return blockingHandler ? blocking : nonBlocking;
    }

    Codec codec() {
        return codec;
    }

    @Override
    public void close() {
        pending.values().forEach(call -> call.future().completeExceptionally(
                new RpcUnavailableException("RPC layer closed", null)));
        pending.clear();
        timer.shutdownNow();
        plain.close();
        confirmed.close();
        closeQuietly(consumeConnection);
        closeQuietly(publishConnection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection.isOpen()) {
                connection.close(2000);
            }
        } catch (IOException | RuntimeException ignored) {
            // the broker drops everything of a closed connection anyway
        }
    }
}
