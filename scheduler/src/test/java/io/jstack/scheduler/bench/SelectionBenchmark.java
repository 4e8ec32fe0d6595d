package io.jstack.scheduler.bench;

import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.RequestSpec;
import io.jstack.scheduler.filters.Filters;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.model.SchedulingRequest;
import io.jstack.scheduler.service.HostSelector;
import io.jstack.scheduler.service.HostStates;
import io.jstack.scheduler.service.SchedulerSettings;
import io.jstack.scheduler.weights.Weighers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The in-memory half of select_destinations: taking the host states' snapshot, running the default filters and
 * weighers over every host, and ranking them, for one instance. Run: {@code deploy/dev/bench.sh scheduler}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SelectionBenchmark {

    @Param({"1000", "5000"})
    int hosts;

    HostStates hostStates;
    HostSelector selector;
    RequestSpec[] requests;
    int next;

    @Setup
    public void setUp() {
        SchedulerSettings settings = BenchHosts.defaults();
        hostStates = new HostStates(settings.defaultAvailabilityZone());
        Instant now = Instant.now();
        Random random = new Random(1);
        for (HostReport r : BenchHosts.reports(hosts, now)) {
            // some hosts already half full, some busy building
            Resources used = new Resources(random.nextInt(r.vcpus()), random.nextInt(r.memoryMb() / 2),
                    random.nextInt(r.diskGb() / 2));
            hostStates.update(new ResourceProvider(r.host(), r.node(), r.hypervisorType(), r.hypervisorVersion(),
                    r.hostIp(), new Resources(r.vcpus(), r.memoryMb(), r.diskGb()),
                    new Resources(0, r.reservedMemoryMb(), 0), 16.0, 1.5, 1.0, used, random.nextInt(20),
                    random.nextInt(4), random.nextInt(100) == 0 ? 1 : 0, r.capabilities(), null, null, now, 1));
        }
        hostStates.replaceAggregates(BenchHosts.aggregates(hosts));
        selector = new HostSelector(Filters.enabled(settings), Weighers.enabled(settings), 1,
                RandomGenerator.getDefault());
        requests = new RequestSpec[256];
        Random r = new Random(7);
        for (int i = 0; i < requests.length; i++) {
            requests[i] = BenchHosts.request(r);
        }
    }

    @Benchmark
    public List<HostState> filterAndWeigh() {
        RequestSpec spec = requests[next++ & 255];
        return selector.rank(hostStates.snapshot(), SchedulingRequest.of(spec, Instant.now()));
    }

    @Benchmark
    public List<HostState> filterAndWeighInOneZone() {
        RequestSpec s = requests[next++ & 255];
        RequestSpec spec = new RequestSpec(s.projectId(), s.userId(), s.flavor(), s.image(), "az1", null, null,
                null, null, Map.of(), null);
        return selector.rank(hostStates.snapshot(), SchedulingRequest.of(spec, Instant.now()));
    }
}
