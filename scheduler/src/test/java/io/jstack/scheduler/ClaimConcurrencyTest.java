package io.jstack.scheduler;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.Rpc;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.service.ClaimOutcome;
import io.jstack.scheduler.service.Claims;
import io.jstack.scheduler.service.HostStates;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1000 claims at once against one host never take more than its capacity times its allocation ratio, whether
 * they come through one scheduler replica or two (a second, independent connection pool standing in for another
 * replica's).
 */
@QuarkusTest
class ClaimConcurrencyTest {

    static final int CLAIMS = 1000;
    static final RequestContext CONTEXT = RequestContext.internal();

    @Inject
    Rpc rpc;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    HostStates hostStates;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @BeforeEach
    void clean() {
        pool.query("delete from allocation; delete from resource_provider; delete from host_status; "
                + "delete from aggregate").execute().await().indefinitely();
        hostStates.clear();
    }

    private void report(SchedulerRpc scheduler, String host, int vcpus, int memoryMb, int diskGb, double cpuRatio,
                        double ramRatio) throws Exception {
        scheduler.reportHost(CONTEXT, new HostReport(host, host, "QEMU", 8_000_000, "10.0.0.9", vcpus, memoryMb,
                diskGb, Map.of(), List.of(), List.of(), Instant.now(), 0, 0, 0, cpuRatio, ramRatio, 1.0, 0, 0))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 10_000;
        while (hostStates.get(host) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private Row usage(String host) {
        return pool.query("""
                        select rp.vcpus_used, rp.memory_mb_used, rp.disk_gb_used, rp.instances,
                            (select count(*) from allocation a where a.host = rp.host) as allocations,
                            (select coalesce(sum(vcpus), 0) from allocation a where a.host = rp.host) as vcpus_allocated,
                            (select coalesce(sum(memory_mb), 0) from allocation a where a.host = rp.host) as ram_allocated
                        from resource_provider rp where rp.host = '%s'""".formatted(host))
                .execute().await().indefinitely().iterator().next();
    }

    @Test
    void thousandParallelSelectionsNeverOvercommitAHost() throws Exception {
        SchedulerRpc scheduler = rpc.client(SchedulerRpc.class);
        // 4 vCPUs * 16.0 = 64 vCPUs; memory and disk leave room for more, so vCPUs bind
        report(scheduler, "contended", 4, 16384, 2000, 16.0, 1.0);
        FlavorSpec flavor = new FlavorSpec("f", "f", 1, 128, 1, 0, 0, Map.of());
        RequestSpec forced = new RequestSpec("p1", "u1", flavor, null, null, "contended", null, null, null, null,
                null);

        List<CompletableFuture<SchedulerRpc.Selections>> calls = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            calls.add(scheduler.selectDestinations(CONTEXT, new SchedulerRpc.SelectDestinations(
                    List.of(UUID.randomUUID().toString()), forced)).toCompletableFuture());
        }
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger noValidHost = new AtomicInteger();
        for (CompletableFuture<SchedulerRpc.Selections> call : calls) {
            try {
                call.get(120, TimeUnit.SECONDS);
                placed.incrementAndGet();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RemoteError remote && remote.type().equals("NoValidHost")) {
                    noValidHost.incrementAndGet();
                } else {
                    throw e;
                }
            }
        }
        assertEquals(64, placed.get());
        assertEquals(CLAIMS - 64, noValidHost.get());
        Row usage = usage("contended");
        assertEquals(64, usage.getInteger("vcpus_used"));
        assertEquals(64L, usage.getLong("allocations"));
        assertEquals(64L, usage.getLong("vcpus_allocated"));
        assertEquals(64 * 128L, usage.getLong("memory_mb_used"));
        assertEquals(64, usage.getInteger("instances"));
    }

    @Test
    void twoReplicasClaimingAtOnceNeverOvercommitAHost() throws Exception {
        SchedulerRpc scheduler = rpc.client(SchedulerRpc.class);
        // 8192 MB * 1.5 = 12288 MB = 24 instances of 512 MB; vCPUs and disk leave room for more
        report(scheduler, "shared", 64, 8192, 2000, 16.0, 1.5);
        FlavorSpec flavor = new FlavorSpec("f", "f", 1, 512, 1, 0, 0, Map.of());
        RequestSpec spec = new RequestSpec("p1", "u1", flavor, null, null, null, null, null, null, null, null);

        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        Pool otherReplica = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(16));
        try {
            Claims otherClaims = new Claims(otherReplica);
            List<CompletableFuture<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < CLAIMS; i++) {
                String instance = UUID.randomUUID().toString();
                if (i % 2 == 0) {
                    claims.add(scheduler.claim(CONTEXT, new SchedulerRpc.Claim(instance, "shared", spec))
                            .toCompletableFuture());
                } else {
                    claims.add(otherClaims.claim(otherReplica, instance, "shared", Resources.of(flavor), "p1", "u1")
                            .map(outcome -> outcome instanceof ClaimOutcome.Claimed)
                            .subscribeAsCompletionStage());
                }
            }
            int held = 0;
            for (CompletableFuture<Boolean> claim : claims) {
                try {
                    if (claim.get(120, TimeUnit.SECONDS)) {
                        held++;
                    }
                } catch (CompletionException e) {
                    throw e;
                }
            }
            assertEquals(24, held);
            Row usage = usage("shared");
            assertEquals(24 * 512L, usage.getLong("memory_mb_used"));
            assertEquals(24L, usage.getLong("allocations"));
            assertEquals(24 * 512L, usage.getLong("ram_allocated"));
            assertTrue(usage.getLong("memory_mb_used") <= 8192 * 1.5);
        } finally {
            otherReplica.closeAndAwait();
        }
    }
}
