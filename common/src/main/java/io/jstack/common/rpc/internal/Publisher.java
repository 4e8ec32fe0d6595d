package io.jstack.common.rpc.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of publishing channels. AMQP channels must not be written by two threads at once, so each slot
 * has a lock; several slots let concurrent callers publish in parallel. Confirmed publishing (casts) uses
 * channels in confirm mode and completes a future when the broker acknowledges the message.
 */
final class Publisher implements AutoCloseable {

    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    Publisher(Connection connection, int size, boolean confirms) {
        try {
            for (int i = 0; i < size; i++) {
                slots.add(new Slot(connection.createChannel(), confirms));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes; the future completes when written (plain) or when the broker confirmed it (confirm mode). */
    CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
        Slot slot = slots.get(Math.floorMod(next.getAndIncrement(), slots.size()));
        return slot.publish(exchange, routingKey, props, body);
    }

    @Override
    public void close() {
        for (Slot slot : slots) {
            slot.close();
        }
    }

    private static final class Slot {
        private final Channel channel;
        private final boolean confirms;
        private final ReentrantLock lock = new ReentrantLock();
        private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();

        Slot(Channel channel, boolean confirms) throws IOException {
            this.channel = channel;
            this.confirms = confirms;
            if (confirms) {
                channel.confirmSelect();
                channel.addConfirmListener(
                        (tag, multiple) -> settle(tag, multiple, null),
                        (tag, multiple) -> settle(tag, multiple, new IOException("broker refused the message")));
                channel.addShutdownListener(cause -> failAll(cause));
            }
        }

        CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            lock.lock();
            try {
                if (confirms) {
                    unconfirmed.put(channel.getNextPublishSeqNo(), done);
                }
                channel.basicPublish(exchange, routingKey, props, body);
                if (!confirms) {
                    done.complete(null);
                }
            } catch (IOException | RuntimeException e) {
                if (confirms) {
                    unconfirmed.values().remove(done);
                }
                done.completeExceptionally(e);
            } finally {
                lock.unlock();
            }
            return done;
        }

        private void settle(long tag, boolean multiple, Exception failure) {
            var settled = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
            for (var future : settled.values()) {
                if (failure == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(failure);
                }
            }
            settled.clear();
        }

        private void failAll(Exception cause) {
            unconfirmed.values().forEach(f -> f.completeExceptionally(cause));
            unconfirmed.clear();
        }

        void close() {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // closing is best effort; the connection close that follows releases everything
            }
        }
    }
}
