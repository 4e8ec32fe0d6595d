package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import org.junit.jupiter.api.Test;

import static io.jstack.scheduler.Fixtures.flavor;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RamFilter, CoreFilter and DiskFilter: what fits is (total - reserved) * ratio - used. */
class ResourceFiltersTest {

    @Test
    void ramFitsWithinTheAllocationRatio() {
        HostState host = host("h").total(4, 1024, 10).ratios(1.0, 1.5, 1.0).used(0, 1024, 0).build();
        assertTrue(new RamFilter().hostPasses(host, request().flavor(flavor(1, 512, 1)).build()));
        assertFalse(new RamFilter().hostPasses(host, request().flavor(flavor(1, 513, 1)).build()));
    }

    @Test
    void ramLeavesTheReservedMemoryAlone() {
        HostState host = host("h").total(4, 2048, 10).reserved(0, 512, 0).build();
        assertTrue(new RamFilter().hostPasses(host, request().flavor(flavor(1, 1536, 1)).build()));
        assertFalse(new RamFilter().hostPasses(host, request().flavor(flavor(1, 1537, 1)).build()));
    }

    @Test
    void coresOvercommitWithTheCpuRatio() {
        HostState host = host("h").total(2, 8192, 10).ratios(16.0, 1.0, 1.0).used(30, 0, 0).build();
        assertTrue(new CoreFilter().hostPasses(host, request().flavor(flavor(2, 512, 1)).build()));
        assertFalse(new CoreFilter().hostPasses(host, request().flavor(flavor(3, 512, 1)).build()));
    }

    @Test
    void coresLeaveReservedCpusAlone() {
        HostState host = host("h").total(4, 8192, 10).reserved(1, 0, 0).build();
        assertTrue(new CoreFilter().hostPasses(host, request().flavor(flavor(3, 512, 1)).build()));
        assertFalse(new CoreFilter().hostPasses(host, request().flavor(flavor(4, 512, 1)).build()));
    }

    @Test
    void diskCountsRootEphemeralAndSwap() {
        HostState host = host("h").total(4, 8192, 20).used(0, 0, 10).build();
        assertTrue(new DiskFilter().hostPasses(host, request().flavor(flavor(1, 512, 10)).build()));
        assertFalse(new DiskFilter().hostPasses(host, request().flavor(flavor(1, 512, 11)).build()));
        var withSwap = new io.jstack.common.compute.FlavorSpec("f", "f", 1, 512, 9, 0, 1024, null);
        assertTrue(new DiskFilter().hostPasses(host, request().flavor(withSwap).build()));
        var withEphemeral = new io.jstack.common.compute.FlavorSpec("f", "f", 1, 512, 9, 2, 0, null);
        assertFalse(new DiskFilter().hostPasses(host, request().flavor(withEphemeral).build()));
    }

    @Test
    void diskRatioOvercommits() {
        HostState host = host("h").total(4, 8192, 10).ratios(1.0, 1.0, 2.0).used(0, 0, 15).build();
        assertTrue(new DiskFilter().hostPasses(host, request().flavor(flavor(1, 512, 5)).build()));
        assertFalse(new DiskFilter().hostPasses(host, request().flavor(flavor(1, 512, 6)).build()));
    }
}
