package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.scheduler.Fixtures.flavor;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeCapabilitiesFilterTest {

    private final ComputeCapabilitiesFilter filter = new ComputeCapabilitiesFilter();

    private boolean passes(Map<String, String> extraSpecs) {
        var host = host("h").total(16, 32768, 500).hypervisor("QEMU", 8_000_000)
                .capability("cpu_info:arch", "x86_64").capability("cpu_info:features", "sse4 avx avx2").build();
        return filter.hostPasses(host, request().flavor(flavor(1, 512, 1, extraSpecs)).build());
    }

    @Test
    void noExtraSpecsPasses() {
        assertTrue(passes(Map.of()));
    }

    @Test
    void scopedCapabilitiesAreMatchedWithOperators() {
        assertTrue(passes(Map.of("capabilities:hypervisor_type", "s== QEMU")));
        assertFalse(passes(Map.of("capabilities:hypervisor_type", "s== xen")));
        assertTrue(passes(Map.of("capabilities:vcpus_total", ">= 16")));
        assertFalse(passes(Map.of("capabilities:vcpus_total", ">= 17")));
        assertTrue(passes(Map.of("capabilities:cpu_info:arch", "x86_64")));
        assertTrue(passes(Map.of("capabilities:cpu_info:features", "<all-in> avx sse4")));
        assertTrue(passes(Map.of("capabilities:hypervisor_version", "= 7000000")));
        assertTrue(passes(Map.of("capabilities:free_ram_mb", ">= 32768")));
    }

    @Test
    void capabilityTheHostLacksFails() {
        assertFalse(passes(Map.of("capabilities:gpu", "<in> nvidia")));
    }

    @Test
    void otherScopesAreIgnored() {
        assertTrue(passes(Map.of("hw:cpu_policy", "dedicated", "quota:disk_read_bytes_sec", "1000")));
    }

    @Test
    void unscopedKeysCountOnlyForFactsTheHostHas() {
        assertTrue(passes(Map.of("no_such_fact", "anything")));
        assertTrue(passes(Map.of("hypervisor_type", "QEMU")));
        assertFalse(passes(Map.of("hypervisor_type", "xen")));
    }
}
