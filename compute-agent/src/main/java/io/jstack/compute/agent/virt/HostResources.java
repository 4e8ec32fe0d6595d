package io.jstack.compute.agent.virt;

import java.util.List;
import java.util.Map;

/**
 * A hypervisor host's inventory and facts (Nova's get_available_resource).
 *
 * @param supportedInstances {@code arch:hv_type:vm_mode} triples the host can run (ImagePropertiesFilter)
 * @param capabilities       further facts flavors may match on ({@code capabilities:} extra specs)
 */
public record HostResources(String hypervisorHostname, String hypervisorType, long hypervisorVersion,
                            String hostIp, int vcpus, int memoryMb, int diskGb, String cpuArch,
                            List<String> supportedInstances, Map<String, String> capabilities, List<String> traits) {
    public HostResources {
        supportedInstances = supportedInstances == null ? List.of() : List.copyOf(supportedInstances);
        capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
        traits = traits == null ? List.of() : List.copyOf(traits);
    }
}
