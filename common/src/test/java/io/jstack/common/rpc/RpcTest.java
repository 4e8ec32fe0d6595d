package io.jstack.common.rpc;

import io.jstack.common.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RPC layer against the real RabbitMQ broker (127.0.0.1:5672 unless RPC_HOST/RPC_PORT say otherwise). */
class RpcTest {

    private final List<Rpc> opened = new ArrayList<>();
    private String topic;

    /** Records what reached a server. */
    static final class Recorder implements EchoApi {
        final BlockingQueue<Text> recorded = new LinkedBlockingQueue<>();
        final BlockingQueue<Text> announced = new LinkedBlockingQueue<>();
        volatile CountDownLatch entered = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public CompletableFuture<Seen> echo(RequestContext context, Text text) {
            return CompletableFuture.completedFuture(new Seen(text.value(), text.sequence(), context.requestId(),
                    context.userId(), context.roles()));
        }

        @Override
        public CompletableFuture<Void> fail(RequestContext context, Text text) {
            if (text.value().equals("fault")) {
                throw new RpcFault("NoValidHost", "no host can take " + text.sequence());
            }
            return CompletableFuture.failedFuture(new IllegalStateException("broken: " + text.value()));
        }

        @Override
        @Blocking // waits on a latch: must not hold a delivery thread
        public CompletableFuture<Void> record(RequestContext context, Text text) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(e);
            }
            recorded.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> announce(RequestContext context, Text text) {
            announced.add(text);
            return CompletableFuture.completedFuture(null);
        }
    }

    static RpcConfig config(String service) {
        RpcConfig local = RpcConfig.local(service);
        String host = System.getenv().getOrDefault("RPC_HOST", local.host());
        int port = Integer.parseInt(System.getenv().getOrDefault("RPC_PORT", Integer.toString(local.port())));
        String vhost = System.getenv().getOrDefault("RPC_VHOST", "jstack-test-common");
        return new RpcConfig(host, port, local.username(), local.password(), vhost, service,
                local.exchange(), Duration.ofSeconds(20), local.prefetch(), local.publishChannels());
    }

    private Rpc open(String service) {
        Rpc rpc = Rpc.connect(config(service));
        opened.add(rpc);
        return rpc;
    }

    private static RequestContext ctx() {
        return new RequestContext(null, "user-1", "project-1", null, List.of("member", "reader"), null);
    }

    @BeforeEach
    void topic() {
        topic = "test.echo." + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() {
        try (Rpc admin = Rpc.connect(config("cleanup"))) {
            admin.deleteTopic(topic);
        }
        opened.forEach(Rpc::close);
    }

    @Test
    void callRoundTripCarriesArgumentsResultAndContext() throws Exception {
        open("server").serve(EchoApi.class, topic, new Recorder());
        EchoApi client = open("client").client(EchoApi.class, topic);
        RequestContext context = ctx();

        EchoApi.Seen seen = client.echo(context, new EchoApi.Text("hello", 7)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertEquals("hello", seen.value());
        assertEquals(7, seen.sequence());
        assertEquals(context.requestId(), seen.requestId());
        assertEquals("user-1", seen.userId());
        assertEquals(List.of("member", "reader"), seen.roles());
    }

    @Test
    void remoteErrorsArriveWithTheirTypeAndMessage() {
        open("server").serve(EchoApi.class, topic, new Recorder());
        EchoApi client = open("client").client(EchoApi.class, topic);

        var fault = assertThrows(CompletionException.class,
                () -> client.fail(ctx(), new EchoApi.Text("fault", 3)).toCompletableFuture().join());
        RemoteError remote = assertInstanceOf(RemoteError.class, fault.getCause());
        assertEquals("NoValidHost", remote.type());
        assertEquals("no host can take 3", remote.remoteMessage());

        var plain = assertThrows(CompletionException.class,
                () -> client.fail(ctx(), new EchoApi.Text("x", 1)).toCompletableFuture().join());
        RemoteError other = assertInstanceOf(RemoteError.class, plain.getCause());
        assertEquals(IllegalStateException.class.getName(), other.type());
        assertEquals("broken: x", other.remoteMessage());
    }

    /** The same API, one major version on: servers of 1.x must refuse it rather than guess. */
    @RpcApi(version = "2.0")
    interface EchoApiV2 {
        CompletionStage<EchoApi.Seen> echo(RequestContext context, EchoApi.Text text);
    }

    @Test
    void unknownMethodAndWrongMajorVersionAreRemoteErrors() {
        open("server").serve(EchoApi.class, topic, new Recorder());
        Rpc client = open("client");

        var unknown = assertThrows(CompletionException.class,
                () -> client.call(ctx(), topic, "no_such_method", null, Duration.ofSeconds(10)).join());
        assertEquals("UnknownMethod", ((RemoteError) unknown.getCause()).type());

        var newer = assertThrows(CompletionException.class, () -> client.client(EchoApiV2.class, topic)
                .echo(ctx(), new EchoApi.Text("x", 1)).toCompletableFuture().join());
        assertEquals("IncompatibleVersion", ((RemoteError) newer.getCause()).type());
    }

    @Test
    void callTimesOutWhenNobodyAnswers() {
        Rpc client = open("client");
        long start = System.nanoTime();
        var failure = assertThrows(CompletionException.class,
                () -> client.call(ctx(), topic, "echo", new EchoApi.Text("x", 1), Duration.ofMillis(400)).join());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(RpcTimeoutException.class, failure.getCause());
        assertTrue(elapsedMs >= 380 && elapsedMs < 5000, "timed out after " + elapsedMs + " ms");
    }

    @Test
    void thousandConcurrentCallsAreAllAnsweredAndCorrelated() {
        open("server").serve(EchoApi.class, topic, new Recorder());
        EchoApi client = open("client").client(EchoApi.class, topic);

        List<CompletableFuture<EchoApi.Seen>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(client.echo(ctx(), new EchoApi.Text("n" + i, i)).toCompletableFuture());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        for (int i = 0; i < 1000; i++) {
            EchoApi.Seen seen = calls.get(i).join();
            assertEquals(i, seen.sequence());
            assertEquals("n" + i, seen.value());
        }
    }

    @Test
    void castSentWhileConsumerIsDownIsDeliveredWhenItComesBack() throws Exception {
        try (Rpc sender = Rpc.connect(config("sender"))) {
            EchoApi client = sender.client(EchoApi.class, topic);
            for (int i = 0; i < 5; i++) {
                client.record(ctx(), new EchoApi.Text("stored", i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        Recorder recorder = new Recorder();
        open("server").serve(EchoApi.class, topic, recorder);
        Set<Integer> got = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 5; i++) {
            EchoApi.Text text = recorder.recorded.poll(10, TimeUnit.SECONDS);
            assertNotNull(text, "cast " + i + " was not delivered");
            got.add(text.sequence());
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), got);
    }

    @Test
    void castWhoseConsumerDiesMidHandlerIsRedelivered() throws Exception {
        Recorder dying = new Recorder();
        dying.entered = new CountDownLatch(1);
        dying.release = new CountDownLatch(1); // never released: the process "dies" inside the handler
        Rpc doomed = Rpc.connect(config("doomed"));
        doomed.serve(EchoApi.class, topic, dying);

        open("client").client(EchoApi.class, topic).record(ctx(), new EchoApi.Text("work", 42))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(dying.entered.await(10, TimeUnit.SECONDS), "handler never started");
        doomed.close();
        dying.release.countDown();

        Recorder survivor = new Recorder();
        open("survivor").serve(EchoApi.class, topic, survivor);
        EchoApi.Text redelivered = survivor.recorded.poll(15, TimeUnit.SECONDS);
        assertNotNull(redelivered, "message was lost with the consumer");
        assertEquals(42, redelivered.sequence());
        assertTrue(dying.recorded.isEmpty() || dying.recorded.peek().sequence() == 42);
    }

    @Test
    void fanoutReachesEveryReplica() throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        open("replica-1").serve(EchoApi.class, topic, first);
        open("replica-2").serve(EchoApi.class, topic, second);

        open("client").client(EchoApi.class, topic).announce(ctx(), new EchoApi.Text("to-all", 9))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(9, first.announced.poll(10, TimeUnit.SECONDS).sequence());
        assertEquals(9, second.announced.poll(10, TimeUnit.SECONDS).sequence());
        assertNull(first.recorded.poll(200, TimeUnit.MILLISECONDS));
    }
}
