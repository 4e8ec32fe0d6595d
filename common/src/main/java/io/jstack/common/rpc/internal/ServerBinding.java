package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.jstack.common.rpc.Binding;
import io.jstack.common.rpc.Blocking;
import io.jstack.common.rpc.RpcFault;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One implementation serving one topic: a consumer on the topic's durable work queue and one on a private queue
 * bound to the topic's fanout exchange. Each delivery is acknowledged only after its handler finished (and its
 * reply was sent), so a process that dies mid-handler leaves the message to be redelivered.
 */
final class ServerBinding implements Binding {

    private static final Logger LOG = Logger.getLogger(ServerBinding.class);

    private final Transport transport;
    private final String topic;
    private final ApiModel model;
    private final Object implementation;
    private final int major;
    private final Channel channel;
    private final java.util.Set<String> blockingMethods;

    ServerBinding(Transport transport, Connection connection, String topic, boolean workQueue,
                  String fanoutExchange, ApiModel model, Object implementation) throws IOException {
        this.transport = transport;
        this.topic = topic;
        this.model = model;
        this.implementation = implementation;
        this.major = ApiModel.major(model.version());
        this.blockingMethods = blockingMethods(model, implementation.getClass());
        this.channel = connection.createChannel();
        channel.basicQos(transport.config().prefetch());
        String fanoutQueue = topic + ".fanout." + UUID.randomUUID();
        channel.queueDeclare(fanoutQueue, false, true, true, null);
        channel.queueBind(fanoutQueue, fanoutExchange, "");
        if (workQueue) {
            channel.basicConsume(topic, false, new Deliveries(channel));
        }
        channel.basicConsume(fanoutQueue, false, new Deliveries(channel));
    }

    /** Wire names of methods whose handler is marked {@link Blocking} on the API or on the implementation. */
    private static java.util.Set<String> blockingMethods(ApiModel model, Class<?> implementation) {
        java.util.Set<String> names = new java.util.HashSet<>();
        boolean all = model.api().isAnnotationPresent(Blocking.class) || implementation.isAnnotationPresent(Blocking.class);
        for (ApiModel.Operation op : model.byWireName().values()) {
            boolean marked = all || op.method().isAnnotationPresent(Blocking.class);
            if (!marked) {
                try {
                    marked = implementation.getMethod(op.method().getName(), op.method().getParameterTypes())
                            .isAnnotationPresent(Blocking.class);
                } catch (NoSuchMethodException e) {
                    // implemented by a default method or a proxy: the interface decides
                }
            }
            if (marked) {
                names.add(op.wireName());
            }
        }
        return java.util.Set.copyOf(names);
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.debugf("closing binding of %s: %s", topic, e.getMessage());
        }
    }

    private final class Deliveries extends DefaultConsumer {
        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            long deliveryTag = envelope.getDeliveryTag();
            Codec.Request request;
            try {
                request = transport.codec().readRequest(body, ServerBinding.this::argType);
            } catch (Throwable t) {
                finish(deliveryTag, props, CompletableFuture.failedFuture(t));
                return;
            }
            boolean blocking = request.method() != null && blockingMethods.contains(request.method());
            transport.dispatcher(blocking).dispatch(() -> handle(deliveryTag, props, request));
        }
    }

    private void handle(long deliveryTag, AMQP.BasicProperties props, Codec.Request request) {
        CompletionStage<?> outcome;
        try {
            outcome = invoke(request);
        } catch (Throwable t) {
            outcome = CompletableFuture.failedFuture(t);
        }
        finish(deliveryTag, props, outcome);
    }

    /** Replies (calls) and acknowledges once the handler's outcome is known. */
    private void finish(long deliveryTag, AMQP.BasicProperties props, CompletionStage<?> outcome) {
        String replyTo = props.getReplyTo();
        outcome.whenComplete((result, failure) -> {
            if (replyTo == null) {
                if (failure != null) {
                    LOG.warnf("cast to %s failed: %s", topic, describe(unwrap(failure)));
                }
                ack(deliveryTag);
                return;
            }
            byte[] reply;
            if (failure == null) {
                try {
                    reply = transport.codec().reply(result);
                } catch (IOException e) {
                    reply = transport.codec().failure("MalformedReply", "result not serialisable: " + e.getMessage());
                }
            } else {
                Throwable cause = unwrap(failure);
                String type = cause instanceof RpcFault fault ? fault.type()
                        : cause instanceof com.fasterxml.jackson.core.JsonProcessingException ? "MalformedMessage"
                        : cause.getClass().getName();
                reply = transport.codec().failure(type, String.valueOf(cause.getMessage()));
            }
            replyAndAck(replyTo, props.getCorrelationId(), reply, deliveryTag);
        });
    }

    private JavaType argType(String method) {
        ApiModel.Operation op = model.byWireName().get(method);
        return op == null ? null : op.argType();
    }

    private CompletionStage<?> invoke(Codec.Request request) throws Throwable {
        if (request.v() != Codec.FORMAT) {
            throw new RpcFault("IncompatibleVersion", "envelope format " + request.v() + " is not understood");
        }
        if (request.version() == null || ApiModel.major(request.version()) != major) {
            throw new RpcFault("IncompatibleVersion", model.api().getSimpleName() + " " + model.version()
                    + " cannot serve version " + request.version());
        }
        ApiModel.Operation op = model.byWireName().get(request.method());
        if (op == null) {
            throw new RpcFault("UnknownMethod", topic + " has no method " + request.method());
        }
        Object[] args = op.hasArg() ? new Object[]{request.context(), request.argument()}
                : new Object[]{request.context()};
        try {
            CompletionStage<?> stage = (CompletionStage<?>) op.method().invoke(implementation, args);
            return stage != null ? stage : CompletableFuture.completedFuture(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The reply goes out on the channel the request came in on, then the acknowledgement: one lock, one socket,
     * and a reply is never lost to an acknowledged request (at worst a duplicate reply, which callers ignore).
     */
    private void replyAndAck(String replyTo, String correlationId, byte[] reply, long deliveryTag) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(1).correlationId(correlationId).build();
        synchronized (channel) {
            try {
                if (channel.isOpen()) {
                    channel.basicPublish("", replyTo, props, reply);
                    channel.basicAck(deliveryTag, false);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("reply on %s failed: %s", topic, e.getMessage());
            }
        }
    }

    private void ack(long deliveryTag) {
        synchronized (channel) {
            try {
                if (channel.isOpen()) {
                    channel.basicAck(deliveryTag, false);
                }
            } catch (IOException | RuntimeException e) {
                // the channel went away: the broker redelivers the message elsewhere, which is the point
                LOG.debugf("ack on %s failed: %s", topic, e.getMessage());
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
