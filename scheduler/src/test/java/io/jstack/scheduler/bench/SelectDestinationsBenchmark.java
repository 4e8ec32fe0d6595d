package io.jstack.scheduler.bench;

import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.RequestSpec;
import io.jstack.scheduler.filters.Filters;
import io.jstack.scheduler.service.AggregateMirror;
import io.jstack.scheduler.service.Claims;
import io.jstack.scheduler.service.HostRefresher;
import io.jstack.scheduler.service.HostSelector;
import io.jstack.scheduler.service.HostStates;
import io.jstack.scheduler.service.HostStatuses;
import io.jstack.scheduler.service.ResourceProviders;
import io.jstack.scheduler.service.SchedulerSettings;
import io.jstack.scheduler.service.SelectionService;
import io.jstack.scheduler.weights.Weighers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * select_destinations end to end inside one scheduler replica: in-memory filtering and weighing over 1000+ hosts
 * and the atomic claim in PostgreSQL, at 1 to 256 requests in flight. Prints requests/s and latency percentiles.
 * The database is wiped and migrated first ({@code -Dbench.db=postgresql://user:pw@host:port/db}, default the
 * scheduler's test database). Run: {@code deploy/dev/bench.sh scheduler}.
 */
public final class SelectDestinationsBenchmark {

    private SelectDestinationsBenchmark() {
    }

    record Figures(int requests, int failed, double seconds, double p50Ms, double p99Ms) {
        double perSecond() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "postgresql://jstack:jstack@127.0.0.1:5432/scheduler_test");
        int requests = Integer.getInteger("bench.requests", 4000);
        int[] hostCounts = Arrays.stream(System.getProperty("bench.hosts", "1000,5000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] inFlight = {1, 16, 64, 256};
        PgConnectOptions options = PgConnectOptions.fromUri(db);
        migrate(options);

        Vertx vertx = Vertx.vertx();
        Pool pool = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(16));
        SchedulerSettings settings = BenchHosts.defaults();
        System.out.printf("select_destinations, one replica, PostgreSQL at %s:%d, %d cores%n", options.getHost(),
                options.getPort(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%7s %9s %10s %10s %9s %9s %7s%n", "hosts", "in flight", "instances", "requests/s",
                "p50 ms", "p99 ms", "failed");
        try {
            for (int hosts : hostCounts) {
                HostStates hostStates = new HostStates(settings.defaultAvailabilityZone());
                ResourceProviders providers = new ResourceProviders(pool, settings);
                HostRefresher refresher = new HostRefresher(hostStates, providers, new HostStatuses(pool),
                        new AggregateMirror(pool));
                reset(pool);
                for (HostReport report : BenchHosts.reports(hosts, Instant.now())) {
                    providers.report(report).await().indefinitely();
                }
                refresher.refresh().await().indefinitely();
                hostStates.replaceAggregates(BenchHosts.aggregates(hosts));
                SelectionService selection = new SelectionService(hostStates,
                        new HostSelector(Filters.enabled(settings), Weighers.enabled(settings),
                                settings.hostSubsetSize(), RandomGenerator.getDefault()),
                        new Claims(pool), providers, settings.maxAttempts(), Clock.systemUTC());
                for (int concurrency : inFlight) {
                    run(selection, 1, concurrency, Math.min(requests, 500)); // warm-up
                    freeAll(pool, refresher);
                    print(hosts, concurrency, 1, run(selection, 1, concurrency, requests));
                    freeAll(pool, refresher);
                }
                print(hosts, 16, 10, run(selection, 10, 16, requests / 10));
                freeAll(pool, refresher);
            }
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    private static void print(int hosts, int concurrency, int instances, Figures f) {
        System.out.printf("%7d %9d %10d %10.0f %9.2f %9.2f %7d%n", hosts, concurrency, instances, f.perSecond(),
                f.p50Ms(), f.p99Ms(), f.failed());
    }

    private static Figures run(SelectionService selection, int instances, int concurrency, int count)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(count);
        long[] latencies = new long[count];
        AtomicInteger failed = new AtomicInteger();
        Random random = new Random(3);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            List<String> uuids = new ArrayList<>(instances);
            for (int k = 0; k < instances; k++) {
                uuids.add(UUID.randomUUID().toString());
            }
            RequestSpec spec = BenchHosts.request(random);
            int index = i;
            long began = System.nanoTime();
            Uni.createFrom().deferred(() -> selection.selectDestinations(uuids, spec)).subscribe().with(
                    ok -> {
                        latencies[index] = System.nanoTime() - began;
                        permits.release();
                        done.countDown();
                    },
                    failure -> {
                        latencies[index] = System.nanoTime() - began;
                        failed.incrementAndGet();
                        permits.release();
                        done.countDown();
                    });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Figures(count, failed.get(), seconds, latencies[count / 2] / 1e6,
                latencies[Math.min(count - 1, (int) (count * 0.99))] / 1e6);
    }

    private static void migrate(PgConnectOptions options) {
        String jdbc = "jdbc:postgresql://%s:%d/%s".formatted(options.getHost(), options.getPort(),
                options.getDatabase());
        Flyway flyway = Flyway.configure().dataSource(jdbc, options.getUser(), options.getPassword())
                .locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
    }

    private static void reset(Pool pool) {
        pool.query("delete from allocation; delete from resource_provider; delete from host_status; "
                + "delete from aggregate").execute().await().indefinitely();
    }

    /** Frees every claim so each round starts from the same empty hosts. */
    private static void freeAll(Pool pool, HostRefresher refresher) {
        pool.query("delete from allocation; update resource_provider set vcpus_used = 0, memory_mb_used = 0, "
                + "disk_gb_used = 0, instances = 0, io_ops = 0, generation = generation + 1").execute()
                .await().indefinitely();
        refresher.refresh().await().indefinitely();
    }
}
