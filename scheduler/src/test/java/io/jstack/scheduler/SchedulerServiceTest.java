package io.jstack.scheduler;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.compute.SchedulerRpc.Selection;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The scheduler through its RPC topic, against the real RabbitMQ and PostgreSQL. */
@QuarkusTest
class SchedulerServiceTest {

    @Inject
    Rpc rpc;

    @Inject
    Pool pool;

    @Inject
    HostStates hostStates;

    @Inject
    io.jstack.scheduler.service.Claims claims;

    SchedulerRpc scheduler;

    static final RequestContext CONTEXT = RequestContext.internal();

    @BeforeEach
    void clean() {
        pool.query("delete from allocation; delete from resource_provider; delete from host_status; "
                + "delete from aggregate").execute().await().indefinitely();
        hostStates.clear();
        scheduler = rpc.client(SchedulerRpc.class);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static FlavorSpec flavor(int vcpus, int memoryMb, int diskGb) {
        return new FlavorSpec("f", "f", vcpus, memoryMb, diskGb, 0, 0, Map.of());
    }

    static RequestSpec spec(FlavorSpec flavor) {
        return new RequestSpec("p1", "u1", flavor, null, null, null, null, null, null, null, null);
    }

    static HostReport report(String host, int vcpus, int memoryMb, int diskGb, Instant at) {
        return new HostReport(host, host, "QEMU", 8_000_000, "10.0.0.1", vcpus, memoryMb, diskGb,
                Map.of("supported_instances", "x86_64:qemu:hvm"), List.of(), List.of(), at, 0, 0, 0, 1.0, 1.0,
                1.0, 0, 0);
    }

    void reportAndWait(HostReport report) throws Exception {
        scheduler.reportHost(CONTEXT, report).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> hostStates.get(report.host()) != null
                && hostStates.get(report.host()).provider().total().memoryMb() == report.memoryMb()
                && !hostStates.get(report.host()).provider().reportedAt().isBefore(
                report.reportedAt().minusMillis(1)));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }

    List<Selection> select(List<String> uuids, RequestSpec spec) throws Exception {
        return scheduler.selectDestinations(CONTEXT, new SchedulerRpc.SelectDestinations(uuids, spec))
                .toCompletableFuture().get(30, TimeUnit.SECONDS).selections();
    }

