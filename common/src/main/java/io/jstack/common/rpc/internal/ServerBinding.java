package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.jstack.common.rpc.Binding;
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

    ServerBinding(Transport transport, Connection connection, String topic, String fanoutExchange, ApiModel model,
                  Object implementation) throws IOException {
        this.transport = transport;
        this.topic = topic;
        this.model = model;
        this.implementation = implementation;
        this.major = ApiModel.major(model.version());
        this.channel = connection.createChannel();
        channel.basicQos(transport.config().prefetch());
        String fanoutQueue = topic + ".fanout." + UUID.randomUUID();
        channel.queueDeclare(fanoutQueue, false, true, true, null);
        channel.queueBind(fanoutQueue, fanoutExchange, "");
        channel.basicConsume(topic, false, new Deliveries(channel));
        channel.basicConsume(fanoutQueue, false, new Deliveries(channel));
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
            transport.dispatcher().dispatch(() -> handle(deliveryTag, props, body));
        }
    }

    private void handle(long deliveryTag, AMQP.BasicProperties props, byte[] body) {
        String replyTo = props.getReplyTo();
        CompletionStage<?> outcome;
        try {
            outcome = invoke(transport.json().readValue(body, RpcEnvelope.class));
        } catch (Throwable t) {
            outcome = CompletableFuture.failedFuture(t);
        }
        outcome.whenComplete((result, failure) -> {
            if (replyTo == null) {
                if (failure != null) {
                    LOG.warnf("cast to %s failed: %s", topic, describe(unwrap(failure)));
                }
                ack(deliveryTag);
                return;
            }
            RpcEnvelope reply;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                String type = cause instanceof RpcFault fault ? fault.type() : cause.getClass().getName();
                reply = RpcEnvelope.failure(type, String.valueOf(cause.getMessage()));
            } else {
                reply = RpcEnvelope.reply(transport.json().valueToTree(result));
            }
            transport.reply(replyTo, props.getCorrelationId(), reply, () -> ack(deliveryTag));
        });
    }

    private CompletionStage<?> invoke(RpcEnvelope request) throws Throwable {
        if (request.v() != RpcEnvelope.FORMAT) {
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
        Object[] args;
        if (op.hasArg()) {
            JsonNode raw = request.args();
            Object arg;
            try {
                arg = raw == null || raw.isNull() ? null : transport.json().convertValue(raw, op.argType());
            } catch (IllegalArgumentException e) {
                throw new RpcFault("InvalidArguments", request.method() + ": " + e.getMessage());
            }
            args = new Object[]{request.context(), arg};
        } else {
            args = new Object[]{request.context()};
        }
        try {
            CompletionStage<?> stage = (CompletionStage<?>) op.method().invoke(implementation, args);
            return stage != null ? stage : CompletableFuture.completedFuture(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
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
