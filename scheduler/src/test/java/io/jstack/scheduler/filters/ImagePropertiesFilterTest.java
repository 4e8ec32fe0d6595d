package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePropertiesFilterTest {

    private final ImagePropertiesFilter filter = new ImagePropertiesFilter();

    @Test
    void imageWithoutRequirementsRunsAnywhere() {
        assertTrue(filter.hostPasses(host("h").capability("supported_instances", null).build(),
                request().image(Map.of("os_distro", "debian")).build()));
    }

    @Test
    void architectureMustBeSupported() {
        assertTrue(filter.hostPasses(host("h").build(), request().image(Map.of("hw_architecture", "x86_64")).build()));
        assertTrue(filter.hostPasses(host("h").build(), request().image(Map.of("hw_architecture", "amd64")).build()));
        assertFalse(filter.hostPasses(host("h").build(), request().image(Map.of("hw_architecture", "aarch64")).build()));
    }

    @Test
    void hypervisorTypeAndVmModeMustMatchTheSameSupportedInstance() {
        var host = host("h").capability("supported_instances", "x86_64:qemu:hvm,aarch64:qemu:xen").build();
        assertTrue(filter.hostPasses(host, request().image(Map.of("img_hv_type", "qemu", "hw_vm_mode", "hvm")).build()));
        assertTrue(filter.hostPasses(host, request().image(Map.of("hw_architecture", "aarch64", "hw_vm_mode", "xen"))
                .build()));
        assertFalse(filter.hostPasses(host, request().image(Map.of("hw_architecture", "x86_64", "hw_vm_mode", "xen"))
                .build()));
        assertFalse(filter.hostPasses(host, request().image(Map.of("img_hv_type", "xen")).build()));
    }

    @Test
    void olderPropertyNamesAndVmModeSpellingsCount() {
        assertTrue(filter.hostPasses(host("h").build(), request().image(Map.of("architecture", "x86_64",
                "vm_mode", "hv")).build()));
        assertFalse(filter.hostPasses(host("h").build(), request().image(Map.of("hypervisor_type", "vmware")).build()));
    }

    @Test
    void hostsAdvertisingNothingFailImagesWithRequirements() {
        assertFalse(filter.hostPasses(host("h").capability("supported_instances", null).build(),
                request().image(Map.of("hw_architecture", "x86_64")).build()));
    }

    @Test
    void requestedHypervisorVersion() {
        var host = host("h").hypervisor("QEMU", 8_002_001).build();
        assertTrue(filter.hostPasses(host, request().image(Map.of("img_hv_type", "qemu",
                "img_hv_requested_version", ">=8.0")).build()));
        assertTrue(filter.hostPasses(host, request().image(Map.of("img_hv_type", "qemu",
                "img_hv_requested_version", ">=6.0, <9.0")).build()));
        assertFalse(filter.hostPasses(host, request().image(Map.of("img_hv_type", "qemu",
                "img_hv_requested_version", ">=8.3")).build()));
        assertTrue(ImagePropertiesFilter.versionSatisfied(8_002_001, "==8.2.1"));
        assertFalse(ImagePropertiesFilter.versionSatisfied(8_002_001, "<8.2.1"));
        assertTrue(ImagePropertiesFilter.versionSatisfied(0, ">=99"));
    }
}
