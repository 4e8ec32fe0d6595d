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
import java.util.concurrent.ScheduledFuture;
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
    private final Dispatcher dispatcher;
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
                               ScheduledFuture<?> timeout) {
    }

    public Transport(RpcConfig config, ConnectionFactory factory, Dispatcher dispatcher,
                     Supplier<Executor> callerContext) throws IOException, TimeoutException {
        this.config = config;
        this.dispatcher = dispatcher;
        this.callerContext = callerContext;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-timeouts");
            t.setDaemon(true);
            return t;
        });
        this.publishConnection = factory.newConnection(config.serviceName() + "-publish");
        this.consumeConnection = factory.newConnection(config.serviceName() + "-consume");
        this.plain = new Publisher(publishConnection, config.publishChannels(), false);
        this.confirmed = new Publisher(publishConnection, config.publishChannels(), true);
        this.admin = publishConnection.createChannel();
        admin.exchangeDeclare(config.exchange(), BuiltinExchangeType.TOPIC, true);
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
        Duration wait = timeout != null ? timeout : config.callTimeout();
        CompletableFuture<Object> future = new CompletableFuture<>();
        String id = callIdPrefix + callIds.incrementAndGet();
        try {
            ensureTopic(topic);
            byte[] body = json.writeValueAsBytes(RpcEnvelope.request(version, method, json.valueToTree(args), context));
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(JSON).deliveryMode(1)
                    .correlationId(id).replyTo(replyQueue)
                    // a request nobody took before the caller gave up is dropped, not run late
                    .expiration(Long.toString(wait.toMillis()))
                    .build();
            ScheduledFuture<?> timeoutTask = timer.schedule(() -> {
                PendingCall gone = pending.remove(id);
                if (gone != null) {
                    complete(gone, null, new RpcTimeoutException(topic, method, wait.toMillis()));
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
            pending.put(id, new PendingCall(future, resultType, callerContext.get(), timeoutTask));
            plain.publish(config.exchange(), topic, props, body).whenComplete((ok, failure) -> {
                if (failure != null) {
                    PendingCall gone = pending.remove(id);
                    if (gone != null) {
                        gone.timeout().cancel(false);
                        complete(gone, null, unavailable(failure));
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(e instanceof IOException io ? unavailable(io) : e);
        }
        return (CompletableFuture<R>) future;
    }

    public CompletableFuture<Void> cast(String topic, String version, String method, Object args,
                                        RequestContext context) {
        try {
            ensureTopic(topic);
            byte[] body = json.writeValueAsBytes(RpcEnvelope.request(version, method, json.valueToTree(args), context));
            return onCallerContext(confirmed.publish(config.exchange(), topic, CAST_PROPS, body));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof IOException io ? unavailable(io) : e);
        }
    }

    public CompletableFuture<Void> fanout(String topic, String version, String method, Object args,
                                          RequestContext context) {
        try {
            String exchange = ensureFanout(topic);
            byte[] body = json.writeValueAsBytes(RpcEnvelope.request(version, method, json.valueToTree(args), context));
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
        call.timeout().cancel(false);
        try {
            RpcEnvelope reply = json.readValue(body,
                    RpcEnvelope.class);
            if (reply.error() != null) {
                complete(call, null, new RemoteError(reply.error().type(), reply.error().message()));
            } else {
                Object value = call.resultType() == null || call.resultType().getRawClass() == JsonNode.class
                        ? reply.result()
                        : call.resultType().getRawClass() == Void.class ? null
                        : json.convertValue(reply.result(), call.resultType());
                complete(call, value, null);
            }
        } catch (IOException | IllegalArgumentException e) {
            complete(call, null, new RemoteError("MalformedReply", e.getMessage()));
        }
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

    public Binding serve(String topic, ApiModel model, Object implementation) {
        if (!model.api().isInstance(implementation)) {
            throw new IllegalArgumentException(implementation + " does not implement " + model.api());
        }
        try {
            ensureTopic(topic);
            String fanoutExchange = ensureFanout(topic);
            return new ServerBinding(this, consumeConnection, topic, fanoutExchange, model, implementation);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    void reply(String replyTo, String correlationId, RpcEnvelope envelope,
               Runnable afterPublish) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            body = ("{\"v\":1,\"error\":{\"type\":\"MalformedReply\",\"message\":\"result not serialisable\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(JSON).deliveryMode(1).correlationId(correlationId).build();
        plain.publish("", replyTo, props, body).whenComplete((ok, failure) -> afterPublish.run());
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
