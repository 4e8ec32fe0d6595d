package io.jstack.common.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.jstack.common.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Prints call latency (p50/p99) and calls/s at 1 and 64 calls in flight, for this RPC layer and for a bare
 * request/reply ping-pong written directly on the RabbitMQ Java client, measured in the same run against the
 * same broker. The ratio of throughputs is the figure: what the layer's envelope, JSON and dispatch cost.
 * <p>
 * Run: {@code deploy/dev/bench.sh rpc [calls]} ({@code -Drounds=N} for more rounds).
 */
public final class RpcBenchmark {

    interface Caller extends AutoCloseable {
        CompletableFuture<?> call(int sequence);

        @Override
        void close() throws Exception;
    }

    record Figures(double p50Micros, double p99Micros, double callsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String topic = "bench." + UUID.randomUUID();
        System.out.printf("RPC benchmark: %d calls per measurement, broker %s:%d%n", calls,
                RpcTest.config("bench").host(), RpcTest.config("bench").port());

        // The machine is shared and noisy: alternate layer and baseline rounds, report each one's median round.
        int rounds = Integer.getInteger("rounds", 3);
        Map<String, List<Figures>> layer = new java.util.HashMap<>();
        Map<String, List<Figures>> bare = new java.util.HashMap<>();
        try (Caller layerCaller = layerCaller(topic); Caller bareCaller = bareCaller(topic + ".bare")) {
            run(layerCaller, Math.max(2000, calls / 5), 16); // warm-up: JIT, channels, queue declarations
            run(bareCaller, Math.max(2000, calls / 5), 16);
            for (int round = 0; round < rounds; round++) {
                for (int inFlight : new int[]{1, 64}) {
                    String key = Integer.toString(inFlight);
                    layer.computeIfAbsent(key, k -> new ArrayList<>()).add(run(layerCaller, calls, inFlight));
                    bare.computeIfAbsent(key, k -> new ArrayList<>()).add(run(bareCaller, calls, inFlight));
                }
            }
        }
        System.out.printf("%-32s %10s %10s %12s   (median of %d rounds)%n", "", "p50 (us)", "p99 (us)", "calls/s",
                rounds);
        for (String inFlight : List.of("1", "64")) {
            print("jstack rpc, " + inFlight + " in flight", median(layer.get(inFlight)));
            print("bare amqp-client, " + inFlight + " in flight", median(bare.get(inFlight)));
        }
        for (String inFlight : List.of("1", "64")) {
            System.out.printf("throughput ratio at %s in flight (layer / bare): %.2f%n", inFlight,
                    median(layer.get(inFlight)).callsPerSecond() / median(bare.get(inFlight)).callsPerSecond());
        }
        try (Rpc admin = Rpc.connect(RpcTest.config("bench-cleanup"))) {
            admin.deleteTopic(topic);
            admin.deleteTopic(topic + ".bare");
        }
    }

    private static void print(String label, Figures f) {
        System.out.printf("%-28s %10.0f %10.0f %12.0f%n", label, f.p50Micros(), f.p99Micros(), f.callsPerSecond());
    }

    private static Figures median(List<Figures> rounds) {
        List<Figures> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Figures::callsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static Figures run(Caller caller, int calls, int inFlight) throws InterruptedException {
        long[] latencies = new long[calls];
        Semaphore window = new Semaphore(inFlight);
        AtomicLong failures = new AtomicLong();
        CompletableFuture<?>[] all = new CompletableFuture<?>[calls];
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            window.acquire();
            int index = i;
            long sent = System.nanoTime();
            all[i] = caller.call(i).whenComplete((r, t) -> {
                latencies[index] = System.nanoTime() - sent;
                if (t != null) {
                    failures.incrementAndGet();
                }
                window.release();
            });
        }
        CompletableFuture.allOf(all).exceptionally(t -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed");
        }
        Arrays.sort(latencies);
        return new Figures(latencies[calls / 2] / 1e3, latencies[(int) (calls * 0.99)] / 1e3, calls / seconds);
    }

    // ---- the layer under test ---------------------------------------------------------------------------------

    private static Caller layerCaller(String topic) {
        Rpc server = Rpc.connect(RpcTest.config("bench-server").withPrefetch(256));
        server.serve(EchoApi.class, topic, new RpcTest.Recorder());
        Rpc client = Rpc.connect(RpcTest.config("bench-client"));
        EchoApi echo = client.client(EchoApi.class, topic);
        RequestContext context = new RequestContext(null, "bench-user", "bench-project", null,
                List.of("member"), null);
        return new Caller() {
            @Override
            public CompletableFuture<?> call(int sequence) {
                return echo.echo(context, new EchoApi.Text("ping", sequence)).toCompletableFuture();
            }

            @Override
            public void close() {
                client.close();
                server.close();
            }
        };
    }

    // ---- the baseline: request/reply on the bare client, same broker, same queue semantics ---------------------

    private static Caller bareCaller(String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RpcTest.config("bare").host());
        factory.setPort(RpcTest.config("bare").port());
        Connection serverConnection = factory.newConnection("bare-server");
        Channel serverChannel = serverConnection.createChannel();
        serverChannel.queueDeclare(queue, true, false, false, null);
        serverChannel.basicQos(256);
        serverChannel.basicConsume(queue, false, new DefaultConsumer(serverChannel) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                        .correlationId(props.getCorrelationId()).build();
                getChannel().basicPublish("", props.getReplyTo(), reply, body);
                getChannel().basicAck(env.getDeliveryTag(), false);
            }
        });

        Connection clientConnection = factory.newConnection("bare-client");
        Channel publish = clientConnection.createChannel();
        Channel replies = clientConnection.createChannel();
        String replyQueue = replies.queueDeclare().getQueue();
        Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
        replies.basicConsume(replyQueue, true, new DefaultConsumer(replies) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                CompletableFuture<byte[]> f = pending.remove(props.getCorrelationId());
                if (f != null) {
                    f.complete(body);
                }
            }
        });
        Function<Integer, byte[]> payload = i -> ("ping " + i).getBytes(StandardCharsets.UTF_8);
        return new Caller() {
            @Override
            public CompletableFuture<?> call(int sequence) {
                String id = Integer.toString(sequence) + "-" + System.nanoTime();
                CompletableFuture<byte[]> f = new CompletableFuture<>();
                pending.put(id, f);
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                        .correlationId(id).replyTo(replyQueue).build();
                try {
                    synchronized (publish) {
                        publish.basicPublish("", queue, props, payload.apply(sequence));
                    }
                } catch (java.io.IOException e) {
                    pending.remove(id);
                    f.completeExceptionally(e);
                }
                return f;
            }

            @Override
            public void close() throws Exception {
                clientConnection.close();
                serverConnection.close();
            }
        };
    }
}