    RemoteError selectFails(List<String> uuids, RequestSpec spec) throws Exception {
        try {
            select(uuids, spec);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RemoteError remote) {
                return remote;
            }
            throw e;
        }
        return fail("select_destinations should have failed");
    }

    Row provider(String host) {
        return pool.preparedQuery("select * from resource_provider where host = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(host)).await().indefinitely().iterator().next();
    }

    long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void selectsTheHostWithMostFreeResourcesAndClaimsThere() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("small", 4, 4096, 100, now));
        reportAndWait(report("large", 16, 32768, 1000, now));
        reportAndWait(report("medium", 8, 16384, 500, now));

        String instance = uuid();
        List<Selection> selections = select(List.of(instance), spec(flavor(2, 2048, 20)));

        assertEquals(1, selections.size());
        Selection selection = selections.getFirst();
        assertEquals(instance, selection.instanceUuid());
        assertEquals("large", selection.host());
        assertEquals("large", selection.node());
        assertEquals(List.of("medium", "small"), selection.alternates());
        Row large = provider("large");
        assertEquals(2, large.getInteger("vcpus_used"));
        assertEquals(2048L, large.getLong("memory_mb_used"));
        assertEquals(20, large.getInteger("disk_gb_used"));
        assertEquals(1, large.getInteger("instances"));
        assertEquals(1, count("select count(*) from allocation where host = 'large'"));
    }

    @Test
    void alternatesAreMaxAttemptsMinusOne() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            reportAndWait(report("h" + i, 8, 8192 + i * 1024, 100, now));
        }
        Selection selection = select(List.of(uuid()), spec(flavor(1, 512, 1))).getFirst();
        assertEquals("h4", selection.host());
        assertEquals(List.of("h3", "h2"), selection.alternates());
    }

    @Test
    void noValidHostWhenNothingFits() throws Exception {
        reportAndWait(report("h1", 4, 4096, 100, Instant.now()));
        RemoteError error = selectFails(List.of(uuid()), spec(flavor(1, 8192, 1)));
        assertEquals("NoValidHost", error.type());
        assertTrue(error.remoteMessage().startsWith("No valid host was found."), error.remoteMessage());
        assertEquals(0, count("select count(*) from allocation"));
    }

    @Test
    void severalInstancesAreClaimedAllOrNone() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("a", 2, 2048, 20, now));
        reportAndWait(report("b", 2, 2048, 20, now));
        FlavorSpec big = flavor(2, 2048, 20);

        assertEquals("NoValidHost", selectFails(List.of(uuid(), uuid(), uuid()), spec(big)).type());
        assertEquals(0, count("select count(*) from allocation"));
        assertEquals(0, provider("a").getInteger("vcpus_used"));
        assertEquals(0, provider("b").getInteger("vcpus_used"));

        List<Selection> two = select(List.of(uuid(), uuid()), spec(big));
        assertEquals(Set.of("a", "b"), Set.of(two.get(0).host(), two.get(1).host()));
        assertEquals(2, count("select count(*) from allocation"));
    }

    @Test
    void aRepeatedRequestKeepsTheInstanceWhereItIs() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("a", 8, 8192, 100, now));
        reportAndWait(report("b", 8, 8192, 100, now));
        String instance = uuid();
        String first = select(List.of(instance), spec(flavor(1, 1024, 1))).getFirst().host();
        String again = select(List.of(instance), spec(flavor(1, 1024, 1))).getFirst().host();
        assertEquals(first, again);
        assertEquals(1, count("select count(*) from allocation"));
        assertEquals(1024L, provider(first).getLong("memory_mb_used"));
    }

    @Test
    void antiAffinityGroupSpreadsItsMembers() throws Exception {
        Instant now = Instant.now();
        for (String h : List.of("a", "b", "c")) {
            reportAndWait(report(h, 8, 8192, 100, now));
        }
        List<String> members = List.of(uuid(), uuid(), uuid());
        ServerGroupSpec group = new ServerGroupSpec("g", "anti-affinity", null, members);
        RequestSpec spec = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null, group, null, null,
                null, null);
        List<Selection> placed = select(members, spec);
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(placed.stream().map(Selection::host).toList()));

        // a fourth member has no host left
        List<String> more = new ArrayList<>(members);
        String fourth = uuid();
        more.add(fourth);
        RequestSpec again = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null,
                new ServerGroupSpec("g", "anti-affinity", null, more), null, null, null, null);
        assertEquals("NoValidHost", selectFails(List.of(fourth), again).type());

        // with max_server_per_host 2 it fits next to one of them
        RequestSpec two = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null,
                new ServerGroupSpec("g", "anti-affinity", 2, more), null, null, null, null);
        assertEquals(1, select(List.of(fourth), two).size());
    }

    @Test
    void affinityAndHintsFollowWhereInstancesAre() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("a", 8, 8192, 100, now));
        reportAndWait(report("b", 8, 16384, 100, now));
        String first = uuid();
        String host = select(List.of(first), spec(flavor(1, 512, 1))).getFirst().host();
        assertEquals("b", host);

        RequestSpec same = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null, null, List.of(first),
                null, null, null);
        RequestSpec different = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null, null, null,
                List.of(first), null, null);
        assertEquals("b", select(List.of(uuid()), same).getFirst().host());
        assertEquals("a", select(List.of(uuid()), different).getFirst().host());

        RequestSpec affinity = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null,
                new ServerGroupSpec("g", "affinity", null, List.of(first)), null, null, null, null);
        assertEquals("b", select(List.of(uuid()), affinity).getFirst().host());
    }

    @Test
    void aHostWhoseAgentStoppedReportingGetsNothing() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("silent", 64, 262144, 1000, now.minus(Duration.ofMinutes(5))));
        reportAndWait(report("alive", 8, 2048, 20, now));
        for (int i = 0; i < 3; i++) {
            assertEquals("alive", select(List.of(uuid()), spec(flavor(1, 256, 1))).getFirst().host());
        }
        // only the silent one could take this
        assertEquals("NoValidHost", selectFails(List.of(uuid()), spec(flavor(8, 8192, 10))).type());
        // it reports again: it is up
        reportAndWait(report("silent", 64, 262144, 1000, Instant.now()));
        assertEquals("silent", select(List.of(uuid()), spec(flavor(8, 8192, 10))).getFirst().host());
    }

    @Test
    void aStaleReportDoesNotReplaceANewerOne() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("h", 8, 8192, 100, now));
        scheduler.reportHost(CONTEXT, report("h", 8, 4096, 100, now.minusSeconds(30)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(8192, provider("h").getInteger("memory_mb"));
    }

    @Test
    void disabledHostsGetNothingUntilEnabled() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("big", 16, 32768, 100, now));
        reportAndWait(report("small", 2, 2048, 100, now));
        scheduler.updateHostStatus(CONTEXT, new SchedulerRpc.HostStatus("big", false, false, "maintenance"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> !hostStates.get("big").isEnabled());
        assertEquals("small", select(List.of(uuid()), spec(flavor(1, 512, 1))).getFirst().host());
        assertEquals(Boolean.FALSE, pool.query("select enabled from host_status where host = 'big'").execute()
                .await().indefinitely().iterator().next().getBoolean(0));

        scheduler.updateHostStatus(CONTEXT, new SchedulerRpc.HostStatus("big", true, true, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> hostStates.get("big").isEnabled() && hostStates.get("big").status().forcedDown());
        assertEquals("small", select(List.of(uuid()), spec(flavor(1, 512, 1))).getFirst().host());

        scheduler.updateHostStatus(CONTEXT, new SchedulerRpc.HostStatus("big", true, false, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> !hostStates.get("big").status().forcedDown());
        assertEquals("big", select(List.of(uuid()), spec(flavor(1, 512, 1))).getFirst().host());
    }

    @Test
    void aggregatesGiveZonesAndIsolation() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("zoned", 8, 4096, 100, now));
        reportAndWait(report("plain", 8, 8192, 100, now));
        scheduler.syncAggregates(CONTEXT, new SchedulerRpc.Aggregates(List.of(
                        new SchedulerRpc.Aggregate("1", "edge", "edge-az", List.of("zoned"),
                                Map.of("availability_zone", "edge-az")))))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> "edge-az".equals(hostStates.get("zoned").availabilityZone()));
        RequestSpec edge = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, "edge-az", null, null, null, null,
                null, null);
        RequestSpec nova = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, "nova", null, null, null, null,
                null, null);
        assertEquals("zoned", select(List.of(uuid()), edge).getFirst().host());
        assertEquals("plain", select(List.of(uuid()), nova).getFirst().host());
        assertEquals(1, count("select count(*) from aggregate_host where host = 'zoned'"));
    }

    @Test
    void claimMovesAnInstanceAndReleaseFreesIt() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("a", 8, 8192, 100, now));
        reportAndWait(report("b", 8, 4096, 100, now));
        reportAndWait(report("tiny", 1, 512, 1, now));
        FlavorSpec flavor = flavor(2, 1024, 10);
        String instance = uuid();
        Selection selection = select(List.of(instance), spec(flavor)).getFirst();
        assertEquals("a", selection.host());
        assertTrue(selection.alternates().contains("b"));

        // the build failed on a: the conductor claims the alternate
        assertTrue(scheduler.claim(CONTEXT, new SchedulerRpc.Claim(instance, "b", spec(flavor)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(0, provider("a").getInteger("vcpus_used"));
        assertEquals(2, provider("b").getInteger("vcpus_used"));
        // claiming where it already is changes nothing
        assertTrue(scheduler.claim(CONTEXT, new SchedulerRpc.Claim(instance, "b", spec(flavor)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(2, provider("b").getInteger("vcpus_used"));
        // a host without room refuses, and the instance keeps its claim
        assertFalse(scheduler.claim(CONTEXT, new SchedulerRpc.Claim(instance, "tiny", spec(flavor)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(2, provider("b").getInteger("vcpus_used"));
        assertEquals(0, provider("tiny").getInteger("vcpus_used"));

        scheduler.release(CONTEXT, new SchedulerRpc.Release(instance)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        scheduler.release(CONTEXT, new SchedulerRpc.Release(instance)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> count("select count(*) from allocation") == 0);
        await(() -> provider("b").getInteger("vcpus_used") == 0);
        assertEquals(0, provider("b").getInteger("instances"));
        assertEquals(0L, provider("b").getLong("memory_mb_used"));
    }

    @Test
    void allocationsOfInstancesAHostDoesNotHaveAreReleased() throws Exception {
        reportAndWait(report("h", 8, 8192, 100, Instant.now()));
        String kept = uuid();
        String leaked = uuid();
        select(List.of(kept, leaked), spec(flavor(1, 1024, 1)));
        Thread.sleep(20);
        // the host reports only one of them: the other's claim leaked
        var orphans = claims.releaseOrphans("h", List.of(kept), Duration.ZERO).await().indefinitely();
        assertEquals(List.of(leaked), orphans.released());
        assertEquals(1024L, provider("h").getLong("memory_mb_used"));
        assertEquals(1, provider("h").getInteger("instances"));
        // young allocations are left alone: a build may not be on the host's list yet
        String young = uuid();
        select(List.of(young), spec(flavor(1, 1024, 1)));
        assertEquals(List.of(), claims.releaseOrphans("h", List.of(kept), Duration.ofMinutes(10)).await()
                .indefinitely().released());
        assertEquals(2, provider("h").getInteger("instances"));
    }

    @Test
    void aClaimPassesOverAHostWhoseRowAnotherClaimHolds() throws Exception {
        Instant now = Instant.now();
        reportAndWait(report("best", 8, 16384, 100, now));
        reportAndWait(report("next", 8, 8192, 100, now));
        var other = pool.getConnection().await().indefinitely();
        var tx = other.begin().await().indefinitely();
        try {
            other.query("update resource_provider set generation = generation + 1 where host = 'best'").execute()
                    .await().indefinitely();
            // best is held by another claim: the request goes on to the next host instead of waiting
            assertEquals("next", select(List.of(uuid()), spec(flavor(1, 512, 1))).getFirst().host());
            // when only the held host will do, it waits for it
            RequestSpec onlyBest = new RequestSpec("p1", "u1", flavor(1, 512, 1), null, null, null, null, null, null,
                    null, List.of("next"));
            var waiting = scheduler.selectDestinations(CONTEXT, new SchedulerRpc.SelectDestinations(
                    List.of(uuid()), onlyBest)).toCompletableFuture();
            Thread.sleep(300);
            assertFalse(waiting.isDone());
            tx.commit().await().indefinitely();
            assertEquals("best", waiting.get(10, TimeUnit.SECONDS).selections().getFirst().host());
        } finally {
            other.close().await().indefinitely();
        }
    }

    @Test
    void usageFollowsReleasesInMemoryToo() throws Exception {
        reportAndWait(report("only", 1, 1024, 10, Instant.now()));
        String first = uuid();
        select(List.of(first), spec(flavor(1, 1024, 10)));
        assertEquals("NoValidHost", selectFails(List.of(uuid()), spec(flavor(1, 1024, 10))).type());
        scheduler.release(CONTEXT, new SchedulerRpc.Release(first)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await(() -> hostStates.get("only").provider().used().memoryMb() == 0);
        assertEquals("only", select(List.of(uuid()), spec(flavor(1, 1024, 10))).getFirst().host());
    }
}
