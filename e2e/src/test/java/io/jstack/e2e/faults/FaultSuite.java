package io.jstack.e2e.faults;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite (run by {@code deploy/dev/faults.sh} against its own cloud instance with fake compute hosts):
 * each scenario puts load on the cloud, injects one fault in the middle of it, and checks that every operation
 * ends as asked (no server stuck in a transient state, no request answered 500, no acknowledged write lost) and
 * that the cloud recovers without any service being restarted by hand. Each prints what it injected and the
 * outcome.
 */
@EnabledIfSystemProperty(named = "jstack.faults", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuite {

    /** How long servers may take to end as asked once the fault is over. */
    static final Duration SETTLE = Duration.ofMinutes(4);
    static final String PUBLIC_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK6dvf6fNEb6eSYPIFopO2HGIMadynW6odJ2Vr9FYsjI fault-suite";

    static Api api;
    static final List<String> SUMMARY = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        api = new Api();
    }

    private static void report(String scenario, String injected, Fleet.Outcome o, Tally tally, int writesLost) {
        String line = "[fault suite] " + scenario + ": injected " + injected + "; " + o.line() + "; "
                + tally.line() + "; writes lost " + writesLost + "; settled in " + Math.round(o.seconds()) + " s";
        System.out.println(line);
        if (!o.stuckSeen().isEmpty()) {
            System.out.println("[fault suite]   stuck: " + o.stuckSeen().subList(0, Math.min(10, o.stuckSeen().size())));
        }
        if (!o.faults().isEmpty()) {
            System.out.println("[fault suite]   faults: " + o.faults().stream().distinct().limit(3).toList());
        }
        SUMMARY.add(line);
    }

    /** Runs a fault in the background; {@link Thread#join()} waits for it to be over. */
    private static Thread inBackground(String... fault) {
        return Thread.ofVirtual().start(() -> Faults.inject(fault));
    }

    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Boots {@code n} servers with {@code c} in flight; {@code onAnswered} runs after each create answered (with
     * the count so far) on the caller's thread, so a scenario can inject its fault at a chosen point.
     */
    private static void boot(Fleet fleet, Tally tally, int n, int c, java.util.function.IntConsumer onAnswered)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(c);
        AtomicInteger answered = new AtomicInteger();
        int fired = 0;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                int index = i;
                workers.submit(() -> {
                    try {
                        fleet.created(tally.add(api.createServer(fleet.name(index))));
                    } finally {
                        answered.incrementAndGet();
                        inFlight.release();
                    }
                });
                while (fired < answered.get()) {
                    onAnswered.accept(++fired);
                }
            }
        }
    }

    private static void assertEndedAsAsked(String scenario, Fleet.Outcome o, Tally tally) {
        assertEquals(0, o.stuck(), scenario + ": servers stuck " + o.stuckSeen());
        assertEquals(o.deleteAsked(), o.deleted(), scenario + ": deletes not done");
        assertEquals(0, o.errorWithoutFault(), scenario + ": servers in ERROR without a fault");
        assertEquals(0, tally.unexpectedServerErrors(), scenario + ": server errors other than 503: " + tally.line());
    }

    @Test
    @Order(1)
    void rabbitMqRestartedInTheMiddleOfBootsAndDeletes() throws Exception {
        Fleet fleet = new Fleet(api, "fault-rmq");
        Tally tally = new Tally();
        long start = System.nanoTime();
        AtomicLong injectedAt = new AtomicLong();
        Thread[] fault = new Thread[1];
        boot(fleet, tally, 100, 10, answered -> {
            if (answered == 40) {
                injectedAt.set(System.nanoTime());
                fault[0] = inBackground("rabbitmq-restart", "3");
            }
        });
        // every other server is deleted, while the broker may still be away
        List<String> kept = fleet.kept();
        for (int i = 0; i < kept.size(); i += 2) {
            Api.Answer a = tally.add(api.deleteServer(kept.get(i)));
            if (a.status() == 204) {
                fleet.deleteAsked(kept.get(i));
            }
        }
        fault[0].join();
        Fleet.Outcome o = fleet.settle(SETTLE);
        report("RabbitMQ restart", "a RabbitMQ restart (stopped 3 s) " + String.format("%.1f", (injectedAt.get()
                - start) / 1e9) + " s into 100 boots and " + o.deleteAsked() + " deletes", o, tally, 0);
        assertEndedAsAsked("RabbitMQ restart", o, tally);
        assertEquals(fleet.kept().size(), o.active(), "every kept server is ACTIVE");
        assertTrue(fleet.size() >= 90, "most creates were accepted: " + tally.line());
        fleet.clear(SETTLE);
    }

    @Test
    @Order(2)
    void aComputeAgentKilledMidBuild() throws Exception {
        Fleet fleet = new Fleet(api, "fault-agent");
        Tally tally = new Tally();
        boot(fleet, tally, 24, 12, answered -> { });
        // some are spawning (a fake spawn takes 3 s) when the agent of every fake host dies
        waitForSpawning(fleet, Duration.ofSeconds(20));
        long killed = System.nanoTime();
        Faults.inject("kill", "compute-agent");
        Fleet.Outcome o = fleet.settle(Duration.ofMinutes(2));
        double bound = since(killed);
        Map<String, String> claims = Faults.check("claims");
        report("compute agent kill -9", "kill -9 of the compute agent (all " + System.getenv()
                .getOrDefault("JSTACK_FAKE_HOSTS", "4") + " fake hosts) mid-build", o, tally, 0);
        System.out.printf("[fault suite]   every server ACTIVE or ERROR %.0f s after the kill; claims %s, servers "
                + "placed %s%n", bound, claims.get("allocations"), claims.get("placed"));
        assertEndedAsAsked("agent kill", o, tally);
        assertTrue(o.error() > 0, "the kill landed mid-build: some builds must have been cut");
        assertTrue(o.faults().stream().allMatch(f -> f.contains("is down") || f.contains("timed out")),
                "faults name the dead host: " + o.faults());
        assertEquals(claims.get("placed"), claims.get("allocations"), "a claim for every placed server, no more");

        // the agent comes back: it reconciles its hosts with the database
        Faults.inject("start", "compute-agent");
        Thread.sleep(25_000);
        Map<String, String> guests = Faults.check("guests");
        Fleet.Outcome after = fleet.settle(Duration.ofSeconds(30));
        System.out.printf("[fault suite]   after the agent restarted: %s; guests %s, of placed servers %s%n",
                after.line(), guests.get("guests"), guests.get("guests_of_placed_instances"));
        assertEquals(o.active(), after.active(), "servers ACTIVE before the restart stay ACTIVE");
        assertEquals(guests.get("guests_of_placed_instances"), guests.get("guests"), "no guest left without its "
                + "server (the reconciliation destroyed the cut builds' guests)");
        Map<String, String> claimsAfter = Faults.check("claims");
        assertEquals(claimsAfter.get("placed"), claimsAfter.get("allocations"));
        Fleet.Outcome cleared = fleet.clear(SETTLE);
        assertEquals(0, cleared.stuck(), "every server of the scenario can be deleted: " + cleared.stuckSeen());
    }

    private static void waitForSpawning(Fleet fleet, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, com.fasterxml.jackson.databind.JsonNode> listed = fleet.listing();
            if (listed != null && listed.values().stream().filter(s -> "spawning".equals(s.path(
                    "OS-EXT-STS:task_state").asText())).count() >= 3) {
                return;
            }
            Thread.sleep(200);
        }
    }

    @Test
    @Order(3)
    void postgreSqlRestartedUnderLoad() throws Exception {
        Fleet fleet = new Fleet(api, "fault-pg");
        Tally tally = new Tally();
        Map<String, String> pidsBefore = Faults.check("pids");
        Map<String, Boolean> keys = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger serial = new AtomicInteger();
        long start = System.nanoTime();
        AtomicLong lastFailure = new AtomicLong();
        Thread fault;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 6; w++) {
                workers.submit(() -> {
                    while (running.get()) {
                        int n = serial.incrementAndGet();
                        Api.Answer a;
                        if (n % 3 == 0) {
                            String name = "fault-pg-key-" + n;
                            a = tally.add(api.call("POST", api.compute + "/os-keypairs", Map.of("keypair",
                                    Map.of("name", name, "public_key", PUBLIC_KEY))));
                            if (a.status() == 200) {
                                keys.put(name, true);
                            }
                        } else if (n % 10 == 1) {
                            a = tally.add(api.createServer(fleet.name(n)));
                            fleet.created(a);
                        } else {
                            a = tally.add(api.call("GET", api.compute + "/servers/detail?limit=5", null));
                        }
                        if (a.serverError()) {
                            lastFailure.set(System.nanoTime());
                        }
                        sleep(50);
                    }
                });
            }
            Thread.sleep(10_000);
            long injected = System.nanoTime();
            fault = inBackground("postgres-restart", "5");
            fault.join();
            long back = System.nanoTime();
            Thread.sleep(20_000);
            running.set(false);
            workers.shutdown();
            double recovered = lastFailure.get() > back ? (lastFailure.get() - back) / 1e9 : 0;
            System.out.printf("[fault suite]   PostgreSQL down %.1f s after %.1f s of load; last failed request "
                    + "%.1f s after it was back%n", (back - injected) / 1e9, (injected - start) / 1e9, recovered);
            assertTrue(recovered < 15, "requests still failed " + recovered + " s after PostgreSQL was back");
        }
        int lost = 0;
        for (String name : keys.keySet()) {
            if (api.call("GET", api.compute + "/os-keypairs/" + name, null).status() != 200) {
                lost++;
            }
        }
        Fleet.Outcome o = fleet.settle(SETTLE);
        Map<String, String> pidsAfter = Faults.check("pids");
        report("PostgreSQL restart", "a PostgreSQL restart (stopped 5 s) under load of " + keys.size()
                + " acknowledged key pair writes and " + fleet.size() + " boots", o, tally, lost);
        assertEndedAsAsked("PostgreSQL restart", o, tally);
        assertEquals(0, lost, "acknowledged writes lost");
        assertEquals(pidsBefore, pidsAfter, "no service was restarted");
        assertTrue(tally.count(503) > 0, "the outage was seen as 503s: " + tally.line());
        for (String name : keys.keySet()) {
            api.call("DELETE", api.compute + "/os-keypairs/" + name, null);
        }
        fleet.clear(SETTLE);
    }

    private void killAndRestartMidLoad(String service) throws Exception {
        Fleet fleet = new Fleet(api, "fault-" + service);
        Tally tally = new Tally();
        Thread[] fault = new Thread[1];
        boot(fleet, tally, 40, 8, answered -> {
            if (answered == 12) {
                fault[0] = Thread.ofVirtual().start(() -> {
                    Faults.inject("kill", service);
                    sleep(3000);
                    Faults.inject("start", service);
                });
            }
        });
        fault[0].join();
        Fleet.Outcome o = fleet.settle(SETTLE);
        report(service + " kill -9", "kill -9 of the " + service + " after 12 of 40 boots, started again 3 s "
                + "later", o, tally, 0);
        assertEndedAsAsked(service + " kill", o, tally);
        assertEquals(fleet.kept().size(), o.active(), "every server ACTIVE");
        Fleet.Outcome cleared = fleet.clear(SETTLE);
        assertEquals(0, cleared.stuck(), "every server deleted: " + cleared.stuckSeen());
    }

    @Test
    @Order(4)
    void theConductorKilledMidLoad() throws Exception {
        killAndRestartMidLoad("conductor");
    }

    @Test
    @Order(5)
    void theSchedulerKilledMidLoad() throws Exception {
        killAndRestartMidLoad("scheduler");
    }

    @org.junit.jupiter.api.AfterAll
    static void summary() {
        System.out.println("[fault suite] summary:");
        SUMMARY.forEach(s -> System.out.println("  " + s));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
