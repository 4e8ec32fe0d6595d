package io.jstack.scheduler;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.compute.ServerGroupSpec;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.Rpc;
import io.jstack.scheduler.service.HostStates;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hard server-group policies hold under concurrency: boots of one group arrive at once, each knowing none of the
 * others (as concurrent create requests do), and still no anti-affinity group ever has two members on a host nor
 * an affinity group members on two hosts, in the allocations as well as in the answers.
 */
@QuarkusTest
class GroupClaimConcurrencyTest {

    static final RequestContext CONTEXT = RequestContext.internal();
    static final FlavorSpec FLAVOR = new FlavorSpec("f", "f", 1, 256, 1, 0, 0, Map.of());
    static final int HOSTS = 4;

    @Inject
    Rpc rpc;

    @Inject
    Pool pool;

    @Inject
    HostStates hostStates;

    SchedulerRpc scheduler;

    @BeforeEach
    void clean() throws Exception {
        pool.query("delete from allocation; delete from resource_provider; delete from host_status; "
                + "delete from aggregate").execute().await().indefinitely();
        hostStates.clear();
        scheduler = rpc.client(SchedulerRpc.class);
        for (int i = 1; i <= HOSTS; i++) {
            String host = "g-host-" + i;
            scheduler.reportHost(CONTEXT, new HostReport(host, host, "QEMU", 8_000_000, "10.0.0.1", 64, 65536, 1000,
                    Map.of("supported_instances", "x86_64:qemu:hvm"), List.of(), List.of(), Instant.now(), 0, 0, 0,
                    1.0, 1.0, 1.0, 0, 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (hostStates.size() < HOSTS && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static RequestSpec inGroup(String group, String policy, Integer maxPerHost) {
        // no member known: each concurrent request was made before the others were recorded
        return new RequestSpec("p1", "u1", FLAVOR, null, null, null,
                new ServerGroupSpec(group, policy, maxPerHost, List.of()), null, null, null, null);
    }

    /** Sends every request at once (each one instance) and sorts the answers: host per instance, and refusals. */
    private Outcome selectAtOnce(int requests, RequestSpec spec) throws Exception {
        List<String> uuids = new ArrayList<>();
        List<CompletableFuture<SchedulerRpc.Selections>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            calls.add(scheduler.selectDestinations(CONTEXT, new SchedulerRpc.SelectDestinations(List.of(uuid), spec))
                    .toCompletableFuture());
        }
        Outcome outcome = new Outcome(new HashMap<>(), new ArrayList<>());
        for (int i = 0; i < requests; i++) {
            try {
                SchedulerRpc.Selection s = calls.get(i).get(60, TimeUnit.SECONDS).selections().getFirst();
                outcome.hosts().put(s.instanceUuid(), s.host());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RemoteError remote && remote.type().equals("NoValidHost")) {
                    outcome.refused().add(uuids.get(i));
                } else {
                    throw e;
                }
            }
        }
        return outcome;
    }

    record Outcome(Map<String, String> hosts, List<String> refused) {
        Map<String, Integer> perHost() {
            Map<String, Integer> counts = new HashMap<>();
            hosts.values().forEach(h -> counts.merge(h, 1, Integer::sum));
            return counts;
        }
    }

    /** Members of the group per host, as the allocations have them. */
    private Map<String, Integer> allocated(String group) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row row : pool.preparedQuery("select host, count(*) as n from allocation where server_group = $1 "
                + "group by host").execute(io.vertx.mutiny.sqlclient.Tuple.of(group)).await().indefinitely()) {
            counts.put(row.getString("host"), row.getLong("n").intValue());
        }
        return counts;
    }

    @Test
    void concurrentBootsIntoAnAntiAffinityGroupNeverShareAHost() throws Exception {
        Outcome outcome = selectAtOnce(12, inGroup("spread", "anti-affinity", null));
        assertEquals(HOSTS, outcome.hosts().size(), "one member per host: " + outcome.perHost());
        assertEquals(12 - HOSTS, outcome.refused().size());
        outcome.perHost().values().forEach(n -> assertEquals(1, n, "two members on one host: " + outcome.perHost()));
        assertEquals(outcome.perHost(), allocated("spread"));
        assertEquals((long) HOSTS, pool.query("select count(*) from allocation").execute().await().indefinitely()
                .iterator().next().getLong(0), "refused requests keep no claim");
    }

    @Test
    void maxServerPerHostIsKeptUnderConcurrency() throws Exception {
        Outcome outcome = selectAtOnce(12, inGroup("two-each", "anti-affinity", 2));
        assertEquals(2 * HOSTS, outcome.hosts().size(), "two members per host: " + outcome.perHost());
        outcome.perHost().values().forEach(n -> assertTrue(n <= 2, "over two members: " + outcome.perHost()));
        assertEquals(outcome.perHost(), allocated("two-each"));
    }

    @Test
    void concurrentBootsIntoAnAffinityGroupLandOnOneHost() throws Exception {
        Outcome outcome = selectAtOnce(10, inGroup("together", "affinity", null));
        assertEquals(10, outcome.hosts().size(), "every member placed: refused " + outcome.refused());
        assertEquals(1, outcome.perHost().size(), "members on several hosts: " + outcome.perHost());
        assertEquals(outcome.perHost(), allocated("together"));
    }

    @Test
    void aRescheduleToAnAlternateKeepsTheGroupRule() throws Exception {
        Outcome outcome = selectAtOnce(2, inGroup("moving", "anti-affinity", null));
        List<String> members = List.copyOf(outcome.hosts().keySet());
        String first = members.get(0);
        String otherHost = outcome.hosts().get(members.get(1));
        // the first member's build failed: its alternate is where the second member is, which the rule refuses
        RequestSpec spec = inGroup("moving", "anti-affinity", null);
        assertEquals(false, scheduler.claim(CONTEXT, new SchedulerRpc.Claim(first, otherHost, spec))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        String free = java.util.stream.IntStream.rangeClosed(1, HOSTS).mapToObj(i -> "g-host-" + i)
                .filter(h -> !outcome.hosts().containsValue(h)).findFirst().orElseThrow();
        assertEquals(true, scheduler.claim(CONTEXT, new SchedulerRpc.Claim(first, free, spec))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        allocated("moving").values().forEach(n -> assertEquals(1, n));
    }
}
