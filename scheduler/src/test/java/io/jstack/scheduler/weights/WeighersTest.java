package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each weigher's raw score and sign, and the normalised sum. */
class WeighersTest {

    private static final double EPS = 1e-9;

    private static double[] weigh(List<HostState> hosts, HostWeigher... weighers) {
        return weigh(hosts, request().build(), weighers);
    }

    private static double[] weigh(List<HostState> hosts, SchedulingRequest request, HostWeigher... weighers) {
        return Weighing.weigh(hosts, request, List.of(weighers));
    }

    private final List<HostState> byRam = List.of(
            host("small").total(8, 4096, 100).build(),
            host("half").total(8, 8192, 100).used(0, 4096, 0).build(),
            host("big").total(8, 16384, 100).build());

    @Test
    void ramSpreadsToTheMostFreeMemory() {
        assertArrayEquals(new double[]{0, 0, 1}, weigh(byRam, new RAMWeigher(1.0)), EPS);
    }

    @Test
    void negativeRamMultiplierStacks() {
        assertArrayEquals(new double[]{0, 0, -2}, weigh(byRam, new RAMWeigher(-2.0)), EPS);
    }

    @Test
    void ramFreeCountsTheAllocationRatio() {
        var hosts = List.of(host("a").total(8, 4096, 100).ratios(1, 1.5, 1).build(),
                host("b").total(8, 5000, 100).build());
        assertEquals(4096 * 1.5, hosts.get(0).freeRamMb(), EPS);
        assertArrayEquals(new double[]{1, 0}, weigh(hosts, new RAMWeigher(1.0)), EPS);
    }

    @Test
    void cpuWeighsFreeVcpusAfterTheRatio() {
        var hosts = List.of(host("a").total(4, 8192, 100).ratios(16, 1, 1).used(60, 0, 0).build(),
                host("b").total(8, 8192, 100).ratios(1, 1, 1).build(),
                host("c").total(4, 8192, 100).ratios(16, 1, 1).used(32, 0, 0).build());
        // free: 4, 8, 32
        assertArrayEquals(new double[]{0, 4.0 / 28, 1}, weigh(hosts, new CPUWeigher(1.0)), EPS);
    }

    @Test
    void diskWeighsFreeDisk() {
        var hosts = List.of(host("a").total(4, 8192, 100).used(0, 0, 50).build(),
                host("b").total(4, 8192, 100).build());
        assertArrayEquals(new double[]{0, 1}, weigh(hosts, new DiskWeigher(1.0)), EPS);
    }

    @Test
    void ioOpsDefaultPrefersQuietHosts() {
        var hosts = List.of(host("busy").ioOps(4).build(), host("quiet").ioOps(0).build(),
                host("some").ioOps(2).build());
        assertArrayEquals(new double[]{-1, 0, -0.5}, weigh(hosts, new IoOpsWeigher(-1.0)), EPS);
    }

    @Test
    void numInstancesPacksOrSpreads() {
        var hosts = List.of(host("a").instances(10).build(), host("b").instances(0).build());
        assertArrayEquals(new double[]{1, 0}, weigh(hosts, new NumInstancesWeigher(1.0)), EPS);
        assertArrayEquals(new double[]{-1, 0}, weigh(hosts, new NumInstancesWeigher(-1.0)), EPS);
    }

    @Test
    void softAffinityPrefersHostsWithMembers() {
        var hosts = List.of(host("h1").build(), host("h2").build(), host("h3").build());
        var request = request().group("soft-affinity", null, Map.of("h2", 2, "h3", 1)).build();
        assertArrayEquals(new double[]{0, 1, 0.5}, weigh(hosts, request, new ServerGroupSoftAffinityWeigher(1.0)), EPS);
        // only for its own policy
        var other = request().group("soft-anti-affinity", null, Map.of("h2", 2)).build();
        assertArrayEquals(new double[]{0, 0, 0}, weigh(hosts, other, new ServerGroupSoftAffinityWeigher(1.0)), EPS);
    }

    @Test
    void softAntiAffinityPrefersHostsWithoutMembers() {
        var hosts = List.of(host("h1").build(), host("h2").build(), host("h3").build());
        var request = request().group("soft-anti-affinity", null, Map.of("h2", 2, "h3", 1)).build();
        assertArrayEquals(new double[]{1, 0, 0.5},
                weigh(hosts, request, new ServerGroupSoftAntiAffinityWeigher(1.0)), EPS);
    }

    @Test
    void buildFailuresSinkAHostBelowEveryOther() {
        var hosts = List.of(host("failing").total(64, 262144, 1000).failedBuilds(3).build(),
                host("small").total(2, 2048, 20).build());
        double[] weights = weigh(hosts, new RAMWeigher(1.0), new CPUWeigher(1.0), new DiskWeigher(1.0),
                new BuildFailureWeigher(1_000_000.0));
        assertEquals(3.0 - 1_000_000.0, weights[0], EPS);
        assertEquals(0.0, weights[1], EPS);
    }

    @Test
    void equalValuesWeighNothingAndZeroMultipliersAreSkipped() {
        var hosts = List.of(host("a").build(), host("b").build());
        assertArrayEquals(new double[]{0, 0}, weigh(hosts, new RAMWeigher(1.0)), EPS);
        var different = List.of(host("a").instances(3).build(), host("b").build());
        assertArrayEquals(new double[]{0, 0}, weigh(different, new NumInstancesWeigher(0.0)), EPS);
    }

    @Test
    void weightsAddUpAcrossWeighers() {
        var hosts = List.of(host("ram").total(8, 16384, 100).build(), host("cpu").total(16, 8192, 100).build());
        assertArrayEquals(new double[]{2, 1}, weigh(hosts, new RAMWeigher(2.0), new CPUWeigher(1.0)), EPS);
    }
}
